"""Scenarios over lists: alumni pages with nested ties, near the start and deep in the list."""

from __future__ import annotations

from typing import Any, LiteralString

from scripts.bench.fixtures import PAGE_SIZE, Fixtures
from scripts.bench.scenario import Cypher, Document, Scenario
from scripts.bench.sides import Data, GraphQL

NESTED = "externalId name education { code college { code } } city { code }"

OURS_PAGE = (
    "query AlumniPage($after: String) { alumni(first: 50, after: $after) {"
    " pageInfo { endCursor } edges { node { " + NESTED + " } } } }"
)
PEER_PAGE = (
    "query AlumniPage($after: String) {"
    " alumniConnection(first: 50, after: $after, sort: [{name: ASC}, {id: ASC}]) {"
    " pageInfo { endCursor } edges { node { " + NESTED + " } } } }"
)
RAW_PAGE: LiteralString = (
    "MATCH (n:Alumnus) WHERE $afterId IS NULL"
    " OR n.name > $afterKey OR (n.name = $afterKey AND n.id > $afterId)"
    " WITH n ORDER BY n.name, n.id LIMIT $first"
    " RETURN n.externalId AS externalId,"
    " COLLECT { MATCH (n)-[:STUDIED_IN]->(c:Class) OPTIONAL MATCH (c)-[:OF_COLLEGE]->(col:College)"
    " RETURN [c.code, col.code] } AS education,"
    " COLLECT { MATCH (n)-[:LIVES_IN]->(r:Region) RETURN r.code }[0] AS city"
)


def _row(external_id: str, education: list[list[str | None]], city: str | None) -> list[Any]:
    return [external_id, sorted(education, key=str), city]


def _raw_rows(rows: list[Data]) -> list[list[Any]]:
    return [_row(r["externalId"], r["education"], r["city"]) for r in rows]


def _graphql_rows(nodes: list[Data]) -> list[list[Any]]:
    return [
        _row(
            n["externalId"],
            [[c["code"], (c["college"] or {}).get("code")] for c in n["education"]],
            (n["city"] or {}).get("code"),
        )
        for n in nodes
    ]


def _ours(data: Data) -> list[list[Any]]:
    return _graphql_rows([e["node"] for e in data["alumni"]["edges"]])


def _peer(data: Data) -> list[list[Any]]:
    return _graphql_rows([e["node"] for e in data["alumniConnection"]["edges"]])


async def cursor_of_page(api: GraphQL, document: str, field: str, page: int) -> str | None:
    """The `after` cursor that opens page `page`, got by walking the server's own pages (one each)."""
    after: str | None = None
    for _ in range(page - 1):
        data = await api.ask(document, {"after": after})
        after = data[field]["pageInfo"]["endCursor"]
    return after


def alumni_pages(fx: Fixtures, ours_after: str | None, peer_after: str | None) -> list[Scenario]:
    """Page 1 and a deep page of alumni by name, each with classes, colleges and city."""
    first = {"first": PAGE_SIZE}
    key, node_id = fx.deep_after
    return [
        Scenario(
            "alumni page 1 (nested)",
            Cypher(RAW_PAGE, first | {"afterKey": None, "afterId": None}, _raw_rows),
            Document(OURS_PAGE, {"after": None}, _ours),
            Document(PEER_PAGE, {"after": None}, _peer),
        ),
        Scenario(
            f"alumni page {fx.deep_page} (nested)",
            Cypher(RAW_PAGE, first | {"afterKey": key, "afterId": node_id}, _raw_rows),
            Document(OURS_PAGE, {"after": ours_after}, _ours),
            Document(PEER_PAGE, {"after": peer_after}, _peer),
            notes=(
                "ours and raw: keyset (seek past the last name and id)",
                "peer: the library's connection cursor is an offset (SKIP); there is no keyset option",
            ),
        ),
    ]
