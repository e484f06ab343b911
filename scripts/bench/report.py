"""The benchmark's results: one row per scenario, ratios, answer checks, a table and a JSON file."""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from scripts.bench.load import Load
from scripts.bench.measure import Series, canonical, percentile
from scripts.bench.scenario import Scenario

SIDES = ("raw", "ours", "peer")


@dataclass
class Row:
    """One scenario's three series and whether their answers agree."""

    scenario: Scenario
    series: dict[str, Series] = field(default_factory=dict)
    path: str | None = None
    "How our API answered: compiled (one statement per root field), fallback or resolvers."
    load: dict[str, Load] = field(default_factory=dict)
    "The concurrency run of ours and the peer."

    @property
    def matched(self) -> bool:
        """Every side that ran answered without error and with the same normalised answer."""
        done = list(self.series.values())
        return bool(done) and all(s.error is None for s in done) and len({s.digest for s in done}) == 1

    def ratio(self, a: str, b: str) -> float | None:
        """p50 of side a over p50 of side b."""
        x, y = self.series.get(a), self.series.get(b)
        if x is None or y is None or x.p50 is None or y.p50 is None or y.p50 == 0:
            return None
        return x.p50 / y.p50

    def mismatch(self) -> list[str]:
        """Lines describing what each side answered (errors or normalised answers), for a loud report."""
        return [
            f"    {side}: " + (f"ERROR {s.error}" if s.error else f"{s.digest} {canonical(s.answer)[:300]}")
            for side, s in self.series.items()
        ]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        sides = {
            side: None
            if s is None
            else {
                "p50_ms": s.p50,
                "p99_ms": s.p99,
                "n": len(s.samples_ms),
                "digest": s.digest,
                "error": s.error,
            }
            for side in SIDES
            for s in [self.series.get(side)]
        }
        return {
            "scenario": self.scenario.name,
            "notes": list(self.scenario.notes),
            "sides": sides,
            "answers_match": self.matched,
            "ours_over_raw": self.ratio("ours", "raw"),
            "ours_over_peer": self.ratio("ours", "peer"),
            "ours_path": self.path,
            "concurrency": {side: load.as_dict() for side, load in self.load.items()},
        }


def _ms(value: float | None) -> str:
    return "—" if value is None else (f"{value:.1f}" if value < 100 else f"{value:.0f}")


def _x(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def _cell(s: Series | None) -> str:
    if s is None:
        return "n/a"
    return "ERROR" if s.error else f"{_ms(s.p50)} / {_ms(s.p99)}"


def table(rows: list[Row]) -> str:
    """The results as a fixed-width text table (latencies in ms, p50 / p99)."""
    head = (
        "scenario",
        "raw p50/p99",
        "ours p50/p99",
        "peer p50/p99",
        "ours/raw",
        "ours/peer",
        "ours path",
        "answers",
    )
    lines = [head] + [
        (
            r.scenario.name,
            _cell(r.series.get("raw")),
            _cell(r.series.get("ours")),
            _cell(r.series.get("peer")),
            _x(r.ratio("ours", "raw")),
            _x(r.ratio("ours", "peer")),
            r.path or "—",
            "match" if r.matched else "MISMATCH",
        )
        for r in rows
    ]
    out = aligned(lines)
    out += [f"  * {r.scenario.name}: {note}" for r in rows for note in r.scenario.notes]
    return "\n".join(out)


def load_table(rows: list[Row]) -> str:
    """The concurrency run: requests/s, p50 / p99 and peak RSS of each server, ours beside the peer."""
    head = (
        "scenario",
        "clients",
        "ours req/s",
        "ours p50/p99",
        "peer req/s",
        "peer p50/p99",
        "ours/peer req/s",
    )
    lines = [head]
    for r in rows:
        ours, peer = r.load.get("ours"), r.load.get("peer")
        if ours is None:
            continue
        ratio = ours.per_second / peer.per_second if peer and peer.per_second else None
        lines.append(
            (
                r.scenario.name,
                str(ours.clients),
                f"{ours.per_second:.1f}",
                _load_cell(ours),
                f"{peer.per_second:.1f}" if peer else "n/a",
                _load_cell(peer),
                _x(ratio),
            )
        )
    out = aligned(lines)
    peaks = {
        side: max((r.load[side].peak_rss_mb or 0 for r in rows if side in r.load), default=0)
        for side in ("ours", "peer")
    }
    out.append(f"  peak RSS over the run: ours {peaks['ours']:.0f} MB, peer {peaks['peer']:.0f} MB")
    return "\n".join(out)


def _load_cell(load: Load | None) -> str:
    if load is None:
        return "n/a"
    return f"{_ms(percentile(load.samples_ms, 0.5))} / {_ms(percentile(load.samples_ms, 0.99))}" + (
        f" ({load.errors} errors)" if load.errors else ""
    )


def aligned(lines: Sequence[tuple[str, ...]]) -> list[str]:
    """Fixed-width columns, the first line a header underlined with dashes."""
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    out = ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in lines]
    out.insert(1, "  ".join("-" * w for w in widths))
    return out


def environment() -> dict[str, Any]:
    """Where the numbers were measured."""
    return {
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "system": platform.platform(),
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
    }


def write_json(out_dir: Path, document: dict[str, Any], stem: str = "bench") -> Path:
    """out/<stem>-<timestamp>.json."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{stem}-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path


def _busy(o: Any) -> str:
    if not o.still_running_after_s:
        return "no"
    return f"{o.still_running_after_s:.1f} s" + (f", {o.terminated} terminated" if o.terminated else "")


def safety_table(outcomes: list[Any]) -> str:
    """One line per hostile document and server."""
    head = (
        "document",
        "server",
        "answer",
        "seconds",
        "touched Neo4j",
        "Neo4j busy after the answer",
        "responsive after",
    )
    lines = [head] + [
        (
            o.document,
            o.server,
            "timed out"
            if o.timed_out
            else ("refused: " if o.refused else "answered ") + (o.error or "")[:64],
            f"{o.seconds:.2f}",
            "yes" if o.touched_database else "no",
            _busy(o),
            ("crashed" if o.crashed else "yes" if o.responsive_after else "NO")
            + (f" ({o.ping_ms:.0f} ms)" if o.ping_ms is not None else ""),
        )
        for o in outcomes
    ]
    out = aligned(lines)
    out += [f"  * {o.server}, {o.document}: {note}" for o in outcomes for note in o.notes]
    return "\n".join(out)
