"""Fixtures: a real throwaway Neo4j, a clean database per test, and an HTTP client over the app.

Tests never touch the development database: they use the local `test` instance (started here
if it is not running) unless ALUMNI_GRAPH_TEST_NEO4J_URI names another throwaway server.
ALUMNI_GRAPH_TEST_ROUTING=1 connects with a `neo4j://` (routing) URI instead of `bolt://`, so the
driver's cluster path (routing table, read/write routing) runs against the single local server;
./scripts/test runs a subset of the suite a second time that way.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.auth import TokenRequest, issue
from api.settings import Mode, Secret, Settings
from graph.core.db import ConnectionSettings, Database, open_database
from graph.core.migrations import migrate
from graph.reference import codes
from schema.core.limits import Limits
from schema.core.permissions import Role
from scripts.neo4j_local import Instance

TEST_SECRET = "test-secret-" + "x" * 40

# Everything except reference data and migration bookkeeping is wiped between tests.
_WIPE = (
    "MATCH (n) WHERE NOT n:Region AND NOT n:Industry AND NOT n:_Migration AND NOT n:_Meta "
    "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
)


def routed(uri: str) -> str:
    """The URI with the routing scheme when ALUMNI_GRAPH_TEST_ROUTING=1 (`bolt+s` → `neo4j+s`)."""
    if os.environ.get("ALUMNI_GRAPH_TEST_ROUTING") != "1":
        return uri
    scheme, sep, rest = uri.partition("://")
    return f"{scheme.replace('bolt', 'neo4j')}{sep}{rest}"


def pytest_report_header() -> str:
    """Say when the suite runs through the routing driver."""
    return (
        "neo4j: routing (neo4j://) URI" if routed("bolt://") != "bolt://" else "neo4j: direct (bolt://) URI"
    )


@pytest.fixture(scope="session")
def connection() -> Iterator[ConnectionSettings]:
    """Where the throwaway test database is (started if needed)."""
    uri = os.environ.get("ALUMNI_GRAPH_TEST_NEO4J_URI")
    if uri:
        yield ConnectionSettings(
            uri=routed(uri),
            user=os.environ.get("ALUMNI_GRAPH_TEST_NEO4J_USER", "neo4j"),
            password=os.environ.get("ALUMNI_GRAPH_TEST_NEO4J_PASSWORD", ""),
            database=os.environ.get("ALUMNI_GRAPH_TEST_NEO4J_DATABASE", "neo4j"),
        )
        return
    instance = Instance(os.environ.get("ALUMNI_GRAPH_TEST_INSTANCE", "test"))
    state = instance.start()
    yield ConnectionSettings(uri=routed(state.uri), user="neo4j", password=state.password)


@pytest.fixture(scope="session")
def settings(connection: ConnectionSettings) -> Settings:
    """API settings pointing at the test database."""
    return Settings(
        neo4j_uri=connection.uri,
        neo4j_user=connection.user,
        neo4j_password=Secret(connection.password),
        neo4j_database=connection.database,
        mode=Mode.PRODUCTION,
        jwt_secret=Secret(TEST_SECRET),
        limits=Limits(),
    )


@pytest.fixture(scope="session")
async def session_db(connection: ConnectionSettings) -> AsyncIterator[Database]:
    """One driver for the test session, with migrations applied once."""
    async with open_database(connection) as db:
        await migrate(db)
        yield db


async def wipe(db: Database) -> None:
    """Remove every node but reference data (and any stray region or industry a test made)."""
    await db.run_autocommit(_WIPE)
    await db.write_rows(
        "MATCH (n) WHERE (n:Region AND NOT n.code IN $regions)"
        " OR (n:Industry AND NOT n.code IN $industries) DETACH DELETE n",
        {"regions": sorted(codes("regions")), "industries": sorted(codes("industries"))},
    )


@pytest.fixture
async def db(session_db: Database) -> Database:
    """A clean database (reference data kept) for one test."""
    await wipe(session_db)
    session_db.counter.reset()
    return session_db


@dataclass
class Api:
    """Talks to the real app over HTTP (ASGI transport, lifespan running)."""

    client: httpx.AsyncClient
    app_db: Database
    settings: Settings
    tokens: dict[tuple[Any, ...], str] = field(default_factory=dict)

    def token(self, role: Role = Role.ADMIN, /, **scope: str | None) -> str:
        """A valid token for a role (cached per role and scope)."""
        key = (role, tuple(sorted(scope.items())))
        if key not in self.tokens:
            req = TokenRequest(
                role=role,
                subject=f"test-{role.value.lower()}",
                college=scope.get("college"),
                chapter=scope.get("chapter"),
                alumnus=scope.get("alumnus"),
            )
            self.tokens[key] = issue(self.settings, req)
        return self.tokens[key]

    async def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        /,
        *,
        role: Role | None = Role.ADMIN,
        **scope: str | None,
    ) -> dict[str, Any]:
        """POST a GraphQL document; returns the whole JSON response."""
        headers = {"Authorization": f"Bearer {self.token(role, **scope)}"} if role else {}
        res = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        body: dict[str, Any] = res.json()
        return body

    async def data(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        /,
        *,
        role: Role | None = Role.ADMIN,
        **scope: str | None,
    ) -> dict[str, Any]:
        """POST and return `data`, failing the test on any error."""
        body = await self.post(query, variables, role=role, **scope)
        assert "errors" not in body, body.get("errors")
        result: dict[str, Any] = body["data"]
        return result

    @property
    def statements(self) -> int:
        """Cypher statements the app sent since the last `reset_count()`."""
        return self.app_db.counter.count

    def reset_count(self) -> None:
        """Start counting statements afresh."""
        self.app_db.counter.reset()


@pytest.fixture(scope="session")
async def _app(settings: Settings) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield app, client


@pytest.fixture
async def api(_app: tuple[Any, httpx.AsyncClient], db: Database, settings: Settings) -> Api:
    """An HTTP client over the real app, on a clean database."""
    app, client = _app
    app.state.db.counter.reset()
    return Api(client=client, app_db=app.state.db, settings=settings)
