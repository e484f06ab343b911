"""MEMBER_OF ties between alumni and chapters: batched reads from both ends and the officer rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.chapters import chapters
from graph.core.db import Database, Row, Tx
from graph.core.errors import Rejected
from graph.core.model import MembershipRole
from graph.core.pages import Related, fetch_related
from graph.core.scope import ALUMNUS_VISIBLE, Scope
from graph.people import alumni

MemberRole = MembershipRole  # the API calls it MemberRole


@dataclass(frozen=True)
class MembershipRecord:
    """An alumnus's membership of a chapter; the far end is filled in by the read that found it."""

    alumnus_id: str
    chapter_id: str
    role: str
    since_year: int | None
    alumnus: alumni.AlumnusRecord | None = None
    chapter: chapters.ChapterRecord | None = None

    @property
    def id(self) -> str:
        """Position key in a chapter's member list (one membership per alumnus and chapter)."""
        return self.alumnus_id


_ROLE: LiteralString = "coalesce(r.role, 'MEMBER') AS role, r.sinceYear AS sinceYear"
_ROLE_COLUMNS: LiteralString = ", owner, " + _ROLE
_OF_ALUMNI: LiteralString = (
    "UNWIND $ids AS owner MATCH (:Alumnus {id: owner})-[r:MEMBER_OF]->(n:Chapter)"
    " WITH owner, r, n ORDER BY n.name, n.id" + chapters.RETURN + _ROLE_COLUMNS
)
# A chapter's members within the caller's scope (all, or those of `$role`), by name, paged per chapter.
MEMBERS = Related(
    inner=(
        "MATCH (:Chapter {id: owner})<-[r:MEMBER_OF]-(n:Alumnus) WHERE "
        + ALUMNUS_VISIBLE
        + " AND ($role IS NULL OR coalesce(r.role, 'MEMBER') = $role)"
    ),
    carry="r, n",
    key="n.name",
    tie="n.id",
    columns=alumni.COLUMNS + ", " + _ROLE,
)
_OFFICERS: LiteralString = (
    "UNWIND $ids AS owner MATCH (:Chapter {id: owner})<-[r:MEMBER_OF]-(n:Alumnus)"
    " WHERE r.role IN ['PRESIDENT', 'VICE_PRESIDENT', 'SECRETARY'] AND "
    + ALUMNUS_VISIBLE
    + " WITH owner, r, n ORDER BY CASE r.role WHEN 'PRESIDENT' THEN 0 WHEN 'VICE_PRESIDENT' THEN 1"
    " ELSE 2 END, n.name, n.id" + alumni.RETURN + _ROLE_COLUMNS
)
_OTHER_PRESIDENT: LiteralString = (
    "MATCH (:Chapter {id: $chapter})<-[:MEMBER_OF {role: 'PRESIDENT'}]-(a:Alumnus)"
    " WHERE a.id <> $alumnus RETURN a.id AS id LIMIT 1"
)


def _of_alumnus(row: Row) -> MembershipRecord:
    rec = chapters.chapter(row)
    return MembershipRecord(row["owner"], rec.id, row["role"], row["sinceYear"], chapter=rec)


def member(row: Row) -> MembershipRecord:
    """Map a row of a chapter's member list (alumnus columns, `owner` the chapter) to a membership."""
    rec = alumni.to_record(row)
    return MembershipRecord(rec.id, row["owner"], row["role"], row["sinceYear"], alumnus=rec)


async def of_alumni(db: Database, alumni_ids: list[str]) -> dict[str, list[MembershipRecord]]:
    """Each alumnus's memberships with their chapters, in one statement."""
    grouped = await fetch_related(db, _OF_ALUMNI, alumni_ids)
    return {k: [_of_alumnus(r) for r in rows] for k, rows in grouped.items()}


async def officers_of(
    db: Database, chapter_ids: list[str], scope: Scope
) -> dict[str, list[MembershipRecord]]:
    """Each chapter's visible officers, president first, in one statement."""
    grouped = await fetch_related(db, _OFFICERS, chapter_ids, {"scope": scope.params()})
    return {k: [member(r) for r in rows] for k, rows in grouped.items()}


async def check_single_president(tx: Tx, alumnus_id: str, chapter_id: str, role: str | None) -> None:
    """A chapter has at most one president: CONFLICT when someone else already is."""
    if role != MemberRole.PRESIDENT:
        return
    if await tx.row(_OTHER_PRESIDENT, {"chapter": chapter_id, "alumnus": alumnus_id}) is not None:
        raise Rejected(
            "role", "CONFLICT", "this chapter already has a president; change that membership first"
        )
