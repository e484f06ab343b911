"""`alumni-graph bench`: prepare the bench Neo4j, run every scenario three ways, report, clean up."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace

from scripts.bench.dataset import Wanted, holds, prepare, start_instance, stop_instance
from scripts.bench.growth import Prepared, growth_document, growth_table, run_growth
from scripts.bench.plan import Plan
from scripts.bench.report import load_table, safety_table, table, write_json
from scripts.bench.runner import run_suite
from scripts.bench.safety import Limits
from scripts.neo4j_local import project_root


@dataclass(frozen=True)
class Options:
    """What `alumni-graph bench` was asked to do."""

    wanted: Wanted
    plan: Plan
    keep: bool = False
    safety: bool = True
    growth: tuple[int, ...] = ()
    "Sizes of a growth run (`--growth`); empty: one run at `wanted.alumni`."


def say(line: str) -> None:
    """Progress on stdout, flushed (the run takes minutes; its log may be a file)."""
    print(line, flush=True)


def run(options: Options, echo: Callable[[str], None] = say) -> int:
    """0 when every answer matched, 2 when any scenario's answers differ."""
    if options.growth:
        return run_growth_command(options, echo)
    out = project_root() / "out"
    conn = start_instance(options.wanted, echo)
    try:
        asyncio.run(prepare(conn, options.wanted, echo))
        outcome = asyncio.run(
            run_suite(
                conn,
                options.plan,
                out / "bench-logs",
                hostile=Limits() if options.safety else None,
                echo=echo,
            )
        )
    finally:
        if not options.keep:
            stop_instance()
            echo("bench: stopped the bench Neo4j (use --keep to leave it running)")
    echo("\nLatency in ms (p50 / p99); ratios are of p50:\n" + table(outcome.rows))
    if any(r.load for r in outcome.rows):
        echo("\nConcurrency (requests/s; latency in ms, p50 / p99):\n" + load_table(outcome.rows))
    echo(f"\nFloor: GET /healthz p50 {outcome.document['healthz']['p50_ms']:.1f} ms")
    if outcome.safety:
        echo("\nSafety:\n" + safety_table(outcome.safety))
    document = outcome.document
    document["dataset"] |= {"seed": options.wanted.seed}
    echo(f"\nbench: wrote {write_json(out, document)}")
    if not document["all_answers_match"]:
        echo("bench: SOME ANSWERS DIFFER between raw, ours and peer — see the lines marked !! above")
        return 2
    return 0


def run_growth_command(options: Options, echo: Callable[[str], None] = say) -> int:
    """`bench --growth`: every size in turn, in the order given, in the one bench database (imported
    afresh unless --reuse finds that size there), then the growth table; 0 when every answer of
    every size matched."""
    out = project_root() / "out"

    async def sized(alumni: int) -> Prepared:
        wanted = replace(options.wanted, alumni=alumni)
        stop_instance()
        conn = start_instance(wanted, echo)
        if wanted.reuse and not await holds(conn, wanted):
            echo(f"bench: --reuse: the bench database does not hold {alumni:,} alumni; importing afresh")
            stop_instance()
            wanted = replace(wanted, reuse=False)
            conn = start_instance(wanted, echo)
        return conn, await prepare(conn, wanted, echo)

    try:
        runs = asyncio.run(
            run_growth(
                options.growth,
                sized,
                options.plan,
                out / "bench-logs",
                hostile=Limits() if options.safety else None,
                echo=echo,
            )
        )
    finally:
        if not options.keep:
            stop_instance()
            echo("bench: stopped the bench Neo4j (use --keep to leave it running)")
    document = growth_document(runs) | {"seed": options.wanted.seed}
    echo("\nGrowth (p50 in ms; ours × and raw × are largest size over smallest):\n" + growth_table(runs))
    echo(f"\nbench: wrote {write_json(out, document, 'bench-growth')}")
    if not document["all_answers_match"]:
        echo("bench: SOME ANSWERS DIFFER between raw, ours and peer — see the lines marked !! above")
        return 2
    return 0
