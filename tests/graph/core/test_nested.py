"""Nested pages: every owner's own page, cursor and count from one statement each."""

from __future__ import annotations

from graph.core.db import Database
from graph.core.pages import Cursor, fetch_related_counts, fetch_related_pages
from graph.institutions import colleges as institutions

_GIVEN = """
CREATE (a:College {id: 'A', code: 'A', name: 'A'})
CREATE (b:College {id: 'B', code: 'B', name: 'B'})
CREATE (:College {id: 'C', code: 'C', name: 'C'})
WITH a, b
UNWIND range(1, 5) AS i
CREATE (:Class {id: 'a' + i, code: 'A-' + i, name: 'a' + i})-[:OF_COLLEGE]->(a)
WITH b, i WHERE i <= 2
CREATE (:Class {id: 'b' + i, code: 'B-' + i, name: 'b' + i})-[:OF_COLLEGE]->(b)
"""


async def test_each_owner_gets_its_own_page_in_one_statement(db: Database) -> None:
    # given college A with 5 classes, B with 2, C with none
    await db.write_rows(_GIVEN)
    db.counter.reset()
    # when
    pages = await fetch_related_pages(db, institutions.CLASSES_OF_COLLEGE, ["A", "B", "C"], {}, 3, None)
    # then
    assert db.counter.count == 1
    assert [(r["code"], r["sortKey"], r["sortId"]) for r in pages["A"][0]] == [
        ("A-1", "A-1", "a1"),
        ("A-2", "A-2", "a2"),
        ("A-3", "A-3", "a3"),
    ]
    assert pages["A"][1] is True
    assert [r["code"] for r in pages["B"][0]] == ["B-1", "B-2"] and pages["B"][1] is False
    assert pages["C"] == ([], False)


async def test_a_cursor_continues_after_its_position(db: Database) -> None:
    # given
    await db.write_rows(_GIVEN)
    # when
    pages = await fetch_related_pages(db, institutions.CLASSES_OF_COLLEGE, ["A"], {}, 3, Cursor("A-3", "a3"))
    # then
    assert [r["code"] for r in pages["A"][0]] == ["A-4", "A-5"]
    assert pages["A"][1] is False


async def test_counts_cover_owners_without_rows(db: Database) -> None:
    # given
    await db.write_rows(_GIVEN)
    # when
    counts = await fetch_related_counts(db, institutions.CLASSES_OF_COLLEGE, ["A", "B", "C"], {})
    # then
    assert counts == {"A": 5, "B": 2, "C": 0}
