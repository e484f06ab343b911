"""Row validation: a `FileSpec` says how each column converts and where it goes; `draft` applies it.

A column absent from the header leaves the stored value alone; a present but empty cell means
"no value" (the property or link is removed). Converted rows become `Draft`s: the statement
parameters for one row, the references to check, and the problems found.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph.bundle.cells import Bad, Converter
from graph.bundle.format import COLUMNS, unquote
from graph.bundle.report import FileProblem, RowProblem
from graph.core.model import Label


@dataclass(frozen=True)
class Col:
    """One column: its converter, and the property (`prop`) or row field (`field`) it fills.

    `ref` names the label a field points to; its existence is checked against the bundle's
    earlier files and the database before the row is written.
    """

    column: str
    convert: Converter
    prop: str | None = None
    field: str | None = None
    ref: Label | None = None
    required: bool = False


@dataclass(frozen=True)
class Ref:
    """A reference of one row to a node by natural key."""

    column: str
    label: Label
    key: str


@dataclass(slots=True)
class Draft:
    """One converted row: statement parameters, references, problems."""

    file: str
    line: int
    values: dict[str, Any]
    props: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)
    refs: list[Ref] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def problem(self, column: str, reason: str) -> None:
        """Record why the row cannot be imported."""
        self.problems.append(RowProblem(self.file, self.line, column, reason))

    def param(self, key: Any) -> dict[str, Any]:
        """The `row` map the file's statement receives."""
        return {"line": self.line, "key": key, "props": self.props, **self.fields}


Check = Callable[[Draft], None]


def _nothing(draft: Draft) -> None:
    return None


@dataclass(frozen=True)
class FileSpec:
    """How one bundle file is validated; `key` names the columns of its natural key."""

    file: str
    cols: tuple[Col, ...]
    key: tuple[str, ...]
    label: Label | None = None
    self_ref: str | None = None
    check: Check = _nothing
    unordered_key: bool = False
    one_of: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        known = set(COLUMNS[self.file])
        assert {c.column for c in self.cols} <= known, self.file

    def required_columns(self) -> list[str]:
        """Columns the header must have."""
        return [c.column for c in self.cols if c.required]

    def check_header(self, header: tuple[str, ...]) -> None:
        """FileProblem when a required column (or every column of a required choice) is missing."""
        missing = [c for c in self.required_columns() if c not in header]
        if missing:
            raise FileProblem(self.file, f"missing column {', '.join(missing)} in the header")
        for choice in self.one_of:
            if not any(c in header for c in choice):
                raise FileProblem(self.file, f"the header needs one of the columns {', '.join(choice)}")

    def row_key(self, draft: Draft) -> tuple[Any, ...]:
        """The natural key of a row, for duplicate detection inside one file."""
        values = tuple(draft.values.get(c) for c in self.key)
        return tuple(sorted(values)) if self.unordered_key else values

    def present(self, header: tuple[str, ...]) -> dict[str, bool]:
        """Which row fields have their column in the header (links of absent columns stay as they are)."""
        out: dict[str, bool] = {}
        for col in self.cols:
            if col.field:
                out[col.field] = out.get(col.field, False) or col.column in header
        return out


Plan = list[tuple[int, Col]]


def plan(spec: FileSpec, header: tuple[str, ...]) -> Plan:
    """(position, column rule) of every column of the spec that the header has."""
    positions = {name: i for i, name in enumerate(header)}
    return [(positions[col.column], col) for col in spec.cols if col.column in positions]


def draft(spec: FileSpec, columns: Plan, width: int, line: int, cells: list[str]) -> Draft:
    """Convert one row; `columns` comes from `plan`, `width` is the number of header cells.

    A row with more cells than the header is refused (its cells may be shifted). This runs for every row
    of every file, so it is written for speed: one pass, no intermediate maps.
    """
    row = Draft(spec.file, line, {})
    count = len(cells)
    if count > width:
        row.problem("row", f"{count} cells but the header has {width} columns")
        return row
    for index, col in columns:
        raw = cells[index].strip() if index < count else ""
        if raw.startswith("'"):
            raw = unquote(raw)
        _convert(row, col, raw)
    if not row.problems:
        spec.check(row)
    return row


def _convert(row: Draft, col: Col, raw: str) -> None:
    value: Any = None
    if not raw:
        if col.required:
            row.problem(col.column, "missing value")
            return
    else:
        try:
            value = col.convert(raw)
        except Bad as exc:
            row.problem(col.column, str(exc))
            return
    row.values[col.column] = value
    if col.prop:
        row.props[col.prop] = value
    if col.field:
        row.fields[col.field] = value
        if col.ref and value is not None:
            for key in value if isinstance(value, list) else (value,):  # a list column names several
                row.refs.append(Ref(col.column, col.ref, key))
