"""The shapes a bundle source is read into: tables of raw rows with their line numbers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from graph.bundle.report import FileProblem

RawRow = tuple[int, list[str]]


@dataclass
class Table:
    """One file of a bundle: its header (trimmed, lower-case) and its data rows with line numbers.

    `size` and `position` measure progress: bytes for CSV files, rows for worksheets (size None).
    """

    file: str
    header: tuple[str, ...]
    rows: Iterator[RawRow]
    size: int | None = None
    position: Callable[[], int] = field(default=lambda: 0)


@dataclass
class Bundle:
    """The bundle files of a source in load order, how to open each, and what was not understood."""

    files: list[str]
    problems: list[FileProblem]
    table: Callable[[str], AbstractContextManager[Table]]


def header_of(cells: list[str] | None, file: str) -> tuple[str, ...]:
    """The normalised header row; FileProblem when it is missing or names a column twice."""
    if cells is None or not any(c.strip() for c in cells):
        raise FileProblem(file, "no header row (the first line must name the columns)")
    header = tuple(c.strip().lower() for c in cells)
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise FileProblem(file, f"column {name} appears twice in the header")
        seen.add(name)
    return header
