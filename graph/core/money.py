"""Exact money: decimal strings outside, integer fen (CNY cents) inside Cypher sums."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_fen(amount: str | Decimal) -> int:
    """'1200.5' → 120050 (exact; at most two decimal places are meaningful)."""
    value = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    return int(value * 100)


def from_fen(fen: int | None) -> str:
    """120050 → '1200.50'; None → '0.00'."""
    return str((Decimal(fen or 0) / 100).quantize(CENT))


def normalize(amount: str) -> str:
    """A decimal string with exactly two places ('-0' becomes '0.00')."""
    return str((Decimal(amount.strip()) + 0).quantize(CENT, rounding=ROUND_HALF_UP))


def ratio(part_fen: int, whole_fen: int) -> float | None:
    """part / whole rounded to four places (a progress figure, not money); None without a whole."""
    if whole_fen <= 0:
        return None
    return float((Decimal(part_fen) / Decimal(whole_fen)).quantize(Decimal("0.0001")))
