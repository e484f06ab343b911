"""Deterministic random helpers: weighted picks and samples, dates, rounded money."""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Generic, TypeVar

T = TypeVar("T")

# The bundle's "today": nothing is dated later, so output never depends on the clock.
AS_OF = date(2026, 11, 26)
THIS_YEAR = AS_OF.year
CENT = Decimal("0.01")


class Weighted(Generic[T]):
    """Items with weights, each pick costing one uniform draw and a bisection."""

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        if not pairs:
            raise ValueError("Weighted needs at least one item")
        self.items = [item for item, _ in pairs]
        self.cum = list(itertools.accumulate(weight for _, weight in pairs))

    def pick(self, rng: random.Random) -> T:
        """One item, chosen with probability proportional to its weight."""
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


def weighted_sample(rng: random.Random, pairs: Sequence[tuple[T, float]], k: int) -> list[T]:
    """k distinct items without replacement, favouring heavy ones (Efraimidis–Spirakis keys)."""
    keyed = [(rng.random() ** (1.0 / weight), i) for i, (_, weight) in enumerate(pairs)]
    keyed.sort(reverse=True)
    return [pairs[i][0] for _, i in keyed[:k]]


def chance(rng: random.Random, p: float) -> bool:
    """True with probability p."""
    return rng.random() < p


def date_between(rng: random.Random, first: date, last: date) -> date:
    """A uniformly random day in [first, last] (first when last is earlier)."""
    span = (last - first).days
    return first if span <= 0 else first + timedelta(days=rng.randint(0, span))


def day_in(rng: random.Random, year: int, months: tuple[int, int] = (1, 12)) -> date:
    """A random day of `year` within the months given, never after AS_OF."""
    first = date(year, months[0], 1)
    last = date(year, 12, 31) if months[1] == 12 else date(year, months[1] + 1, 1) - timedelta(days=1)
    return date_between(rng, min(first, AS_OF), min(last, AS_OF))


def money(value: float | Decimal) -> Decimal:
    """A decimal with exactly two places."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def round_gift(rng: random.Random, low: float, high: float) -> Decimal:
    """A log-uniform amount in [low, high], rounded the way people give (100, 500, 2000, 50000…)."""
    raw = low * (high / low) ** rng.random()
    step = 10 ** max(1, len(str(int(raw))) - 2)
    return money(max(step, round(raw / step) * step))


def ordered_pair(a: int, b: int) -> tuple[int, int]:
    """The pair with the smaller index first (for undirected ties)."""
    return (a, b) if a < b else (b, a)
