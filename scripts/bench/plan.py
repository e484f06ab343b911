"""How hard the benchmark measures (a plain dataclass: the `bench` parser reads its defaults)."""

from __future__ import annotations

from dataclasses import dataclass


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
