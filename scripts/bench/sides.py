"""The three ways of asking: raw Cypher through the async driver, and GraphQL over real HTTP."""

from __future__ import annotations

from typing import Any, LiteralString

import httpx
import neo4j
from neo4j import RoutingControl

Data = dict[str, Any]


class AnswerError(Exception):
    """A side answered with an error instead of data (GraphQL errors, HTTP status, driver failure)."""


class Raw:
    """The hand-written statement, sent with the driver's `execute_query` as a read."""

    def __init__(self, driver: neo4j.AsyncDriver, database: str) -> None:
        self.driver = driver
        self.database = database

    async def ask(self, text: LiteralString, params: dict[str, Any]) -> list[Data]:
        """All rows of one statement as plain dicts."""
        try:
            records, _, _ = await self.driver.execute_query(
                text, params, database_=self.database, routing_=RoutingControl.READ
            )
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
            raise AnswerError(f"driver: {exc}") from exc
        return [r.data() for r in records]

    async def ask_once(self, text: LiteralString, params: dict[str, Any]) -> list[Data]:
        """One auto-commit statement without the driver's retries (for watching the server)."""
        try:
            async with self.driver.session(database=self.database) as session:
                result = await session.run(text, params)
                return [r.data() async for r in result]
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
            raise AnswerError(f"driver: {exc}") from exc


class GraphQL:
    """POST /graphql on one server, keeping its connection alive between requests."""

    def __init__(self, client: httpx.AsyncClient, url: str, token: str | None = None) -> None:
        self.client = client
        self.url = url
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.last_path: str | None = None
        "Our `x-answer-path` header of the last answer (which root fields were compiled)."

    async def post(
        self, document: str, variables: Data | None = None, timeout_s: float = 60.0
    ) -> httpx.Response:
        """The raw HTTP response to one document."""
        return await self.client.post(
            self.url,
            json={"query": document, "variables": variables or {}},
            headers=self.headers,
            timeout=timeout_s,
        )

    async def ask(self, document: str, variables: Data | None = None) -> Data:
        """`data` of the answer; AnswerError when the answer carries errors."""
        try:
            res = await self.post(document, variables)
            self.last_path = res.headers.get("x-answer-path")
            body = res.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise AnswerError(f"http: {type(exc).__name__}: {exc}") from exc
        if res.status_code != 200 or body.get("errors") or body.get("data") is None:
            raise AnswerError(f"HTTP {res.status_code}: {str(body.get('errors'))[:300]}")
        data: Data = body["data"]
        return data
