"""Reading an .xlsx workbook as a bundle: one sheet per file ("alumni" or "alumni.csv")."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

import openpyxl

from graph.bundle.format import FILES, sheet_file
from graph.bundle.report import BundleError, FileProblem
from graph.bundle.tables import Bundle, RawRow, Table, header_of


def cell_text(value: Any) -> str:
    """A cell value as the text a CSV export of the sheet would hold (formulas as their text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


@contextmanager
def open_workbook(source: Path | IO[bytes]) -> Iterator[Any]:
    """The workbook, read-only and streaming; formulas come back as text, never evaluated."""
    if not isinstance(source, Path):
        source.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            book = openpyxl.load_workbook(source, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds of errors for damaged files
        raise BundleError(f"not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        yield book
    finally:
        book.close()


def bundle_of(book: Any) -> Bundle:
    """The bundle files of a workbook; sheets with other names are reported, not imported."""
    sheets: dict[str, Any] = {}
    problems: list[FileProblem] = []
    for sheet in book.worksheets:
        file = sheet_file(sheet.title)
        if file is None:
            problems.append(
                FileProblem(sheet.title, "not a bundle sheet name, so nothing of it was imported")
            )
        elif file in sheets:
            raise BundleError(f"the workbook has two sheets for {file}")
        else:
            sheets[file] = sheet
    return Bundle([f for f in FILES if f in sheets], problems, lambda f: sheet_table(f, sheets[f]))


@contextmanager
def sheet_table(file: str, sheet: Any) -> Iterator[Table]:
    """A worksheet as a table; line numbers are sheet row numbers (the header is row 1)."""
    sheet.reset_dimensions()  # do not trust the stored dimension: read every row there is
    rows = sheet.iter_rows(values_only=True)
    first = next(rows, None)
    header = header_of([cell_text(v) for v in first] if first is not None else None, file)
    counter = [1]
    yield Table(file, header, _sheet_rows(rows, len(header), counter), None, lambda: counter[0])


def _sheet_rows(rows: Iterator[tuple[Any, ...]], width: int, counter: list[int]) -> Iterator[RawRow]:
    for values in rows:
        counter[0] += 1
        cells = [cell_text(v) for v in values]
        while len(cells) > width and not cells[-1].strip():
            cells.pop()  # formatting often extends a sheet past its data: empty cells are no data
        if any(c.strip() for c in cells):
            yield counter[0], cells
