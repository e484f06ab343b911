"""`alumni-graph load-demo` against the real test Neo4j with the real importer."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator

import pytest

from graph.core.db import ConnectionSettings, Database
from scripts.cli import main


@pytest.fixture
def local_env(connection: ConnectionSettings) -> Iterator[None]:
    """NEO4J_* point at the test database for one test."""
    keys = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")
    saved = {k: os.environ.get(k) for k in keys}
    os.environ.update(
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        NEO4J_DATABASE=connection.database,
    )
    yield
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


async def test_load_demo_imports_the_whole_demo_into_an_empty_database(
    db: Database, local_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # when
    code = await asyncio.to_thread(main, ["load-demo"])
    # then: every row of the shipped bundle is valid and imported
    assert code == 0
    assert "(0 rejected)" in capsys.readouterr().out
    counts = await db.read_rows(
        "MATCH (a:Alumnus) WITH count(a) AS alumni MATCH (d:Donation) WITH alumni, count(d) AS donations"
        " MATCH (c:Chapter) RETURN alumni, donations, count(c) AS chapters"
    )
    assert counts == [{"alumni": 2000, "donations": 5715, "chapters": 60}]


async def test_load_demo_skips_when_there_are_alumni_already(
    db: Database, local_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    await db.write_rows("CREATE (:Alumnus {id: randomUUID(), externalId: 'E1', name: '张伟'})")
    # when
    code = await asyncio.to_thread(main, ["load-demo"])
    # then
    assert code == 0
    assert "skipped" in capsys.readouterr().out
    assert (await db.read_rows("MATCH (a:Alumnus) RETURN count(a) AS n"))[0]["n"] == 1
