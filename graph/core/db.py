"""One async driver per process, wrapped so every statement is parameterised, routed and counted."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any, LiteralString, Protocol, TypeVar

import neo4j
from neo4j import AsyncGraphDatabase, AsyncManagedTransaction
from neo4j import exceptions as neo4j_errors

from graph.core.errors import ConstraintViolation, DatabaseFailure, GraphError, QueryTimeout, Unavailable
from graph.core.scope import specialised

__all__ = [
    "ConnectionSettings",
    "Database",
    "GraphError",
    "Row",
    "StatementCounter",
    "Tx",
    "WriteCounts",
    "open_database",
    "returned_columns",
]

log = logging.getLogger("alumni_graph.graph")

T = TypeVar("T")
Row = dict[str, Any]


RECENT_STATEMENTS = 1000


@dataclass
class StatementCounter:
    """Counts the Cypher statements sent; tests use it to bound round trips.

    The count is exact; only the last RECENT_STATEMENTS texts are kept (the counter lives as long
    as the process, so a list of every statement would grow with every request served).
    """

    count: int = 0
    statements: deque[str] = field(default_factory=lambda: deque(maxlen=RECENT_STATEMENTS))

    def record(self, query: str) -> None:
        """Remember one statement."""
        self.count += 1
        self.statements.append(query)

    def reset(self) -> None:
        """Forget everything counted so far."""
        self.count = 0
        self.statements.clear()


@dataclass(frozen=True)
class ConnectionSettings:
    """Where the database is and how long a statement may run."""

    uri: str
    user: str
    password: str
    database: str = "neo4j"
    query_timeout_s: float = 15.0
    max_pool_size: int = 50
    max_retry_s: float = 5.0


@dataclass(frozen=True)
class WriteCounts:
    """What one statement changed, as the server counted it."""

    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0


@cache
def returned_columns(clause: LiteralString) -> tuple[LiteralString, ...]:
    """The column names of a projection such as `RETURN n.id AS id, owner, count(*) AS total`.

    For the fixed projection texts of this package (so parsed once each, then remembered): items
    are split at top-level commas; an item is named by its last top-level `AS`, or is a plain
    variable. Anything else is a ValueError.
    """
    text = clause.strip()
    for keyword in ("RETURN ", "DISTINCT "):
        if text.upper().startswith(keyword):
            text = text[len(keyword) :].lstrip()
    items: list[str] = []
    depth, start, quote = 0, 0, ""
    for i, ch in enumerate(text):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    return tuple(_column_name(item.strip()) for item in items)


def _column_name(item: str) -> LiteralString:
    words = item.split()
    name = words[-1] if len(words) >= 3 and words[-2].upper() == "AS" else item
    if not name.isidentifier():
        raise ValueError(f"cannot name the column of {item!r}")
    return name  # taken from a LiteralString


class _Runner(Protocol):
    """What runs a statement: a managed transaction, or a session in auto-commit (`_AutoCommit`)."""

    async def run(self, query: LiteralString, parameters: dict[str, Any]) -> neo4j.AsyncResult: ...


class _AutoCommit:
    """A session's auto-commit transaction, with the statement timeout of managed ones."""

    def __init__(self, session: neo4j.AsyncSession, timeout_s: float) -> None:
        self._session = session
        self._timeout_s = timeout_s

    async def run(self, query: LiteralString, parameters: dict[str, Any]) -> neo4j.AsyncResult:
        return await self._session.run(neo4j.Query(query, timeout=self._timeout_s), parameters)


class Tx:
    """A transaction handle that only runs parameterised statements and counts them."""

    def __init__(self, tx: _Runner, counter: StatementCounter) -> None:
        self._tx = tx
        self._counter = counter

    async def rows(self, query: LiteralString, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run one statement and return its rows as plain dicts."""
        result = await self._run(query, params)
        return [record.data() for record in await result.fetch(1_000_000)]

    async def table(
        self,
        query: LiteralString,
        columns: tuple[LiteralString, ...],
        params: Mapping[str, Any] | None = None,
    ) -> list[Row]:
        """Like `rows`, for statements that may return many rows: the rows travel back as one record.

        The async driver spends ~40 µs on every record it receives (a socket read with a timeout per
        message); 2,000 rows cost ~100 ms that way and ~5 ms as one list. `query` is wrapped in
        `CALL () { … } RETURN collect([columns])`, so its order and its columns are kept.
        """
        wrapped = "CALL () { " + query + " } RETURN collect([" + ", ".join(columns) + "]) AS rows"
        result = await self._run(query, params, wrapped)
        record = await result.single(strict=True)
        return [dict(zip(columns, values, strict=True)) for values in record["rows"]]

    async def rows_counted(
        self, query: LiteralString, params: Mapping[str, Any] | None = None
    ) -> tuple[list[Row], WriteCounts]:
        """Run one statement; return its rows and the server's write counters."""
        result = await self._run(query, params)
        rows = [record.data() for record in await result.fetch(1_000_000)]
        c = (await result.consume()).counters
        return rows, WriteCounts(
            c.nodes_created,
            c.nodes_deleted,
            c.relationships_created,
            c.relationships_deleted,
            c.properties_set,
        )

    async def _run(
        self, query: LiteralString, params: Mapping[str, Any] | None, text: LiteralString | None = None
    ) -> neo4j.AsyncResult:
        """Count `query`, then send `text` (default: the query) as the caller's scope reduces it."""
        self._counter.record(query)
        return await self._tx.run(specialised(text or query, params), dict(params or {}))

    async def row(self, query: LiteralString, params: Mapping[str, Any] | None = None) -> Row | None:
        """Run one statement and return its first row, or None."""
        rows = await self.rows(query, params)
        return rows[0] if rows else None


TxWork = Callable[[Tx], Awaitable[T]]


class Database:
    """The graph database as the rest of the code sees it: read and write units of work.

    Every session shares one bookmark manager (causal consistency): a read waits until the cluster
    member serving it has applied every write this process committed before it, so a client reads
    its own write in the next request even when reads go to another member. On a single server
    this costs nothing measurable.
    """

    def __init__(self, driver: neo4j.AsyncDriver, settings: ConnectionSettings) -> None:
        self._driver = driver
        self.settings = settings
        self.counter = StatementCounter()
        self._bookmarks = AsyncGraphDatabase.bookmark_manager()

    def _session(self, access_mode: str = neo4j.WRITE_ACCESS) -> neo4j.AsyncSession:
        """A session on our database that takes part in the shared bookmark chain."""
        return self._driver.session(
            database=self.settings.database,
            default_access_mode=access_mode,
            bookmark_manager=self._bookmarks,
        )

    async def bookmarks(self) -> set[str]:
        """The bookmarks every new session waits for (those of the last writes committed)."""
        return set(await self._bookmarks.get_bookmarks())

    async def read(self, work: TxWork[T]) -> T:
        """Run `work` in a managed read transaction (routed to a secondary in a cluster)."""
        return await self._execute(work, write=False)

    async def write(self, work: TxWork[T]) -> T:
        """Run `work` in one managed write transaction; retried as a whole on transient errors."""
        return await self._execute(work, write=True)

    async def read_rows(self, query: LiteralString, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Shortcut: one read statement (auto-commit: one round trip fewer than `read`)."""

        async def work(tx: Tx) -> list[Row]:
            return await tx.rows(query, params)

        return await self._read_once(work)

    async def read_table(
        self,
        query: LiteralString,
        columns: tuple[LiteralString, ...],
        params: Mapping[str, Any] | None = None,
    ) -> list[Row]:
        """Shortcut: one read statement with many rows (see `Tx.table`)."""

        async def work(tx: Tx) -> list[Row]:
            return await tx.table(query, columns, params)

        return await self._read_once(work)

    async def _read_once(self, work: TxWork[T]) -> T:
        """One read statement in an auto-commit transaction: BEGIN and COMMIT cost a round trip
        each (~0.35 ms of ~1 ms), and a lone read needs no transaction around it. Failures the
        driver calls retryable (the server restarting, a leader switch) are retried with backoff
        for `max_retry_s`, as `read` does."""
        deadline = time.monotonic() + self.settings.max_retry_s
        delay = 0.05
        while True:
            try:
                async with self._session(neo4j.READ_ACCESS) as session:
                    return await work(Tx(_AutoCommit(session, self.settings.query_timeout_s), self.counter))
            except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
                if not exc.is_retryable() or time.monotonic() + delay > deadline:
                    raise translate(exc) from exc
            except OSError as exc:
                raise translate(exc) from exc
            await asyncio.sleep(delay)
            delay = min(delay * 2, 1.0)

    async def write_rows(self, query: LiteralString, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Shortcut: one write statement in its own transaction."""

        async def work(tx: Tx) -> list[Row]:
            return await tx.rows(query, params)

        return await self.write(work)

    async def run_autocommit(self, query: LiteralString, params: Mapping[str, Any] | None = None) -> None:
        """Run a statement in an auto-commit transaction (needed by `CALL {} IN TRANSACTIONS`)."""
        self.counter.record(query)
        try:
            async with self._session() as session:
                result = await session.run(query, dict(params or {}))
                await result.consume()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as exc:
            raise translate(exc) from exc

    async def ping(self, timeout_s: float = 3.0) -> bool:
        """True when the server answers a trivial query within `timeout_s` (no retries)."""
        try:
            await asyncio.wait_for(self.run_autocommit("RETURN 1 AS ok"), timeout_s)
        except (GraphError, TimeoutError):
            return False
        return True

    async def _execute(self, work: TxWork[T], *, write: bool) -> T:
        timeout = self.settings.query_timeout_s

        @neo4j.unit_of_work(timeout=timeout)
        async def run(tx: AsyncManagedTransaction) -> T:
            return await work(Tx(tx, self.counter))

        try:
            async with self._session() as session:
                if write:
                    return await session.execute_write(run)
                return await session.execute_read(run)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as exc:
            raise translate(exc) from exc  # every driver failure becomes one of ours

    async def close(self) -> None:
        """Close the driver and its connection pool."""
        await self._driver.close()


def translate(exc: BaseException) -> GraphError:
    """Map a driver exception to the project's error hierarchy (message safe for clients)."""
    if isinstance(exc, neo4j_errors.ConstraintError):
        return ConstraintViolation("a record with the same key already exists")
    if isinstance(exc, neo4j_errors.Neo4jError) and "TransactionTimedOut" in (exc.code or ""):
        return QueryTimeout("the query took too long and was stopped")
    if isinstance(exc, neo4j_errors.AuthError):
        log.error("Neo4j rejected the credentials: %s", exc)
        return Unavailable("the database rejected our credentials")
    if isinstance(
        exc,
        neo4j_errors.ServiceUnavailable | neo4j_errors.SessionExpired | neo4j_errors.TransientError | OSError,
    ):
        log.warning("Neo4j unavailable: %s", exc)
        return Unavailable("the database is not reachable right now; try again shortly")
    log.error("Neo4j failure", exc_info=exc)
    return DatabaseFailure("the database reported an error")


@asynccontextmanager
async def open_database(settings: ConnectionSettings) -> AsyncIterator[Database]:
    """Open the process's one driver; closed when the context ends."""
    driver = AsyncGraphDatabase.driver(
        settings.uri,
        auth=(settings.user, settings.password),
        max_connection_pool_size=settings.max_pool_size,
        connection_acquisition_timeout=10.0,
        connection_timeout=5.0,
        max_transaction_retry_time=settings.max_retry_s,
        notifications_min_severity="OFF",
    )
    db = Database(driver, settings)
    try:
        yield db
    finally:
        await db.close()
