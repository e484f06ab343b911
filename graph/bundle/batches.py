"""Cutting a table into batches of validated rows (runs in a worker thread, beside the writes)."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

from graph.bundle.rows import Draft, FileSpec, draft, plan
from graph.bundle.tables import Table


@dataclass
class Chunk:
    """Rows read since the previous chunk: the valid ones, the rejected ones, and where the reader is."""

    read: int = 0
    rows: list[Draft] = field(default_factory=list)
    rejected: list[Draft] = field(default_factory=list)
    position: int = 0


# A batch also ends after this many characters of cells, so wide rows make smaller batches.
BATCH_CHARS = 500_000


def chunks(spec: FileSpec, table: Table, batch_rows: int) -> Generator[Chunk, None, None]:
    """Validate the table row by row; yield a chunk every `batch_rows` valid rows (or BATCH_CHARS
    characters) and at the end.

    A second row with the key of an earlier valid row is rejected as a duplicate. Only this
    generator touches the file and the seen keys, so it can run in another thread.
    """
    columns = plan(spec, table.header)
    width = len(table.header)
    seen: dict[tuple[Any, ...], int] = {}
    chunk = Chunk()
    chars = 0
    for line, cells in table.rows:
        chunk.read += 1
        chars += sum(map(len, cells))
        row = draft(spec, columns, width, line, cells)
        if not row.problems:
            first = seen.setdefault(spec.row_key(row), line)
            if first != line:
                row.problem(spec.key[0], f"duplicate of line {first} (same {' and '.join(spec.key)})")
        (chunk.rejected if row.problems else chunk.rows).append(row)
        if len(chunk.rows) >= batch_rows or chars >= BATCH_CHARS:
            chunk.position = table.position()
            yield chunk
            chunk, chars = Chunk(), 0
    chunk.position = table.size or table.position()
    yield chunk
