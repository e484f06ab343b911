"""The vocabulary of events, attendance and interactions, and the small reads they share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.core.db import Database, Row
from graph.core.model import AttendanceRole as AttendanceRole
from graph.core.model import EventKind as EventKind
from graph.core.model import InteractionKind as InteractionKind


@dataclass(frozen=True)
class ChapterRef:
    """What engagement and giving need of a chapter (the institutions aggregate owns the rest)."""

    id: str
    code: str
    name: str
    kind: str | None


_CHAPTERS: LiteralString = (
    "UNWIND $ids AS wanted MATCH (n:Chapter {id: wanted})"
    " RETURN n.id AS id, n.code AS code, n.name AS name, n.kind AS kind"
)


def chapter(row: Row) -> ChapterRef:
    """Map a row to a chapter reference."""
    return ChapterRef(id=row["id"], code=row["code"], name=row["name"], kind=row["kind"])


async def chapters_by_id(db: Database, ids: list[str]) -> dict[str, ChapterRef]:
    """Chapters by id, one statement for the batch."""
    return {r["id"]: chapter(r) for r in await db.read_rows(_CHAPTERS, {"ids": ids})}
