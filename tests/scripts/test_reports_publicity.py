"""The scorecard workbook carries the cooperation and story figures of DESIGN §7."""

from __future__ import annotations

import argparse
from pathlib import Path

from openpyxl import load_workbook

from graph.core.db import Database
from scripts.reports import commands as reports_cli
from tests.schema.cooperation_givens import COOPERATIONS_OF_CS, STORIES_2023_2024, given_world


async def test_the_scorecard_workbook_has_the_three_columns(db: Database, tmp_path: Path) -> None:
    # given
    await given_world(db)
    await db.write_rows(STORIES_2023_2024)
    await db.write_rows(COOPERATIONS_OF_CS)
    card = tmp_path / "card.xlsx"
    # when
    await reports_cli.scorecard(db, argparse.Namespace(year=2024, out=str(card)))
    # then
    sheet = load_workbook(card)["Colleges 2024"]
    header = [c.value for c in sheet[1]]
    assert header[-3:] == ["Cooperations", "Cooperation value (CNY)", "Stories"]
    rows = {r[1].value: [c.value for c in r[-3:]] for r in sheet.iter_rows(min_row=2)}
    assert rows == {"CS": [2, "50.00", 3], "EE": [0, "0.00", 1]}
