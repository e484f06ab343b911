"""Lists specialised to the filters a request gives: same rows as the generic text, cheaper plans."""

from __future__ import annotations

from typing import Any

from graph.careers import companies
from graph.core.db import Database
from graph.core.pages import fetch_count, fetch_page, specialise

_GIVEN = """
CREATE (c:Industry {id: 'C', code: 'T-C', name: 'Manufacturing', level: 1})
CREATE (c26:Industry {id: 'C26', code: 'T-26', name: 'Chemicals', level: 2})-[:PART_OF]->(c)
CREATE (i:Industry {id: 'I', code: 'T-I', name: 'IT', level: 1})
CREATE (bj:Region {id: 'BJ', code: 'T-11', name: 'Beijing', level: 1})
CREATE (sh:Region {id: 'SH', code: 'T-31', name: 'Shanghai', level: 1})
CREATE (:Company {id: 'k1', name: 'Alpha', creditCode: 'K1'})-[:IN_INDUSTRY]->(c26)
CREATE (k2:Company {id: 'k2', name: 'Beta', creditCode: 'K2'})-[:IN_INDUSTRY]->(c)
CREATE (k3:Company {id: 'k3', name: 'Gamma', creditCode: 'K3'})-[:IN_INDUSTRY]->(i)
CREATE (k2)-[:LOCATED_IN]->(sh)
CREATE (k3)-[:LOCATED_IN]->(bj)
"""


def _params(**given: Any) -> dict[str, Any]:
    base = {
        "name": None,
        "nameLower": None,
        "industry": None,
        "region": None,
        "sizes": None,
        "hasAlumni": None,
        "needKind": None,
    }
    return base | given


def test_absent_filters_become_true_and_given_ones_lose_their_null_test() -> None:
    text = (
        "MATCH (n:X) WHERE ($a IS NULL OR n.a = $a)"
        " AND ($b IS NULL OR EXISTS { (n)-[:R]->(m) WHERE ($c IS NULL OR m.c = $c) })"
    )
    assert specialise(text, {"a": None, "b": 1, "c": None}, {}) == (
        "MATCH (n:X) WHERE true AND (EXISTS { (n)-[:R]->(m) WHERE true })"
    )
    assert specialise(text, {"a": 1, "b": None}, {}) == "MATCH (n:X) WHERE (n.a = $a) AND true"
    # a parameter the caller did not pass keeps its generic test
    assert specialise(text, {}, {}) == text


def test_an_anchored_filter_joins_the_match() -> None:
    text = "MATCH (n:X) WHERE ($a IS NULL OR EXISTS { (n)-[:R]->(:Y {id: $a}) }) AND ($b IS NULL OR n.b = $b)"
    anchors = {"a": "(n)-[:R]->(:Y {id: $a})"}
    assert specialise(text, {"a": "y", "b": None}, anchors) == (
        "MATCH (n:X), (n)-[:R]->(:Y {id: $a}) WHERE true AND true"
    )
    assert specialise(text, {"a": None, "b": 2}, anchors) == "MATCH (n:X) WHERE true AND (n.b = $b)"


async def test_every_filter_shape_reads_the_same_rows_as_the_generic_statement(db: Database) -> None:
    # given companies in an industry tree and in regions
    await db.write_rows(_GIVEN)
    shapes = [
        _params(),
        _params(industry="C"),
        _params(industry="C26"),
        _params(industry="C", region="SH"),
        _params(region="BJ"),
        _params(name="a", nameLower="a"),
        _params(industry="I", name="Gam", nameLower="gam"),
    ]
    for params in shapes:
        # when the specialised statement and the generic one read the same page
        page, more = await fetch_page(db, companies.COMPANIES, params, "name", False, 10, None)
        generic = await db.read_rows(companies.COMPANIES.page_query("name", False), params | _paging())
        # then they agree, and so do the counts
        assert [r.id for r, _ in page] == [r["id"] for r in generic], params
        assert more is False
        assert await fetch_count(db, companies.COMPANIES, params) == len(generic)
    industry_c = await fetch_page(db, companies.COMPANIES, _params(industry="C"), "name", False, 10, None)
    assert [r.id for r, _ in industry_c[0]] == ["k1", "k2"]


async def test_an_anchored_filter_starts_from_the_filters_node(db: Database) -> None:
    # given
    await db.write_rows(_GIVEN)
    # when the planner plans the page of one industry's companies
    text = companies.COMPANIES.page_query("name", False, _params(industry="C"))
    rows = await db.read_rows("EXPLAIN " + text, _params(industry="C") | _paging())
    # then the industry is a pattern of the MATCH, not a test run on every company
    assert rows == []
    assert ", (n)-[:IN_INDUSTRY]->" in text and "$industry IS NULL" not in text


def _paging() -> dict[str, Any]:
    return {"afterKey": None, "afterId": None, "limit": 11}
