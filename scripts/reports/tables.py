"""The college scorecard and the donor-retention lists as XLSX workbooks for the annual meeting."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from scripts.reports.safe import cell


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a title, a header row and rows of plain values."""

    title: str
    header: list[str]
    rows: list[list[str | int]]


def write_workbook(sheets: list[Sheet], out: Path) -> None:
    """Write the sheets (bold header, frozen first row, text cells neutralised)."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title[:31])
        ws.append(sheet.header)
        for c in ws[1]:
            c.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for row in sheet.rows:
            ws.append([cell(v) if isinstance(v, str) else v for v in row])
    wb.save(out)
