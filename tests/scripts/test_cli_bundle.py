"""`alumni-graph import` and `export` against the test database: output and exit status."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.core.db import ConnectionSettings, Database
from scripts.cli import main
from tests.bundle_support import SMALL, label_counts, write

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, connection: ConnectionSettings, db: Database) -> Database:
    """NEO4J_* point at the (clean) test database."""
    monkeypatch.setenv("NEO4J_URI", connection.uri)
    monkeypatch.setenv("NEO4J_USER", connection.user)
    monkeypatch.setenv("NEO4J_PASSWORD", connection.password)
    monkeypatch.setenv("NEO4J_DATABASE", connection.database)
    return db


async def run(argv: list[str]) -> int:
    """Run the CLI in a worker thread (it starts its own event loop)."""
    return await asyncio.to_thread(main, argv)


async def test_import_of_a_clean_bundle_exits_0_with_a_summary(
    env: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    # when
    code = await run(["import", str(SMALL)])
    # then
    out, err = capsys.readouterr()
    assert code == 0
    assert err == ""
    assert "alumni.csv                 7         7         0" in out
    assert "total                     67        67         0" in out
    assert "nodes: 41 created, 0 updated; relationships: 83 created, 0 updated, 0 removed" in out
    assert "rows/s" in out
    assert await label_counts(env) != {}


async def test_rejected_rows_go_to_stderr_and_exit_2(
    env: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    bundle = write(tmp_path / "b", "colleges.csv", "code,name\nCS,计算机学院\nbad code,坏\nEE,\n")
    # when
    code = await run(["import", str(bundle)])
    # then
    out, err = capsys.readouterr()
    assert code == 2
    assert err.splitlines() == [
        "colleges.csv:3: code: use 1-40 letters, digits, '.', '_' or '-'",
        "colleges.csv:4: name: missing value",
    ]
    assert "colleges.csv               3         1         2" in out


async def test_a_file_level_problem_exits_1_with_one_line(
    env: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    bundle = write(tmp_path / "b", "colleges.csv", "code,name\nCS,计算机学院\n", encoding="utf-16")
    # when
    code = await run(["import", str(bundle)])
    # then
    _, err = capsys.readouterr()
    assert code == 1
    assert err.splitlines() == ["colleges.csv: not UTF-8 text (byte 0xFF on line 1); save it as 'CSV UTF-8'"]


async def test_a_path_that_is_no_bundle_exits_1(
    env: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    # when
    code = await run(["import", str(tmp_path / "x.pdf")])
    # then
    _, err = capsys.readouterr()
    assert code == 1
    assert err.splitlines() == [
        f"alumni-graph: error: {tmp_path / 'x.pdf'}: not a folder, a .csv file, a .zip of CSV files or an .xlsx workbook"
    ]


async def test_a_database_problem_exits_1_with_one_line(
    env: Database, connection: ConnectionSettings
) -> None:
    # given
    environ = os.environ | {"NEO4J_URI": connection.uri, "NEO4J_PASSWORD": "wrong-password"}
    # when
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "scripts.cli", "import", str(SMALL)],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )
    # then
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["alumni-graph: error: the database rejected our credentials"]


async def test_export_writes_the_bundle_folder(
    env: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    assert await run(["import", str(SMALL)]) == 0
    capsys.readouterr()
    # when
    code = await run(["export", str(tmp_path / "out")])
    # then
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.splitlines()[-1] == f"67 rows written to {tmp_path / 'out'}"
    assert len(list((tmp_path / "out").glob("*.csv"))) == 20
