"""Compiled people reads answer exactly as the resolvers do, for every role, in one statement each:
the chapters and events connections, node(id:) for chapters and events, search (the SearchResult
union), chapterRecommendations (with the Node interface of its basis) and notableAlumniDue."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.core.db import Database
from graph.core.pages import encode_cursor
from schema.compiled.execution import PLANS
from schema.core.relay import to_global_id
from tests.schema.compiled.test_compiled_parity import ROLES
from tests.schema.compiled_documents import _Doc, selection
from tests.schema.compiled_support import Seeded, both, seed


@pytest.fixture(scope="module")
async def seeded(session_db: Database, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Seeded]:
    """The seeded graph, shared by the tests of this module (they only read)."""
    yield await seed(session_db, Path(tmp_path_factory.mktemp("bundle")))


async def _one(db: Database, query: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    rows = await db.read_rows(query, params or {})
    assert rows, query
    return dict(rows[0])


def _compiled_in_one(out: Any, key: str) -> None:
    """The root field was compiled and cost one statement (none when an argument was refused)."""
    assert out.answered == {key: "compiled"}
    assert out.statements == (0 if "errors" in out.response else 1)


SEARCH = """
query Find($text: String!, $first: Int!) {
  search(text: $text, first: $first) {
    __typename score
    node {
      __typename
      ... on Alumnus { id name email phone consentContact city { code } }
      ... on Company { id name creditCode alumniCount }
      ...Club
    }
  }
}
fragment Club on Chapter { id code name kind status parent { code } officers { role alumnus { name email } } }
"""
SEARCH_BARE = "query Bare($text: String!) { hits: search(text: $text) { what: node { kind: __typename } } }"


@pytest.mark.parametrize("role", ROLES)
async def test_search_hits_and_their_nodes_match(session_db: Database, seeded: Seeded, role: str) -> None:
    # given names of an alumnus (Chinese, pinyin, initials), a company, a chapter, and bad texts
    person = await _one(
        session_db,
        "MATCH (a:Alumnus {id: $id}) RETURN a.name AS name, a.namePinyin AS pinyin",
        {"id": seeded.ids["private"]},
    )
    firm = await _one(
        session_db, "MATCH (c:Company {id: $id}) RETURN c.name AS name", {"id": seeded.ids["company"]}
    )
    club = await _one(
        session_db, "MATCH (c:Chapter {id: $id}) RETURN c.name AS name", {"id": seeded.ids["chapter"]}
    )
    texts = [person["name"], person["name"][:2], person["pinyin"], person["pinyin"][:3], firm["name"]]
    texts += [club["name"], "zh", "wang", "协会"]
    principal = seeded.principals[role]
    for text in texts:
        for first in (50, 3):
            # when each is searched both ways
            out = await both(session_db, SEARCH, {"text": text, "first": first}, principal)
            # then hits, scores, union members (masked contacts, scoped alumni) match, in one statement
            _compiled_in_one(out, "search")
        out = await both(session_db, SEARCH_BARE, {"text": text}, principal)
        _compiled_in_one(out, "hits")
    for text, first in (("a", 5), (" 张 ", 5), ("x" * 101, 5), ("zhang", 51), ("zhang", -1)):
        out = await both(session_db, SEARCH, {"text": text, "first": first}, principal)
        _compiled_in_one(out, "search")
    # and nothing to look for, or no hits wanted, costs no statement at all
    for text, first in (("!!", 5), ("zhang", 0)):
        out = await both(session_db, SEARCH, {"text": text, "first": first}, principal)
        assert out.answered == {"search": "compiled"} and out.statements == 0


RECOMMENDATIONS = """
query Recommend($id: ID!) {
  chapterRecommendations(alumnus: $id) {
    __typename rank reason
    chapter {
      __typename id code name kind status foundedYear
      college { code } region { code parent { code } } industry { code } parent { name }
      officers { role sinceYear alumnus { id name email phone } chapter { code } }
    }
    basis {
      __typename id
      ... on Region { code level }
      ... on College { code name }
      ... on Industry { code parent { code } }
      ... on Alumnus { name }
    }
  }
}
"""


@pytest.mark.parametrize("role", ROLES)
async def test_chapter_recommendations_match(session_db: Database, seeded: Seeded, role: str) -> None:
    # given alumni with and without recommendations, one the caller may not see, and bad IDs
    rows = await session_db.read_rows(
        "MATCH (a:Alumnus) WHERE EXISTS { (a)-[:LIVES_IN]->() } RETURN a.id AS id ORDER BY a.externalId LIMIT 6"
    )
    ids = [to_global_id("Alumnus", r["id"]) for r in rows]
    ids += [to_global_id("Alumnus", seeded.ids[k]) for k in ("alumnus", "private")]
    refused = [
        to_global_id("Alumnus", "no-such-alumnus"),
        to_global_id("Company", seeded.ids["company"]),
        "nope",
    ]
    principal = seeded.principals[role]
    for alumnus in ids + refused:
        # when they are read both ways
        out = await both(session_db, RECOMMENDATIONS, {"id": alumnus}, principal)
        # then ranks, reasons, chapters, bases (the Node interface) and NOT_FOUND match
        assert out.answered == {"chapterRecommendations": "compiled"}
        assert out.statements <= 1


DUE = """
query Due($asOf: Date!, $months: Int!, $first: Int!) {
  notableAlumniDue(asOf: $asOf, months: $months, first: $first) {
    __typename lastInteractionOn when: lastInteractionOn
    alumnus { id name email phone notable notableNote city { code } }
  }
}
"""


@pytest.mark.parametrize("role", ROLES)
async def test_notable_alumni_due_match(session_db: Database, seeded: Seeded, role: str) -> None:
    # given reference dates and windows (and refused ones); ALUMNUS and CHAPTER_ORGANIZER are FORBIDDEN
    cases = [
        {"asOf": "2025-06-30", "months": 12, "first": 50},
        {"asOf": "2024-01-01", "months": 120, "first": 3},
        {"asOf": "2030-01-01", "months": 1, "first": 500},
        {"asOf": "2025-06-30", "months": 0, "first": 50},
        {"asOf": "2025-06-30", "months": 12, "first": 501},
    ]
    for values in cases:
        # when each runs both ways, then the rows (masked contacts, scoped alumni) and errors match
        out = await both(session_db, DUE, values, seeded.principals[role])
        assert out.answered == {"notableAlumniDue": "compiled"}
        assert out.statements == (0 if "errors" in out.response else 1)


CHAPTERS = """
query Chapters($first: Int!, $after: String, $filter: ChapterFilter, $order: ChapterSort!, $desc: Boolean!) {
  chapters(first: $first, after: $after, filter: $filter, orderBy: $order, descending: $desc) {
    __typename totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges {
      cursor
      node {
        __typename id code name kind status foundedYear
        parent { code name } children { code kind } college { code } region { code parent { code } }
        industry { code level }
        officers { role sinceYear alumnus { id name email phone } chapter { code } }
      }
    }
  }
}
"""


@pytest.mark.parametrize("role", ROLES)
async def test_chapters_pages_match(session_db: Database, seeded: Seeded, role: str) -> None:
    # given every order, both directions and some filters
    principal = seeded.principals[role]
    filters: list[dict[str, Any] | None] = [
        None,
        {"kinds": ["REGIONAL", "COLLEGE"]},
        {"status": "ACTIVE", "name": "会"},
        {"college": to_global_id("College", seeded.ids["college"])},
        {"region": to_global_id("Region", seeded.ids["region"])},
    ]
    for order in ("NAME", "CODE"):
        for desc in (False, True):
            for chapter_filter in filters:
                after: str | None = None
                for _ in range(3):
                    values = {
                        "first": 7,
                        "after": after,
                        "filter": chapter_filter,
                        "order": order,
                        "desc": desc,
                    }
                    # when each page is read both ways
                    out = await both(session_db, CHAPTERS, values, principal)
                    # then the pages match, each in one statement
                    _compiled_in_one(out, "chapters")
                    page = out.response["data"]["chapters"]
                    after = page["pageInfo"]["endCursor"]
                    if not page["pageInfo"]["hasNextPage"]:
                        break
    bad = {"first": 5, "after": None, "filter": {"college": to_global_id("Region", "x")}, "order": "NAME"}
    out = await both(session_db, CHAPTERS, bad | {"desc": False}, principal)
    _compiled_in_one(out, "chapters")


EVENTS = """
query Events($first: Int!, $after: String, $filter: EventFilter, $order: EventSort!, $desc: Boolean!) {
  events(first: $first, after: $after, filter: $filter, orderBy: $order, descending: $desc) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    nodes {
      __typename id code name kind date endDate createdAt updatedAt
      region { code name }
      organizer { __typename ... on College { id code name } ... on Chapter { id code kind parent { code } } }
    }
  }
}
"""


@pytest.mark.parametrize("role", ROLES)
async def test_events_pages_match(session_db: Database, seeded: Seeded, role: str) -> None:
    # given every order (DATE's cursors carry ISO dates), both directions and some filters
    principal = seeded.principals[role]
    filters: list[dict[str, Any] | None] = [
        None,
        {"dateFrom": "2015-01-01", "dateTo": "2024-12-31"},
        {"college": to_global_id("College", seeded.ids["college"])},
        {"organizer": to_global_id("Chapter", seeded.ids["chapter"])},
    ]
    for order in ("DATE", "NAME", "CODE"):
        for desc in (False, True):
            for event_filter in filters:
                after: str | None = None
                for _ in range(3):
                    values = {
                        "first": 6,
                        "after": after,
                        "filter": event_filter,
                        "order": order,
                        "desc": desc,
                    }
                    out = await both(session_db, EVENTS, values, principal)
                    _compiled_in_one(out, "events")
                    page = out.response["data"]["events"]
                    after = page["pageInfo"]["endCursor"]
                    if not page["pageInfo"]["hasNextPage"]:
                        break
    # and a cursor that does not fit the date order, or an organizer of the wrong type, is refused alike
    refused: list[dict[str, Any]] = [
        {"after": encode_cursor("not a date", "x"), "filter": None, "order": "DATE"},
        {"after": None, "filter": {"organizer": to_global_id("Region", "x")}, "order": "DATE"},
    ]
    for values in refused:
        out = await both(session_db, EVENTS, values | {"first": 5, "desc": False}, principal)
        _compiled_in_one(out, "events")


NODE = """
query One($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Chapter { code name kind status foundedYear children { code } officers { role alumnus { name phone } } }
    ... on Event { code name eventKind: kind date endDate organizer { __typename ... on Chapter { code } } region { code } }
  }
}
"""


@pytest.mark.parametrize("role", ROLES)
async def test_chapter_and_event_nodes_match(session_db: Database, seeded: Seeded, role: str) -> None:
    # given a chapter, events organized by a chapter and by a college, and an unknown event
    event_ids = [
        r["id"]
        for r in await session_db.read_rows(
            "MATCH (e:Event)-[:ORGANIZED_BY]->(o) WITH labels(o)[0] AS l, min(e.id) AS id RETURN id ORDER BY id"
        )
    ]
    ids = [to_global_id("Chapter", seeded.ids["chapter"]), to_global_id("Event", "no-such-event")]
    ids += [to_global_id("Event", i) for i in event_ids]
    for node_id in ids:
        # when each is read through node(id:), then the answers (and NOT_FOUND) match in one statement
        out = await both(session_db, NODE, {"id": node_id}, seeded.principals[role])
        assert out.answered == {"node": "compiled"}
        assert out.statements == 1


async def test_union_members_are_told_apart_by_position_not_by_request_text(
    session_db: Database, seeded: Seeded
) -> None:
    # given a search whose aliases and fragment names would be dangerous as Cypher text
    doc = (
        'query Q { DETACH_DELETE: search(text: "zhang") { MATCH_n: node { ...X__ } } }'
        " fragment X__ on Alumnus { RETURN_1: name }"
    )
    PLANS.clear()
    out = await both(session_db, doc, {}, seeded.principals["ADMIN"])
    assert out.answered == {"DETACH_DELETE": "compiled"}
    # then the one plan's statement holds none of it, and tells members apart by their labels
    (plan,) = PLANS.plans()
    for word in ("DETACH", "MATCH_n", "X__", "RETURN_1"):
        assert word not in plan.statement
    assert "WHEN n:Alumnus THEN [0, " in plan.statement


TIES = """
query Ties($id: ID!) {
  node(id: $id) {
    __typename
    ... on Alumnus {
      name
      memberships { role sinceYear alumnus { id } chapter { code kind officers { role alumnus { name email } } } }
      attended {
        role alumnus { id name phone }
        event { code date organizer { __typename ... on College { code } ... on Chapter { code } } }
      }
    }
    ... on College { code chapters { code name kind parent { code } region { code } } }
  }
}
"""
MEMBER_PAGE = (
    "query Members($after: String) { alumni(first: 40, after: $after) { pageInfo { endCursor }"
    " nodes { name memberships { role chapter { code } } attended { role event { code kind } } } } }"
)


@pytest.mark.parametrize("role", ROLES)
async def test_memberships_attendance_and_college_chapters_match(
    session_db: Database, seeded: Seeded, role: str
) -> None:
    # given alumni with memberships and attendance, one the caller may not see, and a college
    rows = await session_db.read_rows(
        "MATCH (a:Alumnus) WHERE EXISTS { (a)-[:ATTENDED]->() } AND EXISTS { (a)-[:MEMBER_OF]->() }"
        " RETURN a.id AS id ORDER BY a.externalId LIMIT 4"
    )
    ids = [to_global_id("Alumnus", r["id"]) for r in rows]
    ids += [to_global_id("Alumnus", seeded.ids["private"]), to_global_id("College", seeded.ids["college"])]
    principal = seeded.principals[role]
    for node_id in ids:
        # when each is read both ways, then the ties match, in one statement
        out = await both(session_db, TIES, {"id": node_id}, principal)
        assert out.answered == {"node": "compiled"} and out.statements == 1
    after = None
    for _ in range(3):
        out = await both(session_db, MEMBER_PAGE, {"after": after}, principal)
        assert out.answered == {"alumni": "compiled"} and out.statements == 1
        after = out.response["data"]["alumni"]["pageInfo"]["endCursor"]


@st.composite
def people_documents(draw: st.DrawFn) -> str:
    """A page of chapters or events, a chapter by id, or search hits, with a generated selection."""
    doc = _Doc()
    root = draw(st.sampled_from(["chapters", "events", "chapter", "search"]))
    if root == "search":
        members = [
            f"... on {t} {{ {draw(selection(t, 2, doc))} }}" for t in ("Alumnus", "Company", "Chapter")
        ]
        top = 'search(text: "zhang", first: 10) { score node { __typename ' + " ".join(members) + " } }"
        header = "query Q($flag: Boolean!)"
    elif root == "chapter":
        top = "node(id: $id) { __typename ... on Chapter { " + draw(selection("Chapter", 3, doc)) + " } }"
        header = "query Q($flag: Boolean!, $id: ID!)"
    else:
        body = draw(selection("Chapter" if root == "chapters" else "Event", 3, doc))
        desc = str(draw(st.booleans())).lower()
        first = draw(st.sampled_from([1, 5, 30]))
        top = f"{root}(first: {first}, descending: {desc}) {{ totalCount nodes {{ {body} }} }}"
        header = "query Q($flag: Boolean!)"
    return header + " { " + top + " } " + " ".join(doc.fragments)


@pytest.mark.parametrize("role", ROLES)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=people_documents(), flag=...)
async def test_generated_people_documents_match(
    session_db: Database, seeded: Seeded, role: str, generated: str, flag: bool
) -> None:
    # given a document generated from the schema over the people roots
    variables: dict[str, Any] = {"flag": flag, "id": to_global_id("Chapter", seeded.ids["chapter"])}
    if "$id" not in generated:
        del variables["id"]
    # when it runs both ways, then the answers match; a compiled root field costs one statement
    out = await both(session_db, generated, variables, seeded.principals[role])
    if list(out.answered.values()) == ["compiled"] and "errors" not in out.response:
        assert out.statements == 1
