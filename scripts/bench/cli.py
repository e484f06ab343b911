"""Arguments of `alumni-graph bench` and its handler.

Only this module is imported while the CLI builds its parser, so it imports nothing the runtime
package lacks: the benchmark itself (httpx, the Node.js peer) is imported when `bench` runs, after
`missing_tools` has said in one line what to install.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
from typing import Any

from scripts.bench.plan import Plan
from scripts.seed import DEFAULT_SEED, MIN_ALUMNI

DEFAULT_ALUMNI = 100_000
DEFAULT_GROWTH = (10_000, 100_000)
"Sizes of `--growth` without numbers (1,000,000 only when asked for)."


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """The `bench` subcommand."""
    b: argparse.ArgumentParser = sub.add_parser(
        "bench", help="benchmark our API against raw Cypher and the Neo4j GraphQL Library"
    )
    b.add_argument("--alumni", type=int, default=DEFAULT_ALUMNI, help="dataset size (default: 100000)")
    b.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"seed of the generator (default: {DEFAULT_SEED})"
    )
    b.add_argument(
        "--reuse", action="store_true", help="keep the bench database when it already holds that size"
    )
    b.add_argument("--keep", action="store_true", help="leave the bench Neo4j running afterwards")
    b.add_argument(
        "--iterations",
        type=int,
        default=Plan.iterations,
        help=f"timed requests per side (default: {Plan.iterations})",
    )
    b.add_argument(
        "--warmup", type=int, default=Plan.warmup, help=f"untimed requests first (default: {Plan.warmup})"
    )
    b.add_argument(
        "--budget",
        type=float,
        default=Plan.budget_s,
        help=f"seconds per side and scenario (default: {Plan.budget_s:.0f})",
    )
    b.add_argument(
        "--only",
        nargs="+",
        default=(),
        metavar="WORD",
        help="run only the scenarios whose name contains one of these words (e.g. --only fundReport network)",
    )
    b.add_argument(
        "--clients",
        type=int,
        default=Plan.clients,
        help=f"concurrent clients of the concurrency run, 0 to skip it (default: {Plan.clients})",
    )
    b.add_argument(
        "--load-seconds",
        type=float,
        default=Plan.load_s,
        help=f"seconds per server and scenario in the concurrency run (default: {Plan.load_s:.0f})",
    )
    b.add_argument(
        "--growth",
        type=int,
        nargs="*",
        default=None,
        metavar="N",
        help="run every scenario at several sizes, each imported afresh (import time included), and print"
        " a growth table (default sizes: 10000 100000; e.g. --growth 10000 100000 1000000)",
    )
    b.add_argument("--no-safety", dest="safety", action="store_false", help="skip the hostile documents")
    b.set_defaults(func=cmd_bench)
    return b


def missing_tools() -> str | None:
    """What the benchmark needs and this machine lacks, as one line to act on; None when all is there.

    httpx is a development dependency (the API itself never makes HTTP requests), and the peer runs
    on Node.js; a plain `pip install .` has neither, and every other subcommand works without them.
    """
    wanted = []
    if importlib.util.find_spec("httpx") is None:
        wanted.append("httpx (pip install -c constraints.txt '.[dev]')")
    if shutil.which("node") is None or shutil.which("npm") is None:
        wanted.append("Node.js 20+ with npm (Debian: apt-get install nodejs npm)")
    if not wanted:
        return None
    return "`bench` needs " + " and ".join(wanted)


def cmd_bench(args: argparse.Namespace) -> int:
    """Run the benchmark; one-line errors for what the user can fix."""
    missing = missing_tools()
    if missing:
        print(f"alumni-graph: error: {missing}", file=sys.stderr)
        return 1
    from scripts.bench.command import Options, run
    from scripts.bench.dataset import Wanted
    from scripts.bench.errors import BenchError

    growth = () if args.growth is None else tuple(args.growth or DEFAULT_GROWTH)
    if min((args.alumni, *growth)) < MIN_ALUMNI:
        print(
            f"alumni-graph: error: --alumni and --growth sizes must be at least {MIN_ALUMNI}", file=sys.stderr
        )
        return 1
    if args.iterations < 1 or args.warmup < 0:
        print("alumni-graph: error: --iterations must be at least 1 and --warmup at least 0", file=sys.stderr)
        return 1
    plan = Plan(
        warmup=args.warmup,
        iterations=args.iterations,
        budget_s=args.budget,
        only=tuple(args.only),
        clients=max(0, args.clients),
        load_s=args.load_seconds,
    )
    try:
        return run(
            Options(
                Wanted(args.alumni, args.seed, args.reuse),
                plan,
                keep=args.keep,
                safety=args.safety,
                growth=growth,
            )
        )
    except BenchError as exc:
        print(f"alumni-graph: error: {exc}", file=sys.stderr)
        return 1
