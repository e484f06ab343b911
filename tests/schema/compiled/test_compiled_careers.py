"""Compiled partnerCompanies, openNeeds, cooperations and stories answer exactly as the resolvers do,
for every role, in one statement per root field (the seeded graph has cooperations and stories)."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from graph.core.db import Database
from schema.core.relay import to_global_id
from tests.schema.compiled_support import Seeded, both, seed

ROLES = ("ADMIN", "COLLEGE_OFFICER", "FUNDRAISER", "CHAPTER_ORGANIZER", "ALUMNUS")

ALUMNUS = "id externalId name email phone consentContact city { code }"
COMPANY = (
    "id creditCode name size website alumniCount industry { code parent { code } } city { code }"
    " needs { id kind description answeredBy { __typename id code status startDate } }"
)
PARTNERS = (
    "query Partners($industry: String!, $region: String, $kind: NeedKind, $first: Int!) {"
    " partnerCompanies(industry: $industry, region: $region, needKind: $kind, first: $first) {"
    " __typename founderCount executiveCount alumniCount company { " + COMPANY + " }"
    " alumni { __typename title role startYear endYear current"
    " alumnus { " + ALUMNUS + " brokered { code title } } company { name } } } }"
)
OPEN_NEEDS = (
    "query Open($college: ID, $kind: NeedKind, $industry: String, $region: String, $first: Int) {"
    " openNeeds(college: $college, kind: $kind, industry: $industry, region: $region, first: $first) {"
    " __typename founderCount bridgeCount need { __typename id kind description company { name } }"
    " company { id creditCode name alumniCount }"
    " firm: company { needs { kind } }"
    " bridges { title role startYear endYear current alumnus { " + ALUMNUS + " } } } }"
)
COOPERATION = (
    "__typename id code title kind status startDate endDate valueCny company { id creditCode name }"
    " college { id code name } answers { id kind description company { name } answeredBy { code } }"
    " brokers { " + ALUMNUS + " brokered { code } }"
)
COOPERATIONS = (
    "query Coops($filter: CooperationFilter, $first: Int, $after: String, $order: CooperationSort,"
    " $desc: Boolean) {"
    " cooperations(filter: $filter, first: $first, after: $after, orderBy: $order, descending: $desc) {"
    " __typename totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }"
    " edges { cursor node { " + COOPERATION + " } } nodes { code } } }"
)
STORY = "__typename id code title channel publishedOn url summary"
STORIES = (
    "query Stories($filter: StoryFilter, $first: Int, $after: String, $order: StorySort, $desc: Boolean) {"
    " stories(filter: $filter, first: $first, after: $after, orderBy: $order, descending: $desc) {"
    " totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { "
    + STORY
    + " } } } }"
)
FEATURES = (
    "query Featured { stories(first: 5) { nodes { code features { __typename"
    " ... on Alumnus { externalId email } ... on College { code } } } } }"
)
NODE = (
    "query One($id: ID!) { node(id: $id) { __typename id ... on Cooperation { " + COOPERATION + " }"
    " ... on Story { " + STORY + " } ... on Need { needKind: kind answeredBy { code } } } }"
)

_PICKS = {
    "cooperation": "MATCH (k:Cooperation)-[:BROKERED_BY]->(:Alumnus) MATCH (k)-[:ANSWERS]->(:Need)"
    " RETURN k.id AS id ORDER BY k.code LIMIT 1",
    "collegeCooperation": "MATCH (k:Cooperation)-[:OF_COLLEGE]->(:College) RETURN k.id AS id ORDER BY k.code LIMIT 1",
    "story": "MATCH (s:Story) RETURN s.id AS id ORDER BY s.code LIMIT 1",
    "featured": "MATCH (:Story)-[:FEATURES]->(a:Alumnus) RETURN a.id AS id ORDER BY a.id LIMIT 1",
    "coopCompany": "MATCH (:Cooperation)-[:WITH]->(c:Company) RETURN c.id AS id ORDER BY c.id LIMIT 1",
    "need": "MATCH (:Cooperation)-[:ANSWERS]->(n:Need) RETURN n.id AS id ORDER BY n.id LIMIT 1",
    "industry": "MATCH (:Cooperation)-[:WITH]->(:Company)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(i:Industry)"
    " WHERE i.level = 'SECTION' RETURN i.code AS id, count(*) AS n ORDER BY n DESC, id LIMIT 1",
}


@pytest.fixture(scope="module")
async def seeded(session_db: Database, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Seeded]:
    """The seeded graph and the ids of cooperations and stories (the tests only read)."""
    found = await seed(session_db, Path(tmp_path_factory.mktemp("bundle")))
    # the small seed has no cooperation answering a need: some answer every need of their company
    await session_db.write_rows(
        "MATCH (k:Cooperation)-[:WITH]->(:Company)-[:NEEDS]->(n:Need) WITH DISTINCT k ORDER BY k.code LIMIT 8"
        " MATCH (k)-[:WITH]->(:Company)-[:NEEDS]->(n:Need) MERGE (k)-[:ANSWERS]->(n)"
    )
    for name, query in _PICKS.items():
        found.ids[name] = (await session_db.read_rows(query))[0]["id"]
    yield found


def _only(out: Any, root: str) -> None:
    """The root field was compiled, and cost one statement unless it answered an error."""
    assert out.answered == {root: "compiled"}
    assert out.statements == (1 if "errors" not in out.response else out.statements)
    if "errors" not in out.response:
        assert out.statements == 1


@pytest.mark.parametrize("role", ROLES)
async def test_partner_companies_match_in_one_statement(
    session_db: Database, seeded: Seeded, role: str
) -> None:
    # given industries, a region, a need kind, and bad codes and page sizes
    cases: list[dict[str, Any]] = [
        {"industry": seeded.ids["industry"], "first": 20},
        {"industry": "I", "first": 100},
        {"industry": "C", "region": "110000", "first": 5},
        {"industry": seeded.ids["industry"], "kind": "TECH", "first": 3},
        {"industry": " I ", "region": " 440000 ", "kind": "TALENT", "first": 1},
        {"industry": "ZZ", "first": 5},
        {"industry": "I", "region": "nowhere", "first": 5},
        {"industry": "I", "first": 0},
        {"industry": "I", "first": 101},
    ]
    for values in cases:
        # when each runs both ways
        out = await both(session_db, PARTNERS, values, seeded.principals[role])
        # then the answers (counts, employments within scope, masked contacts, errors) match
        _only(out, "partnerCompanies")


@pytest.mark.parametrize("role", ROLES)
async def test_open_needs_match_in_one_statement(session_db: Database, seeded: Seeded, role: str) -> None:
    # given the open needs anywhere, of a college, a kind, an industry and region, and bad arguments
    college = to_global_id("College", seeded.ids["college"])
    cases: list[dict[str, Any]] = [
        {},
        {"first": 100},
        {"college": college, "first": 50},
        {"kind": "TECH", "industry": seeded.ids["industry"]},
        {"industry": "I", "region": "440000", "college": college},
        {"region": "110000", "kind": "TALENT", "first": 2},
        {"industry": "ZZ"},
        {"region": "nowhere"},
        {"college": to_global_id("College", "no-such-college")},
        {"college": to_global_id("Class", seeded.ids["class"])},
        {"first": 0},
    ]
    for values in cases:
        # when each runs both ways
        out = await both(session_db, OPEN_NEEDS, values, seeded.principals[role])
        # then the answers match (bridges of the college's people within scope), one statement
        _only(out, "openNeeds")


async def _walk(
    session_db: Database, seeded: Seeded, role: str, doc: str, root: str, values: dict[str, Any]
) -> None:
    """Every page of a connection both ways, following the cursors."""
    after: str | None = None
    for _ in range(6):
        out = await both(session_db, doc, values | {"after": after}, seeded.principals[role])
        if role == "ALUMNUS" and root == "cooperations":
            assert out.response["errors"][0]["extensions"]["code"] == "FORBIDDEN"
            return
        _only(out, root)
        page = out.response["data"][root]
        if not page["pageInfo"]["hasNextPage"]:
            return
        after = page["pageInfo"]["endCursor"]


@pytest.mark.parametrize("role", ROLES)
async def test_cooperations_pages_match_in_every_order(
    session_db: Database, seeded: Seeded, role: str
) -> None:
    # given every order, both directions, and each filter
    filters: list[dict[str, Any]] = [
        {},
        {"status": "ACTIVE"},
        {"kind": "TECH_PROJECT", "activeIn": 2022},
        {"company": to_global_id("Company", seeded.ids["coopCompany"])},
        {"college": to_global_id("College", seeded.ids["college"])},
    ]
    for order in ("START_DATE", "CODE", "TITLE"):
        for desc in (False, True):
            # when the pages of 7 are walked both ways
            await _walk(
                session_db,
                seeded,
                role,
                COOPERATIONS,
                "cooperations",
                {"first": 7, "order": order, "desc": desc},
            )
    for values in filters:
        await _walk(session_db, seeded, role, COOPERATIONS, "cooperations", {"first": 50, "filter": values})
    # then every page matched (brokers and their contacts within scope), one statement each


@pytest.mark.parametrize("role", ROLES)
async def test_stories_pages_match_in_every_order(session_db: Database, seeded: Seeded, role: str) -> None:
    # given every order, both directions, and each filter
    filters: list[dict[str, Any]] = [
        {"channel": "WECHAT"},
        {"features": to_global_id("Alumnus", seeded.ids["featured"])},
        {"publishedFrom": "2020-01-01", "publishedTo": "2023-12-31"},
    ]
    for order in ("PUBLISHED_ON", "CODE", "TITLE"):
        for desc in (False, True):
            # when the pages of 9 are walked both ways
            await _walk(
                session_db, seeded, role, STORIES, "stories", {"first": 9, "order": order, "desc": desc}
            )
    for values in filters:
        await _walk(session_db, seeded, role, STORIES, "stories", {"first": 50, "filter": values})
    # then every page matched, one statement each
    # and what a story features (a union) falls back to the resolvers, with the same answer
    out = await both(session_db, FEATURES, {}, seeded.principals[role])
    assert out.answered == {"stories": "fallback"}


@pytest.mark.parametrize("role", ROLES)
async def test_cooperations_and_stories_by_node_id_match(
    session_db: Database, seeded: Seeded, role: str
) -> None:
    # given a cooperation (with needs and brokers), one of a college, a story and a need
    for name, type_name in (
        ("cooperation", "Cooperation"),
        ("collegeCooperation", "Cooperation"),
        ("story", "Story"),
        ("need", "Need"),
    ):
        # when each is read through node(id:) both ways
        out = await both(
            session_db, NODE, {"id": to_global_id(type_name, seeded.ids[name])}, seeded.principals[role]
        )
        # then the answers (NOT_FOUND for a cooperation an alumnus may not read) match
        if type_name == "Need":
            assert out.answered == {"node": "fallback"}
        else:
            _only(out, "node")


def _cursor(key: Any, node_id: str) -> str:
    raw = f'["{key}","{node_id}"]' if isinstance(key, str) else f'[{key},"{node_id}"]'
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


BAD: list[tuple[str, dict[str, Any]]] = [
    (COOPERATIONS, {"first": 101}),
    (COOPERATIONS, {"after": "not-a-cursor"}),
    (COOPERATIONS, {"after": _cursor("K-1", "x")}),  # a code cursor on the date order
    (COOPERATIONS, {"filter": {"company": to_global_id("College", "x")}}),
    (COOPERATIONS, {"after": "not-a-cursor", "filter": {"college": "bad"}}),
    (STORIES, {"after": _cursor("2024-13-01", "x")}),
    (STORIES, {"filter": {"features": to_global_id("Fund", "x")}}),
    (NODE, {"id": to_global_id("Cooperation", "no-such-id")}),
    (NODE, {"id": to_global_id("Story", "no-such-id")}),
]


@pytest.mark.parametrize("role", [*ROLES, "ANONYMOUS"])
async def test_errors_match(session_db: Database, seeded: Seeded, role: str) -> None:
    # given bad arguments, cursors that do not fit the order, unknown ids, and no token at all
    for doc, values in BAD:
        # when each runs both ways, then the errors (codes, messages, paths) and data are the same
        out = await both(session_db, doc, values, seeded.principals[role])
        assert "errors" in out.response
    # and a cursor whose key has the wrong type reads as past the end, both ways
    values = {"order": "CODE", "after": _cursor(3, "x")}
    out = await both(session_db, COOPERATIONS, values, seeded.principals[role])
    assert "errors" in out.response or out.response["data"]["cooperations"]["edges"] == []
