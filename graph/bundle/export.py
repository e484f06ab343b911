"""Exporting the graph as a bundle: every file of DESIGN §3, in key order, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.bundle.export_queries import EXPORTS
from graph.bundle.format import COLUMNS, LIST_SEPARATOR, neutralise
from graph.core.db import Database

PAGE = 2000


@dataclass
class ExportReport:
    """Rows written per file."""

    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Rows over all files."""
        return sum(self.rows.values())


def cell(value: Any) -> str:
    """A stored value as CSV text: booleans true/false, lists `;`-joined, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return neutralise(LIST_SEPARATOR.join(str(v) for v in value))
    return neutralise(str(value))


async def export_bundle(db: Database, folder: Path) -> ExportReport:
    """Write every bundle file into `folder` (created if needed); each file is replaced atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    report = ExportReport()
    for file, columns in COLUMNS.items():
        report.rows[file] = await _export_file(db, file, columns, folder)
    return report


async def _export_file(db: Database, file: str, columns: tuple[str, ...], folder: Path) -> int:
    target = folder / file
    partial = folder / f".{file}.partial"
    written = 0
    with partial.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        after = ""
        while True:
            page = await db.read_rows(EXPORTS[file], {"after": after, "limit": PAGE})
            for owner in page:
                for row in owner["rows"]:
                    writer.writerow([cell(row.get(c)) for c in columns])
                    written += 1
            if len(page) < PAGE:
                break
            after = page[-1]["owner"]
    os.replace(partial, target)
    return written
