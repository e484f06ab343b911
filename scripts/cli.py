"""The `alumni-graph` command: serve, neo4j, migrate, import, export, seed, token, bench."""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TypeVar

from api.settings import SettingsError, load_settings
from graph.core.db import Database
from graph.core.errors import GraphError
from scripts import neo4j_local
from scripts.bench.cli import add_parser as add_bench_parser
from scripts.neo4j_local import Instance, Neo4jLocalError, Sizing
from scripts.reports.cli import add_parser as add_report_parser

Handler = Callable[[argparse.Namespace], int]
T = TypeVar("T")

# The shipped demo bundle (see demo/README.md); it lives beside the code, not in ALUMNI_GRAPH_HOME.
DEMO_DIR = Path(__file__).resolve().parents[1] / "demo"


class CliError(Exception):
    """A problem reported as one line on stderr with exit status 1."""


def _instance(args: argparse.Namespace) -> Instance:
    return Instance(getattr(args, "instance", "dev"))


def use_local_neo4j(args: argparse.Namespace) -> None:
    """Point NEO4J_* at the project's local server unless NEO4J_URI already names one."""
    if os.environ.get("NEO4J_URI"):
        return
    state = _instance(args).state()
    if state is None:
        raise CliError(
            f"no Neo4j is running for instance '{_instance(args).name}' and NEO4J_URI is not set: "
            "run `alumni-graph neo4j start` (or ./scripts/run), or set NEO4J_URI"
        )
    os.environ.update(
        NEO4J_URI=state.uri,
        NEO4J_USER="neo4j",
        NEO4J_PASSWORD=state.password,
        NEO4J_DATABASE="neo4j",
    )


def use_local_secret() -> None:
    """Give local runs a stable generated token secret unless ALUMNI_GRAPH_JWT_SECRET is set."""
    if os.environ.get("ALUMNI_GRAPH_JWT_SECRET"):
        return
    path = neo4j_local.project_root() / ".neo4j" / "jwt-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        path.chmod(0o600)
    os.environ["ALUMNI_GRAPH_JWT_SECRET"] = path.read_text(encoding="utf-8").strip()


# -- neo4j ---------------------------------------------------------------------------------
def cmd_neo4j(args: argparse.Namespace) -> int:
    """Start, stop or inspect the local Neo4j."""
    inst = _instance(args)
    if args.action in ("start", "stop") and os.environ.get("NEO4J_URI"):
        print(f"NEO4J_URI is set ({os.environ['NEO4J_URI']}): using that server; nothing to {args.action}.")
        return 0
    if args.action == "start":
        sizing = Sizing(heap=args.heap, pagecache=args.pagecache)
        started = inst.start(port=args.port, sizing=sizing, wait_s=args.wait, fresh=args.fresh)
        print(
            f"Neo4j {neo4j_local.NEO4J_VERSION} ({inst.name}) is running at {started.uri} (pid {started.pid})"
        )
        return 0
    if args.action == "stop":
        stopped = inst.stop()
        print(f"Neo4j ({inst.name}) stopped." if stopped else f"Neo4j ({inst.name}) was not running.")
        return 0
    state = inst.state()
    if args.action == "status":
        if state is None:
            print(f"Neo4j ({inst.name}) is not running.")
            return 3
        print(f"Neo4j ({inst.name}) is running at {state.uri} (pid {state.pid}, home {state.home})")
        return 0
    if state is None:
        raise CliError(f"Neo4j ({inst.name}) is not running: run `alumni-graph neo4j start` first")
    print(f"export NEO4J_URI={state.uri}")
    print("export NEO4J_USER=neo4j")
    print(f"export NEO4J_PASSWORD={state.password}")
    print("export NEO4J_DATABASE=neo4j")
    return 0


# -- database commands ---------------------------------------------------------------------
def with_database(args: argparse.Namespace, work: Callable[[Database], Awaitable[T]]) -> T:
    """Run `work` with the configured (or local) Neo4j open, then close it."""
    from api.app import connection_settings
    from graph.core.db import open_database

    use_local_neo4j(args)
    settings = load_settings()

    async def run() -> T:
        async with open_database(connection_settings(settings)) as db:
            return await work(db)

    return asyncio.run(run())


def cmd_migrate(args: argparse.Namespace) -> int:
    """Apply pending migrations and load reference data."""
    from graph.core.migrations import migrate

    applied = with_database(args, migrate)
    print(f"migrations applied: {applied or 'none (already current)'}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write a yearly document (fund report, scorecard, retention lists)."""
    from scripts.reports.commands import HANDLERS

    if args.kind == "fund" and not args.code:
        raise CliError(
            "`report fund` needs the fund code, e.g. `alumni-graph report fund CS-DEV --year 2025`"
        )
    out = with_database(args, lambda db: HANDLERS[args.kind](db, args))
    print(f"wrote {out}")
    return 0


def cmd_load_demo(args: argparse.Namespace) -> int:
    """Import the demo bundle when the database has no alumni yet; otherwise say it was skipped."""
    from graph.bundle.importer import import_bundle
    from graph.bundle.report import ImportReport
    from graph.people.alumni import any_alumni

    async def work(db: Database) -> ImportReport | None:
        if await any_alumni(db):
            return None
        return await import_bundle(db, DEMO_DIR)

    report = with_database(args, work)
    if report is None:
        print("load-demo: the database already has alumni; skipped the demo bundle.")
        return 0
    print(
        f"load-demo: imported {report.rows_imported} rows of the demo bundle from {DEMO_DIR} "
        f"({report.rejected} rejected) in {report.elapsed_s:.1f} s"
    )
    return 2 if report.rejected else 0


def cmd_seed(args: argparse.Namespace) -> int:
    """Generate a deterministic bundle of realistic data and print rows per file."""
    from scripts.seed import MIN_ALUMNI, generate

    if args.alumni < MIN_ALUMNI:
        raise CliError(f"--alumni must be at least {MIN_ALUMNI}")
    out = Path(args.out) if args.out else neo4j_local.project_root() / "out" / f"seed-{args.alumni}"
    summary = generate(out, args.alumni, args.seed)
    print("\n".join(summary.lines()))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import a bundle (folder of CSV files, one CSV file, .zip or .xlsx)."""
    from scripts.bundle_cli import run_import

    use_local_neo4j(args)
    return run_import(Path(args.path), load_settings())


def cmd_export(args: argparse.Namespace) -> int:
    """Export the graph as a bundle folder."""
    from scripts.bundle_cli import run_export

    use_local_neo4j(args)
    return run_export(Path(args.folder), load_settings())


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the GraphQL API with Uvicorn."""
    import uvicorn

    from api.app import create_app

    use_local_neo4j(args)
    use_local_secret()
    if args.dev:
        os.environ.setdefault("ALUMNI_GRAPH_MODE", "development")
    settings = load_settings()
    app = create_app(settings)
    print(f"alumni-graph: GraphQL at http://{args.host}:{args.port}/graphql", flush=True)
    # loop/http "auto": uvloop and httptools (installed with the runtime dependencies) where the
    # platform has them, else asyncio and h11. The access log (a line per request) is opt-in.
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="info",
        access_log=settings.access_log,
        proxy_headers=False,
    )
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    """Issue a signed bearer token."""
    from api.auth import TokenError, TokenRequest, issue
    from schema.core.permissions import Role

    use_local_secret()
    os.environ.setdefault("NEO4J_URI", "bolt://unused")
    try:
        role = Role(args.role)
    except ValueError as exc:
        raise CliError(f"unknown role {args.role}: use one of {', '.join(r.value for r in Role)}") from exc
    req = TokenRequest(
        role=role,
        college=args.college,
        chapter=args.chapter,
        alumnus=args.alumnus,
        subject=args.subject,
        days=args.days,
    )
    try:
        print(issue(load_settings(), req))
    except TokenError as exc:
        raise CliError(str(exc)) from exc
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    p = argparse.ArgumentParser(prog="alumni-graph", description=__doc__)
    p.add_argument("--instance", default="dev", help="local Neo4j instance name (default: dev)")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("serve", help="serve the GraphQL API")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--dev", action="store_true", help="development mode (GraphiQL, GET queries)")
    s.set_defaults(func=cmd_serve)

    n = sub.add_parser("neo4j", help="manage the local Neo4j server")
    n.add_argument("action", choices=["start", "stop", "status", "env"])
    n.add_argument("--port", type=int, default=None, help="Bolt port (default: a free one)")
    n.add_argument("--heap", default="512m")
    n.add_argument("--pagecache", default="256m")
    n.add_argument("--wait", type=float, default=120.0, help="seconds to wait for start-up")
    n.add_argument("--fresh", action="store_true", help="start from an empty data folder")
    n.set_defaults(func=cmd_neo4j)

    m = sub.add_parser("migrate", help="apply schema migrations and reference data")
    m.set_defaults(func=cmd_migrate)

    d = sub.add_parser("load-demo", help="import demo/ into a database that has no alumni yet")
    d.set_defaults(func=cmd_load_demo)

    g = sub.add_parser("seed", help="generate a realistic bundle (CSV files) deterministically")
    g.add_argument("--alumni", type=int, required=True, help="how many alumni (at least 200)")
    g.add_argument("--seed", type=int, default=20261126, help="random seed (default: 20261126)")
    g.add_argument("--out", help="output folder (default: out/seed-N)")
    g.set_defaults(func=cmd_seed)

    add_report_parser(sub).set_defaults(func=cmd_report)

    i = sub.add_parser("import", help="import a bundle: a folder of CSV files, a .zip or an .xlsx workbook")
    i.add_argument("path", help="the bundle folder, one bundle CSV file, a .zip of CSV files or an .xlsx")
    i.set_defaults(func=cmd_import)

    e = sub.add_parser("export", help="export the graph as a folder of CSV files")
    e.add_argument("folder", help="where to write the bundle (created if needed)")
    e.set_defaults(func=cmd_export)

    add_bench_parser(sub)

    t = sub.add_parser("token", help="issue a bearer token")
    t.add_argument("--role", required=True)
    t.add_argument("--college")
    t.add_argument("--chapter")
    t.add_argument("--alumnus")
    t.add_argument("--subject")
    t.add_argument("--days", type=float, default=30.0)
    t.set_defaults(func=cmd_token)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; expected failures print one line and exit non-zero."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except (CliError, Neo4jLocalError, SettingsError) as exc:
        print(f"alumni-graph: error: {exc}", file=sys.stderr)
        return 1
    except GraphError as exc:
        print(f"alumni-graph: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
