"""Hostile documents sent to both servers: refused before any Cypher, how long, still responsive?

One request per document and server, each bounded by a client timeout. While it is in flight a
monitor lists Neo4j's transactions; afterwards any transaction still running is given a short
grace and then terminated, so the next measurement starts from an idle database.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from typing import Any, LiteralString

import httpx

from scripts.bench.sides import AnswerError, GraphQL, Raw

POLL_S = 0.1
LEVELS = 20
ALIASES = 1000


def _nested(levels: int, first: int, server: str) -> str:
    """`levels` alumni lists, each inside the classes (education) of the alumni of the level above.

    The outer list is ordered by name on both servers (our default order), so it starts with
    students who have classes rather than with whoever was imported first."""
    inner = "externalId"
    for level in range(levels):
        below = "education { " + inner + " }" if level else inner
        if server == "ours":
            inner = f"alumni(first: {first}) {{ nodes {{ {below} }} }}"
        else:
            order = ", sort: [{name: ASC}]" if level == levels - 1 else ""
            inner = f"alumni(limit: {first}{order}) {{ {below} }}"
    return "{ " + inner + " }"


def _aliases(server: str) -> str:
    one = (
        "alumni(first: 1) { nodes { externalId } }" if server == "ours" else "alumni(limit: 1) { externalId }"
    )
    return "{ " + " ".join(f"a{i}: {one}" for i in range(ALIASES)) + " }"


def hostile_documents() -> dict[str, dict[str, str]]:
    """Name → {server: document}; each pair asks the same thing of the two schemas."""
    servers = ("ours", "peer")
    return {
        f"alumni → classes → alumni … {LEVELS} levels deep": {s: _nested(LEVELS, 1, s) for s in servers},
        "first: 100 nested five levels": {s: _nested(5, 100, s) for s in servers},
        f"{ALIASES:,} aliases": {s: _aliases(s) for s in servers},
    }


@dataclass(frozen=True)
class Limits:
    """How long to wait for a hostile answer, to watch Neo4j afterwards, and for it to be quiet."""

    timeout_s: float = 30.0
    grace_s: float = 5.0
    quiet_s: float = 5.0
    quiet_after_timeout_s: float = 20.0  # a server still retrying for a gone client pauses longer
    settle_max_s: float = 90.0


DEFAULT_LIMITS = Limits()

PING = {"ours": "{ colleges(first: 1) { nodes { code } } }", "peer": "{ colleges(limit: 1) { code } }"}


@dataclass
class Outcome:
    """What one hostile document did to one server."""

    document: str
    server: str
    status: int | None = None
    seconds: float = 0.0
    timed_out: bool = False
    refused: bool = False
    error: str | None = None
    touched_database: bool = False
    transactions_seen: int = 0
    still_running_after_s: float = 0.0
    terminated: int = 0
    responsive_after: bool = False
    ping_ms: float | None = None
    crashed: bool = False
    monitor_failures: int = 0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return asdict(self)


_SHOW: LiteralString = (
    "SHOW TRANSACTIONS YIELD transactionId, currentQuery"
    " WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' AND NOT currentQuery STARTS WITH 'TERMINATE'"
    " RETURN transactionId AS id, left(currentQuery, 80) AS query"
)
_TERMINATE: LiteralString = "TERMINATE TRANSACTIONS $ids"


async def _foreign_transactions(raw: Raw, out: Outcome) -> dict[str, str]:
    """Transactions other than the monitor's own, id → start of their query ({} if the list failed)."""
    try:
        return {r["id"]: r["query"] for r in await raw.ask_once(_SHOW, {})}
    except AnswerError as exc:
        out.monitor_failures += 1
        if out.monitor_failures == 1:
            out.notes.append("while it ran, another transaction failed: " + str(exc)[:200])
        return {}


async def _watch(raw: Raw, out: Outcome, seen: set[str], stop: asyncio.Event) -> None:
    """Collect ids of transactions other than the monitor's own until told to stop."""
    while not stop.is_set():
        seen |= set(await _foreign_transactions(raw, out))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), POLL_S)


async def _settle(raw: Raw, out: Outcome, limits: Limits) -> None:
    """After the answer, watch the database: for `grace_s` only record what still runs (a server
    may go on working, or retrying, for a client that gave up); after that terminate whatever
    shows up until it has been quiet for `quiet_s` (at most `settle_max_s`)."""
    quiet_s = limits.quiet_after_timeout_s if out.timed_out else limits.quiet_s
    started = quiet_since = time.monotonic()
    while True:
        now = time.monotonic()
        elapsed = now - started
        running = await _foreign_transactions(raw, out)
        if running:
            out.still_running_after_s = round(elapsed, 2)
            quiet_since = now
            if elapsed >= limits.grace_s:
                await _terminate(raw, out, running)
        elif elapsed >= limits.grace_s and now - quiet_since >= quiet_s:
            return
        if elapsed >= limits.settle_max_s:
            out.notes.append(f"Neo4j was still busy {elapsed:.0f} s after the answer; stopped watching")
            return
        await asyncio.sleep(POLL_S)


async def _terminate(raw: Raw, out: Outcome, running: dict[str, str]) -> None:
    out.notes += ["terminated: " + " ".join(query.split())[:120] for query in running.values()]
    out.terminated += len(running)
    try:
        await raw.ask_once(_TERMINATE, {"ids": sorted(running)})
    except AnswerError as exc:  # it may have finished in between
        out.notes.append(f"could not terminate: {str(exc)[:120]}")


async def _send(api: GraphQL, document: str, out: Outcome, timeout_s: float) -> None:
    t0 = time.perf_counter()
    try:
        res = await api.post(document, timeout_s=timeout_s)
        out.status = res.status_code
        body = res.json()
        errors = body.get("errors") or []
        out.refused = bool(errors) and not body.get("data")
        if errors:
            first = errors[0]
            code = (first.get("extensions") or {}).get("code")
            out.error = (f"{code}: " if code else "") + str(first.get("message", ""))[:160]
    except httpx.TimeoutException:
        out.timed_out = True
    except (httpx.HTTPError, ValueError) as exc:
        out.error = f"{type(exc).__name__}: {exc}"[:200]
    out.seconds = round(time.perf_counter() - t0, 3)


Restart = Callable[[str], Awaitable[GraphQL]]


@dataclass
class Prober:
    """What probing needs: the database to watch, the servers, how to tell and fix a dead one."""

    raw: Raw
    apis: dict[str, GraphQL]
    alive: Callable[[str], bool]
    restart: Restart
    limits: Limits = field(default_factory=Limits)

    async def probe(self, server: str, name: str, document: str) -> Outcome:
        """Send one hostile document, watch the database meanwhile, settle it, then ping the server."""
        out = Outcome(name, server)
        seen: set[str] = set()
        stop = asyncio.Event()
        watcher = asyncio.create_task(_watch(self.raw, out, seen, stop))
        await _send(self.apis[server], document, out, self.limits.timeout_s)
        stop.set()
        await watcher
        out.transactions_seen = len(seen)
        out.touched_database = bool(seen) or (out.status == 200 and not out.refused and not out.timed_out)
        await _settle(self.raw, out, self.limits)
        await _ping(self.apis[server], server, out)
        out.crashed = not self.alive(server)
        return out

    async def run(self) -> list[Outcome]:
        """Every hostile document against every server; a server that died is restarted for the next."""
        outcomes: list[Outcome] = []
        for name, documents in hostile_documents().items():
            for server, document in documents.items():
                out = await self.probe(server, name, document)
                if out.crashed or not out.responsive_after:
                    self.apis[server] = await self.restart(server)
                    out.notes.append("restarted before the next document")
                outcomes.append(out)
        return outcomes


async def _ping(api: GraphQL, server: str, out: Outcome) -> None:
    t0 = time.perf_counter()
    try:
        res = await api.post(PING[server], timeout_s=10.0)
        out.responsive_after = res.status_code == 200 and not res.json().get("errors")
        out.ping_ms = round((time.perf_counter() - t0) * 1000, 1)
    except (httpx.HTTPError, ValueError):
        out.responsive_after = False
