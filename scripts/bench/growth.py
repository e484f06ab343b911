"""`bench --growth`: the same scenarios at several sizes, each with its import time, and a table
of how each scenario's p50 grows with the data (flat, or by how much)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.core.db import ConnectionSettings
from scripts.bench.plan import Plan
from scripts.bench.report import SIDES, Row, aligned, table
from scripts.bench.runner import Outcome, run_suite
from scripts.bench.safety import Limits

FLAT = 1.5
"A scenario whose ours p50 grows by at most this factor from the smallest to the largest size is flat."

Echo = Callable[[str], None]
Prepared = tuple[ConnectionSettings, float | None]
"Where the database of one size answers, and how long its import took (None: reused as it was)."
Prepare = Callable[[int], Awaitable[Prepared]]


@dataclass
class SizeRun:
    """One size: its import time and the outcome of the whole suite on it."""

    alumni: int
    import_s: float | None
    outcome: Outcome

    @property
    def rows(self) -> list[Row]:
        """The scenario rows of this size."""
        return self.outcome.rows


async def run_growth(
    sizes: Sequence[int],
    prepare: Prepare,
    plan: Plan,
    log_dir: Path,
    *,
    hostile: Limits | None = None,
    echo: Echo = print,
) -> list[SizeRun]:
    """For each size in the order given (so `--reuse` can start with the size the bench database
    holds): prepare its database, run the suite, print its table. Runs come back smallest first."""
    runs = []
    for alumni in dict.fromkeys(sizes):
        echo(f"\nbench --growth: {alumni:,} alumni")
        started = time.monotonic()
        conn, import_s = await prepare(alumni)
        echo(f"bench --growth: {alumni:,} alumni ready in {time.monotonic() - started:.0f} s")
        outcome = await run_suite(conn, plan, log_dir / str(alumni), hostile=hostile, echo=echo)
        echo(f"\nLatency at {alumni:,} alumni in ms (p50 / p99):\n" + table(outcome.rows))
        runs.append(SizeRun(alumni, import_s, outcome))
    return sorted(runs, key=lambda r: r.alumni)


def _p50(row: Row | None, side: str) -> float | None:
    series = row.series.get(side) if row else None
    return series.p50 if series is not None and series.error is None else None


def factor(first: Row | None, last: Row | None, side: str = "ours") -> float | None:
    """p50 at the largest size over p50 at the smallest, for one side."""
    a, b = _p50(first, side), _p50(last, side)
    return None if a is None or b is None or a == 0 else b / a


def shape(grown: float | None) -> str:
    """`flat` up to FLAT×, else `grows N×`."""
    if grown is None:
        return "—"
    return "flat" if grown <= FLAT else f"grows {grown:.1f}×"


def _ms(value: float | None) -> str:
    return "—" if value is None else (f"{value:.1f}" if value < 100 else f"{value:.0f}")


def _x(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def lines_up(runs: Sequence[SizeRun]) -> list[tuple[str, list[Row | None]]]:
    """Each scenario with its row at every size. The catalogue builds the same scenarios in the
    same order at every size, but some names carry inputs picked from the data (the industry, the
    search text, the deepest page), so rows are paired by position when every size ran as many;
    a scenario whose name changed is labelled `name at the smallest → name at the largest`.
    Otherwise (a scenario missing at some size) they are paired by name."""
    if len({len(r.rows) for r in runs}) == 1:
        paired: list[list[Row | None]] = [list(rows) for rows in zip(*(r.rows for r in runs), strict=True)]
        return [(_label([row.scenario.name for row in rows if row]), rows) for rows in paired]
    names: list[str] = []
    for run in runs:
        names += [r.scenario.name for r in run.rows if r.scenario.name not in names]
    by_name = [{r.scenario.name: r for r in run.rows} for run in runs]
    return [(name, [rows.get(name) for rows in by_name]) for name in names]


def _label(names: list[str]) -> str:
    return names[0] if len(set(names)) == 1 else f"{names[0]} → {names[-1]}"


def growth_table(runs: Sequence[SizeRun]) -> str:
    """One line per scenario: raw / ours / peer p50 at each size, ours/raw at each size, and how
    ours and raw grew from the smallest size to the largest (flat up to 1.5×)."""
    first, last = runs[0], runs[-1]
    head = (
        "scenario",
        *(f"{r.alumni:,}: raw / ours / peer" for r in runs),
        *(f"ours/raw {r.alumni:,}" for r in runs),
        f"ours ×{last.alumni // max(first.alumni, 1)}",
        "raw ×",
        "ours",
    )
    lines = [head]
    for name, rows in lines_up(runs):
        grown = factor(rows[0], rows[-1])
        lines.append(
            (
                name,
                *(" / ".join(_ms(_p50(row, side)) for side in SIDES) for row in rows),
                *(_x(row.ratio("ours", "raw") if row else None) for row in rows),
                _x(grown),
                _x(factor(rows[0], rows[-1], "raw")),
                shape(grown),
            )
        )
    out = aligned(lines)
    out.append(
        "  import: "
        + "; ".join(
            f"{r.alumni:,} alumni " + ("reused" if r.import_s is None else f"in {r.import_s:.0f} s")
            for r in runs
        )
    )
    return "\n".join(out)


def growth_document(runs: Sequence[SizeRun]) -> dict[str, Any]:
    """JSON-ready: every size's whole document, and the growth of each scenario."""
    first, last = runs[0], runs[-1]
    scenarios = []
    for name, rows in lines_up(runs):
        grown = factor(rows[0], rows[-1])
        scenarios.append(
            {
                "scenario": name,
                "p50_ms": {
                    str(r.alumni): {side: _p50(row, side) for side in SIDES}
                    for r, row in zip(runs, rows, strict=True)
                },
                "ours_over_raw": {
                    str(r.alumni): row.ratio("ours", "raw") if row else None
                    for r, row in zip(runs, rows, strict=True)
                },
                "ours_growth": grown,
                "raw_growth": factor(rows[0], rows[-1], "raw"),
                "shape": shape(grown),
            }
        )
    return {
        "sizes": [{"alumni": r.alumni, "import_s": r.import_s, "run": r.outcome.document} for r in runs],
        "from_alumni": first.alumni,
        "to_alumni": last.alumni,
        "flat_up_to": FLAT,
        "growth": scenarios,
        "all_answers_match": all(r.outcome.document["all_answers_match"] for r in runs),
    }
