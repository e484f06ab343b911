"""`alumni-graph load-demo` against the real test Neo4j.

The importer (`graph.bundle`, written separately) is replaced by a recorder here: these tests are
about when load-demo imports and what it hands over, not about importing.
"""

from __future__ import annotations

import asyncio
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from graph.db import ConnectionSettings, Database
from scripts.cli import DEMO_DIR, main


@pytest.fixture
def imported(monkeypatch: pytest.MonkeyPatch, connection: ConnectionSettings) -> list[Path]:
    """The folders handed to graph.bundle.import_bundle; NEO4J_* point at the test database."""
    calls: list[Path] = []

    async def import_bundle(db: Any, path: Path) -> str:
        calls.append(path)
        return "18 files, 0 rows rejected"

    module = types.ModuleType("graph.bundle")
    module.import_bundle = import_bundle  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "graph.bundle", module)
    for name, value in (
        ("NEO4J_URI", connection.uri),
        ("NEO4J_USER", connection.user),
        ("NEO4J_PASSWORD", connection.password),
        ("NEO4J_DATABASE", connection.database),
    ):
        monkeypatch.setenv(name, value)
    return calls


async def test_load_demo_imports_the_demo_into_a_database_without_alumni(
    db: Database, imported: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # when
    code = await asyncio.to_thread(main, ["load-demo"])
    # then
    assert code == 0
    assert imported == [DEMO_DIR]
    assert "imported the demo bundle" in capsys.readouterr().out


async def test_load_demo_skips_when_there_are_alumni_already(
    db: Database, imported: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    await db.write_rows("CREATE (:Alumnus {id: randomUUID(), externalId: 'E1', name: '张伟'})")
    # when
    code = await asyncio.to_thread(main, ["load-demo"])
    # then
    assert code == 0
    assert imported == []
    assert "skipped" in capsys.readouterr().out
