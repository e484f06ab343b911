"""The driver wrapper: timeouts, error translation, statement counting."""

from __future__ import annotations

import pytest

from graph.core.db import ConnectionSettings, Database, open_database, returned_columns
from graph.core.errors import ConstraintViolation, QueryTimeout


async def test_a_slow_query_is_cut_by_the_timeout(connection: ConnectionSettings, db: Database) -> None:
    # given a driver whose transactions may run one second
    from dataclasses import replace

    async with open_database(replace(connection, query_timeout_s=1.0)) as fast:
        # when / then
        with pytest.raises(QueryTimeout):
            await fast.read_rows("UNWIND range(1, 1000000000) AS x WITH x WHERE x = -1 RETURN count(x) AS n")


async def test_a_unique_key_violation_is_our_error_without_driver_text(db: Database) -> None:
    # given
    await db.write_rows("CREATE (:College {id: 'c1', code: 'CS', name: 'a'})")
    # when
    with pytest.raises(ConstraintViolation) as caught:
        await db.write_rows("CREATE (:College {id: 'c2', code: 'CS', name: 'b'})")
    # then
    assert "Neo" not in str(caught.value)
    assert "already exists" in str(caught.value)


async def test_statements_are_counted(db: Database) -> None:
    # when
    await db.read_rows("RETURN 1 AS x")
    await db.read_rows("RETURN 2 AS x")
    # then
    assert db.counter.count == 2


async def test_a_table_comes_back_as_the_same_rows_in_the_same_order(db: Database) -> None:
    # given 3,000 rows in a deliberate order, with nulls, lists and maps among the values
    query = (
        "UNWIND range(1, 3000) AS i WITH i ORDER BY i % 7, i DESC"
        " RETURN i AS id, CASE WHEN i % 2 = 0 THEN null ELSE toString(i) END AS label,"
        " [i, i + 1] AS pair, {k: i} AS item"
    )
    # when
    rows = await db.read_rows(query)
    table = await db.read_table(query, returned_columns(query[query.index(" RETURN") :]))
    # then
    assert table == rows
    assert [r["id"] for r in table[:3]] == [2996, 2989, 2982]


def test_returned_columns_name_every_projection_item() -> None:
    # given / when / then
    clause = " RETURN DISTINCT n.id AS id, coalesce(n.kinds, []) AS kinds, owner, 'a, b' AS text"
    assert returned_columns(clause) == ("id", "kinds", "owner", "text")
    assert returned_columns(" RETURN {a: 1, b: [2, 3]} AS m, count(*) AS total") == ("m", "total")
    with pytest.raises(ValueError, match="cannot name"):
        returned_columns(" RETURN n.id")


async def test_the_office_runs_statements_without_the_scope_predicates(db: Database) -> None:
    # given a statement carrying every alumnus predicate
    from graph.core.scope import ALUMNUS_IN_SCOPE, FULL, Scope, specialised
    from graph.giving.donations import DONATIONS
    from graph.people.alumni import SPEC

    reduced = specialised(SPEC.by_ids, {"scope": Scope(all_alumni=True).params()})
    # then: nothing of the predicates is left for the office, everything for anyone else
    assert "$scope.college" not in reduced and ALUMNUS_IN_SCOPE not in reduced
    assert specialised(SPEC.by_ids, {"scope": FULL.params()}) == reduced
    assert "$scope.giving" not in specialised(DONATIONS.by_ids, {"scope": Scope(giving=True).params()})
    assert "$scope.giving" in specialised(DONATIONS.by_ids, {"scope": Scope(all_alumni=True).params()})
    assert specialised(SPEC.by_ids, {"scope": Scope(college_code="CS").params()}) == SPEC.by_ids
    # and the reduced statement runs
    assert await db.read_rows(reduced, {"ids": ["none"], "scope": FULL.params()}) == []


async def test_every_write_moves_the_one_shared_bookmark_chain(db: Database) -> None:
    # given
    before = await db.bookmarks()
    # when two writes commit, through a managed transaction and in auto-commit
    await db.write_rows("CREATE (:College {id: 'b1', code: 'B1', name: 'b'})")
    after_first = await db.bookmarks()
    await db.run_autocommit("MATCH (c:College {code: 'B1'}) SET c.name = 'bb'")
    after_second = await db.bookmarks()
    # then the manager holds the newest bookmark each time (sessions replace what they consumed)
    assert after_first and after_first != before
    assert after_second and after_second != after_first
    assert len(after_second) == 1
    # and a read session (which waits for those bookmarks) sees the write
    assert await db.read_rows("MATCH (c:College {code: 'B1'}) RETURN c.name AS name") == [{"name": "bb"}]
