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
    "query AlumniPage($offset: Int!) {"
    " alumni(limit: 50, offset: $offset, sort: [{name: ASC}, {id: ASC}]) { " + NESTED + " } }"
)
PEER_CONNECTION = (
    "query AlumniPage { alumniConnection(first: 50, sort: [{name: ASC}, {id: ASC}]) {"
    " pageInfo { endCursor } edges { node { " + NESTED + " } } } }"
)
# The hand-written baseline reads the name index in order: a range seek from the last name of
# the page before (a scan from the start on page 1), then a partial top-k on (name, id).
_NESTED_RETURN: LiteralString = (
    " WITH n ORDER BY n.name, n.id LIMIT $first"
    " RETURN n.externalId AS externalId,"
    " COLLECT { MATCH (n)-[:STUDIED_IN]->(c:Class) OPTIONAL MATCH (c)-[:OF_COLLEGE]->(col:College)"
    " RETURN [c.code, col.code] } AS education,"
    " COLLECT { MATCH (n)-[:LIVES_IN]->(r:Region) RETURN r.code }[0] AS city"
)
RAW_FIRST_PAGE: LiteralString = "MATCH (n:Alumnus) WHERE n.name IS NOT NULL" + _NESTED_RETURN
RAW_NEXT_PAGE: LiteralString = (
    "MATCH (n:Alumnus) WHERE n.name >= $afterKey"
    " WITH n WHERE n.name > $afterKey OR n.id > $afterId" + _NESTED_RETURN
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
    return _graphql_rows(data["alumni"])


def _peer_connection(data: Data) -> list[list[Any]]:
    return _graphql_rows([e["node"] for e in data["alumniConnection"]["edges"]])


async def cursor_of_page(api: GraphQL, page: int) -> str | None:
    """Our `after` cursor that opens page `page`, got by walking our own pages (one request each)."""
    after: str | None = None
    for _ in range(page - 1):
        data = await api.ask(OURS_PAGE, {"after": after})
        after = data["alumni"]["pageInfo"]["endCursor"]
    return after


def alumni_pages(fx: Fixtures, ours_after: str | None) -> list[Scenario]:
    """Page 1 and a deep page of alumni by name, each with classes, colleges and city; and page 1
    through the peer's Relay connection."""
    first = {"first": PAGE_SIZE}
    page_one = Cypher(RAW_FIRST_PAGE, first, _raw_rows)
    key, node_id = fx.deep_after
    return [
        Scenario(
            "alumni page 1 (nested)",
            page_one,
            Document(OURS_PAGE, {"after": None}, _ours),
            Document(PEER_PAGE, {"offset": 0}, _peer),
            notes=("peer: alumni(limit, offset, sort), its plain list",),
        ),
        Scenario(
            f"alumni page {fx.deep_page} (nested)",
            Cypher(RAW_NEXT_PAGE, first | {"afterKey": key, "afterId": node_id}, _raw_rows),
            Document(OURS_PAGE, {"after": ours_after}, _ours),
            Document(PEER_PAGE, {"offset": fx.deep_skip}, _peer),
            notes=(
                "ours and raw: keyset (seek past the last name and id of the page before)",
                "peer: no keyset option; offset (SKIP) pagination",
            ),
        ),
        Scenario(
            "alumni page 1, peer as a Relay connection",
            page_one,
            Document(OURS_PAGE, {"after": None}, _ours),
            Document(PEER_CONNECTION, {}, _peer_connection),
            notes=("peer: alumniConnection(first: 50, sort), the library's cursor-paginated form",),
        ),
    ]
