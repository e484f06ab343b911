"""Running the benchmark against a prepared database: servers up, scenarios timed, safety probed."""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from neo4j import AsyncGraphDatabase

from api.auth import TokenRequest, issue
from api.settings import load_settings
from graph.core.db import ConnectionSettings
from schema.core.permissions import Role
from scripts.bench import safety
from scripts.bench.catalogue import scenarios
from scripts.bench.errors import BenchError
from scripts.bench.fixtures import Fixtures, pick
from scripts.bench.load import concurrently, healthz
from scripts.bench.measure import Ask, Normalise, measure
from scripts.bench.plan import Plan
from scripts.bench.report import SIDES, Row, environment
from scripts.bench.scenario import Document, Scenario
from scripts.bench.servers import PEER_DIR, Server, ensure_peer, neo4j_env, start_ours, start_peer
from scripts.bench.sides import Data, GraphQL, Raw

Echo = Callable[[str], None]


@dataclass
class Servers:
    """Our API and the peer, started and stopped together."""

    conn: ConnectionSettings
    secret: str
    log_dir: Path
    running: dict[str, Server] = field(default_factory=dict)

    def start(self, name: str) -> Server:
        """Start (or restart) one server."""
        if name in self.running:
            self.running[name].stop()
        server = (
            start_ours(self.conn, self.secret, self.log_dir)
            if name == "ours"
            else start_peer(self.conn, self.log_dir)
        )
        self.running[name] = server
        return server

    def stop_all(self) -> None:
        """Stop every server started here."""
        for server in self.running.values():
            server.stop()


@dataclass
class Outcome:
    """Everything one run produced."""

    fixtures: Fixtures
    rows: list[Row]
    safety: list[safety.Outcome]
    document: dict[str, Any]


def admin_token(conn: ConnectionSettings, secret: str) -> str:
    """An ADMIN bearer token signed with the secret the API under test was started with."""
    settings = load_settings(neo4j_env(conn) | {"ALUMNI_GRAPH_JWT_SECRET": secret})
    return issue(settings, TokenRequest(role=Role.ADMIN, subject="bench", days=1))


async def run_suite(
    conn: ConnectionSettings,
    plan: Plan,
    log_dir: Path,
    *,
    hostile: safety.Limits | None = safety.DEFAULT_LIMITS,
    echo: Echo = print,
) -> Outcome:
    """Start both servers on the prepared database, time every scenario, probe safety, stop them."""
    await asyncio.to_thread(ensure_peer)
    secret = secrets.token_urlsafe(48)
    servers = Servers(conn, secret, log_dir)
    try:
        for name in ("ours", "peer"):
            await asyncio.to_thread(servers.start, name)
        driver = AsyncGraphDatabase.driver(
            conn.uri, auth=(conn.user, conn.password), notifications_min_severity="OFF"
        )
        async with driver, httpx.AsyncClient() as client:
            token = admin_token(conn, secret)
            apis = {
                "ours": GraphQL(client, servers.running["ours"].graphql_url, token),
                "peer": GraphQL(client, servers.running["peer"].graphql_url),
            }
            rig = Rig(Raw(driver, conn.database), apis, servers, token)
            return await _measure(rig, plan, hostile, echo)
    finally:
        servers.stop_all()


@dataclass(frozen=True)
class Rig:
    """What the measurements talk to: the driver, both servers' clients, the servers, our token."""

    raw: Raw
    apis: dict[str, GraphQL]
    servers: Servers
    token: str


async def _measure(rig: Rig, plan: Plan, hostile: safety.Limits | None, echo: Echo) -> Outcome:
    raw, apis = rig.raw, rig.apis
    started = time.monotonic()
    fx = await pick(raw)
    echo(f"bench: {fx.alumni:,} alumni; inputs picked in {time.monotonic() - started:.0f} s")
    echo(f"bench: {_plan_line(plan)}")
    chosen = [s for s in await scenarios(fx, apis["ours"]) if plan.wants(s.name)]
    if not chosen:
        raise BenchError(f"no scenario matches --only {' '.join(plan.only)}")
    rows = [await run_scenario(s, raw, apis, plan, echo) for s in chosen]
    floor = await healthz(apis["ours"].client, rig.servers.running["ours"].base_url)
    echo(f"  floor: GET /healthz {floor['p50_ms'] or 0:.1f} ms p50, {floor['p99_ms'] or 0:.1f} ms p99")
    if plan.clients > 0:
        await _under_load(rig, rows, plan, echo)
    probes = await _probe(rig, hostile, echo) if hostile else []
    versions = await _versions(raw)
    document = _document(fx, plan, rows, probes, versions) | {"healthz": floor}
    return Outcome(fx, rows, probes, document)


async def _under_load(rig: Rig, rows: list[Row], plan: Plan, echo: Echo) -> None:
    """Every scenario again, ours then the peer, with `plan.clients` concurrent clients each."""
    echo(f"bench: concurrency — {plan.clients} clients, {plan.load_s:.0f} s per server and scenario")
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=plan.clients * 2)) as client:
        for row in rows:
            for side in ("ours", "peer"):
                doc: Document | None = getattr(row.scenario, side)
                if doc is None:
                    continue
                api = GraphQL(client, rig.apis[side].url)
                api.headers = rig.apis[side].headers
                pid = rig.servers.running[side].proc.pid
                row.load[side] = await concurrently(side, _asker(api, doc), plan.clients, plan.load_s, pid)
            echo(
                f"  {row.scenario.name}: "
                + ", ".join(f"{k} {v.per_second:.1f} req/s" for k, v in row.load.items())
            )


def _plan_line(plan: Plan) -> str:
    return (
        f"{plan.warmup} warm-up + up to {plan.iterations} timed requests per side"
        f" (at least {plan.min_iterations}, about {plan.budget_s:.0f} s at most), sequential"
    )


async def run_scenario(scenario: Scenario, raw: Raw, apis: dict[str, GraphQL], plan: Plan, echo: Echo) -> Row:
    """Time the sides of one scenario in turn and check that their answers agree."""
    c = scenario.raw
    sides: dict[str, tuple[Ask, Normalise]] = {"raw": (lambda: raw.ask(c.text, c.params), c.normalise)}
    for side in ("ours", "peer"):
        doc: Document | None = getattr(scenario, side)
        if doc is not None:
            sides[side] = (_asker(apis[side], doc), doc.normalise)
    apis["ours"].last_path = None
    row = Row(scenario, await measure(sides, plan))
    row.path = _path(apis["ours"].last_path) if scenario.ours is not None else None
    echo(f"  {scenario.name}: " + ", ".join(f"{k} {v.p50 or 0:.1f} ms" for k, v in row.series.items()))
    if not row.matched:
        echo(f"  !! ANSWERS DIFFER in {scenario.name}:")
        for line in row.mismatch():
            echo(line)
    return row


def _path(header: str | None) -> str:
    """compiled / fallback from our `x-answer-path` header; resolvers when no root field was covered."""
    if not header:
        return "resolvers"
    paths = {part.rpartition(":")[2] for part in header.split(",")}
    return "compiled" if paths == {"compiled"} else "fallback"


def _asker(api: GraphQL, doc: Document) -> Ask:
    async def ask() -> Data:
        return await api.ask(doc.text, doc.variables)

    return ask


async def _probe(rig: Rig, limits: safety.Limits, echo: Echo) -> list[safety.Outcome]:
    echo("bench: safety — hostile documents, one at a time")
    client, servers, token = rig.apis["ours"].client, rig.servers, rig.token

    async def restart(name: str) -> GraphQL:
        server = await asyncio.to_thread(servers.start, name)
        return GraphQL(client, server.graphql_url, token if name == "ours" else None)

    def alive(name: str) -> bool:
        return servers.running[name].running()

    return await safety.Prober(rig.raw, dict(rig.apis), alive, restart, limits).run()


async def _versions(raw: Raw) -> dict[str, Any]:
    rows = await raw.ask(
        "CALL dbms.components() YIELD name, versions RETURN name, versions[0] AS version", {}
    )
    lock = json.loads((PEER_DIR / "package-lock.json").read_text(encoding="utf-8"))
    packages = lock["packages"]
    peer = {
        n: packages[f"node_modules/{n}"]["version"]
        for n in ("@neo4j/graphql", "graphql", "graphql-http", "neo4j-driver")
    }
    return {"neo4j": {r["name"]: r["version"] for r in rows}, "peer": peer}


def _document(
    fx: Fixtures, plan: Plan, rows: list[Row], probes: list[safety.Outcome], versions: dict[str, Any]
) -> dict[str, Any]:
    return {
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "dataset": {"alumni": fx.alumni},
        "fixtures": asdict(fx),
        "plan": asdict(plan),
        "environment": environment() | versions,
        "sides": {s: d for s, d in zip(SIDES, _SIDE_NOTES, strict=True)},
        "scenarios": [r.as_dict() for r in rows],
        "all_answers_match": all(r.matched for r in rows),
        "safety": [o.as_dict() for o in probes],
    }


_SIDE_NOTES = (
    "one hand-written Cypher statement through the async Python driver (execute_query, read routing)",
    "our API over HTTP (alumni-graph serve, production mode, ADMIN bearer token)",
    "the Neo4j GraphQL Library over HTTP (bench/peer, library defaults, no auth rules)",
)
