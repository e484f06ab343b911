"""Exact money: decimal strings with two places for display, integer fen (CNY cents) for sums."""

from __future__ import annotations

from decimal import Decimal

CENT = Decimal("0.01")


def normalize(raw: str) -> str:
    """A valid amount ('1200', ' 5.5'; see `validation.amount_error`) as stored: '1200.00', '5.50'."""
    return str((Decimal(raw.strip()) + 0).quantize(CENT))  # + 0 turns -0 into 0


def to_fen(amount: str) -> int:
    """Integer cents of a valid amount: '1200.05' → 120005."""
    return int(Decimal(amount.strip()).quantize(CENT) * 100)


def from_fen(fen: int) -> str:
    """Decimal string of integer cents: 120005 → '1200.05'."""
    return str((Decimal(fen) / 100).quantize(CENT))


def ratio(part_fen: int, whole_fen: int) -> float | None:
    """part / whole rounded to four places (a progress figure, not money); None without a whole."""
    if whole_fen <= 0:
        return None
    return float((Decimal(part_fen) / Decimal(whole_fen)).quantize(Decimal("0.0001")))
