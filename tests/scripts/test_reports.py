"""`alumni-graph report`: the fund report to donors (CSV, XLSX, PDF), scorecard and retention XLSX."""

from __future__ import annotations

import asyncio
import csv
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from graph.core.db import ConnectionSettings, Database
from scripts.cli import main
from tests.graph.reports.test_giving_reports import given_history


async def cli(*args: str) -> int:
    """Run the command line in a thread (it runs its own event loop)."""
    return await asyncio.to_thread(main, list(args))


@pytest.fixture
def env(connection: ConnectionSettings) -> Iterator[None]:
    """Point the CLI at the test database for one test."""
    saved = {k: os.environ.get(k) for k in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")}
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


async def test_fund_report_in_three_formats(db: Database, env: None, tmp_path: Path) -> None:
    # given
    await given_history(db)
    out = {fmt: tmp_path / f"fund.{fmt}" for fmt in ("csv", "xlsx", "pdf")}
    # when
    codes = [
        await cli("report", "fund", "CS-DEV", "--year", "2025", "--format", f, "--out", str(p))
        for f, p in out.items()
    ]
    # then
    assert codes == [0, 0, 0]
    with out["csv"].open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert ["本年到账 Received (CNY)", "9924.20"] in rows
    assert ["王氏科技", "Company", "1", "7123.45"] in rows
    assert ["匿名 Anonymous", "Alumnus", "1", "300.25"] in rows  # 李's anonymous gift is not named
    assert ["1", "2500.50"] in rows and ["9", "300.25"] in rows
    wb = load_workbook(out["xlsx"])
    assert wb.sheetnames == ["Summary", "Donors"]
    assert len(wb["Summary"]._charts) == 1
    assert [c.value for c in wb["Donors"][2]] == ["王氏科技", "Company", 1, "7123.45"]
    pdf = out["pdf"].read_bytes()
    assert pdf.startswith(b"%PDF") and b"STSong-Light" in pdf and len(pdf) > 2000


async def test_scorecard_and_retention_workbooks(db: Database, env: None, tmp_path: Path) -> None:
    # given
    await given_history(db)
    card, kept = tmp_path / "card.xlsx", tmp_path / "retention.xlsx"
    # when
    assert await cli("report", "scorecard", "--year", "2025", "--out", str(card)) == 0
    assert await cli("report", "retention", "--year", "2025", "--fund", "CS-DEV", "--out", str(kept)) == 0
    # then
    colleges = load_workbook(card)["Colleges 2025"]
    assert [c.value for c in colleges[1]][:3] == ["College", "Code", "Alumni"]
    assert {(r[0].value, r[7].value) for r in colleges.iter_rows(min_row=2)} == {
        ("计算机学院", "9934.21"),
        ("电子学院", "0.00"),
    }
    segments = load_workbook(kept)
    assert segments.sheetnames == ["RETAINED", "LYBUNT", "SYBUNT", "NEW", "RECAPTURED"]
    assert [c.value for c in segments["NEW"][2]] == ["王氏科技", "C", "Company"]


async def test_unknown_fund_is_one_clear_line(
    db: Database, env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # when
    code = await cli("report", "fund", "NOPE", "--year", "2025")
    # then
    assert code == 1
    assert capsys.readouterr().err.strip() == "alumni-graph: error: fund NOPE not found"
