"""The driver wrapper: timeouts, error translation, statement counting."""

from __future__ import annotations

import pytest

from graph.db import ConnectionSettings, Database, open_database
from graph.errors import ConstraintViolation, QueryTimeout


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
