"""Scenarios over careers: one alumnus with employers and industries; companies of an industry."""

from __future__ import annotations

from typing import Any, LiteralString

from scripts.bench.fixtures import Fixtures
from scripts.bench.scenario import Cypher, Document, Scenario, global_id, when_ours
from scripts.bench.sides import Data

RAW_ALUMNUS: LiteralString = (
    "MATCH (n:Alumnus {id: $id}) RETURN n.externalId AS externalId,"
    " COLLECT { MATCH (n)-[w:WORKS_AT]->(c:Company) OPTIONAL MATCH (c)-[:IN_INDUSTRY]->(i:Industry)"
    " RETURN [c.creditCode, w.role, w.endYear, i.code] } AS jobs"
)
OURS_ALUMNUS = (
    "query Q($id: ID!) { node(id: $id) { ... on Alumnus { externalId"
    " employments { role endYear company { creditCode industry { code } } } } } }"
)
PEER_ALUMNUS = (
    "query Q($id: ID!) { alumni(where: { id: { eq: $id } }) { externalId"
    " employmentsConnection { edges { properties { role endYear }"
    " node { creditCode industry { code } } } } } }"
)


def _person(external_id: str, jobs: list[list[Any]]) -> list[Any]:
    return [external_id, sorted(jobs, key=str)]


def _person_ours(data: Data) -> list[Any]:
    n = data["node"]
    jobs = [
        [e["company"]["creditCode"], e["role"], e["endYear"], (e["company"]["industry"] or {}).get("code")]
        for e in n["employments"]
    ]
    return _person(n["externalId"], jobs)


def _person_peer(data: Data) -> list[Any]:
    n = data["alumni"][0]
    jobs = [
        [
            e["node"]["creditCode"],
            e["properties"]["role"],
            e["properties"]["endYear"],
            (e["node"]["industry"] or {}).get("code"),
        ]
        for e in n["employmentsConnection"]["edges"]
    ]
    return _person(n["externalId"], jobs)


def alumnus_with_jobs(fx: Fixtures) -> Scenario:
    """One alumnus by id with every employment, its company and the company's industry."""
    return Scenario(
        "alumnus by id with employments",
        Cypher(RAW_ALUMNUS, {"id": fx.alumnus}, lambda rows: _person(rows[0]["externalId"], rows[0]["jobs"])),
        when_ours("node", Document(OURS_ALUMNUS, {"id": global_id("Alumnus", fx.alumnus)}, _person_ours)),
        Document(PEER_ALUMNUS, {"id": fx.alumnus}, _person_peer),
    )


RAW_COMPANIES: LiteralString = (
    "MATCH (c:Company)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(:Industry {code: $code})"
    " WITH c ORDER BY c.name, c.id LIMIT 50"
    " RETURN c.creditCode AS creditCode,"
    " COLLECT { MATCH (a:Alumnus)-[w:WORKS_AT]->(c) WHERE w.endYear IS NULL"
    " RETURN [a.externalId, w.role] } AS alumni"
)
OURS_COMPANIES = (
    "query Q($industry: ID!) { companies(first: 50, filter: { industry: $industry }) {"
    " nodes { creditCode alumni { role alumnus { externalId } } } } }"
)
PEER_COMPANIES = (
    "query Q($prefix: String!) { companies(limit: 50, sort: [{name: ASC}, {id: ASC}],"
    " where: { industry: { code: { startsWith: $prefix } } }) { creditCode"
    " alumniConnection(where: { edge: { endYear: { eq: null } } })"
    " { edges { properties { role } node { externalId } } } } }"
)


def _companies(rows: list[tuple[str, list[list[Any]]]]) -> list[list[Any]]:
    return [[code, sorted(alumni, key=str)] for code, alumni in rows]


def _companies_ours(data: Data) -> list[list[Any]]:
    rows = data["companies"]["nodes"]
    return _companies(
        [(c["creditCode"], [[e["alumnus"]["externalId"], e["role"]] for e in c["alumni"]]) for c in rows]
    )


def _companies_peer(data: Data) -> list[list[Any]]:
    rows = [
        (
            c["creditCode"],
            [[e["node"]["externalId"], e["properties"]["role"]] for e in c["alumniConnection"]["edges"]],
        )
        for c in data["companies"]
    ]
    return _companies(rows)


def companies_in_industry(fx: Fixtures) -> Scenario:
    """The first 50 companies (by name) of an industry division and its subtree, with current alumni."""
    code, node_id = fx.division
    return Scenario(
        f"companies in industry {code} with current alumni",
        Cypher(
            RAW_COMPANIES,
            {"code": code},
            lambda rows: _companies([(r["creditCode"], r["alumni"]) for r in rows]),
        ),
        when_ours(
            "companies",
            Document(OURS_COMPANIES, {"industry": global_id("Industry", node_id)}, _companies_ours),
        ),
        Document(PEER_COMPANIES, {"prefix": code}, _companies_peer),
        notes=(
            "peer: the library has no filter over a PART_OF subtree; a division's codes share its two digits,"
            " so the peer filters by code prefix",
        ),
    )
