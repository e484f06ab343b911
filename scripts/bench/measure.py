"""Timing one side of one scenario: warm-up, timed sequential requests, percentiles, answer digest."""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from scripts.bench.sides import AnswerError


@dataclass(frozen=True)
class Plan:
    """How hard to measure: warm-up requests, timed requests, and a time budget per series."""

    warmup: int = 2
    iterations: int = 25
    budget_s: float = 15.0
    min_iterations: int = 5
    only: tuple[str, ...] = ()
    "Words of scenario names to run (case-insensitive substrings); empty: every scenario."
    clients: int = 16
    "Concurrent clients of the concurrency run (0: no concurrency run)."
    load_s: float = 5.0
    "Seconds each side of each scenario runs under `clients` concurrent clients."

    def wants(self, name: str) -> bool:
        """Whether the scenario called `name` is part of this run."""
        return not self.only or any(w.lower() in name.lower() for w in self.only)


@dataclass
class Series:
    """The timed answers of one side to one scenario."""

    side: str
    samples_ms: list[float] = field(default_factory=list)
    answer: Any = None
    error: str | None = None

    @property
    def p50(self) -> float | None:
        """Median latency in milliseconds."""
        return percentile(self.samples_ms, 0.50)

    @property
    def p99(self) -> float | None:
        """99th-percentile latency in milliseconds (the maximum below 100 samples)."""
        return percentile(self.samples_ms, 0.99)

    @property
    def digest(self) -> str | None:
        """A short hash of the normalised answer."""
        return None if self.error else digest(self.answer)


def percentile(samples: list[float], q: float) -> float | None:
    """Nearest-rank percentile; None without samples."""
    if not samples:
        return None
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def canonical(value: Any) -> str:
    """Stable JSON text of a normalised answer."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def digest(value: Any) -> str:
    """First 12 hex digits of the SHA-256 of the canonical answer."""
    return hashlib.sha256(canonical(value).encode()).hexdigest()[:12]


Ask = Callable[[], Awaitable[Any]]
Normalise = Callable[[Any], Any]


async def _once(ask: Ask) -> tuple[float, Any]:
    t0 = time.perf_counter()
    answer = await ask()
    return (time.perf_counter() - t0) * 1000, answer


async def measure(sides: dict[str, tuple[Ask, Normalise]], plan: Plan) -> dict[str, Series]:
    """Warm every side up, then time them in turn (a, b, c, a, b, c, …) so that load on the
    machine falls on all of them alike; stop after `plan.iterations` rounds or when the budget
    (per side) is spent. A side that fails is recorded with its error and leaves the rotation."""
    series = {side: Series(side) for side in sides}
    answers: dict[str, Any] = {}
    live = [side for side in sides if await _warm(sides[side][0], plan.warmup, series[side])]
    started = time.monotonic()
    for i in range(plan.iterations):
        for side in list(live):
            try:
                ms, answers[side] = await _once(sides[side][0])
                series[side].samples_ms.append(ms)
            except AnswerError as exc:
                series[side].error = str(exc)
                live.remove(side)
        spent = time.monotonic() - started
        if i + 1 >= plan.min_iterations and spent > plan.budget_s * max(1, len(live)):
            break
    for side in live:
        series[side].answer = _normalised(sides[side][1], answers[side], series[side])
    return series


async def _warm(ask: Ask, times: int, series: Series) -> bool:
    try:
        for _ in range(times):
            await ask()
    except AnswerError as exc:
        series.error = str(exc)
        return False
    return True


def _normalised(normalise: Normalise, answer: Any, series: Series) -> Any:
    try:
        return normalise(answer)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        series.error = f"unexpected answer shape: {type(exc).__name__}: {exc}"
        return None
