"""Batched reads of the ties around alumni: staff roles, liaisons, acquaintances, class rosters."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import LiteralString

from graph.core.db import Database, Row
from graph.core.pages import Related, fetch_related
from graph.core.scope import ALUMNUS_VISIBLE, Scope
from graph.institutions import colleges as institutions
from graph.people import alumni


@dataclass(frozen=True)
class StaffRoleRecord:
    """A WORKED_AT_SCHOOL tie: an alumnus's post at a college (no end year = current)."""

    alumnus_id: str
    college: institutions.CollegeRecord
    title: str | None
    start_year: int | None
    end_year: int | None


@dataclass(frozen=True)
class AcquaintanceRecord:
    """A KNOWS tie seen from one alumnus (`owner_id`): the other person and the tie's kind."""

    owner_id: str
    other: alumni.AlumnusRecord
    kind: str | None
    strength: int | None


_STAFF_ROLES: LiteralString = (
    "UNWIND $ids AS owner MATCH (:Alumnus {id: owner})-[r:WORKED_AT_SCHOOL]->(n:College)"
    " WITH owner, r, n ORDER BY coalesce(r.startYear, 0), n.code"
    + institutions.COLLEGE_RETURN
    + ", owner, r.title AS title, r.startYear AS startYear, r.endYear AS endYear"
)
_LIAISON_FOR: LiteralString = (
    "UNWIND $ids AS owner MATCH (:Alumnus {id: owner})-[:LIAISON_FOR]->(n:Class)"
    " WITH owner, n ORDER BY n.graduationYear, n.code" + institutions.CLASS_RETURN + ", owner"
)
# KNOWS is read in both directions; the other person must be visible to the caller.
_ACQUAINTANCES: LiteralString = (
    "UNWIND $ids AS owner MATCH (:Alumnus {id: owner})-[k:KNOWS]-(n:Alumnus) WHERE "
    + ALUMNUS_VISIBLE
    + " WITH owner, k, n ORDER BY n.name, n.id"
    + alumni.RETURN
    + ", owner, k.kind AS tieKind, k.strength AS strength"
)
_LIAISONS: LiteralString = (
    "UNWIND $ids AS owner MATCH (:Class {id: owner})<-[:LIAISON_FOR]-(n:Alumnus) WHERE "
    + ALUMNUS_VISIBLE
    + " WITH owner, n ORDER BY n.name, n.id"
    + alumni.RETURN
    + ", owner"
)
# A class's alumni within the caller's scope, by name, paged per class.
CLASS_ALUMNI = Related(
    inner="MATCH (:Class {id: owner})<-[:STUDIED_IN]-(n:Alumnus) WHERE " + ALUMNUS_VISIBLE,
    carry="n",
    key="n.name",
    tie="n.id",
    columns=alumni.COLUMNS,
)


def _staff_role(row: Row) -> StaffRoleRecord:
    return StaffRoleRecord(
        alumnus_id=row["owner"],
        college=institutions.college(row),
        title=row["title"],
        start_year=row["startYear"],
        end_year=row["endYear"],
    )


def _acquaintance(row: Row) -> AcquaintanceRecord:
    return AcquaintanceRecord(
        owner_id=row["owner"], other=alumni.to_record(row), kind=row["tieKind"], strength=row["strength"]
    )


async def staff_roles_of(db: Database, alumni_ids: list[str]) -> dict[str, list[StaffRoleRecord]]:
    """Posts each alumnus held at colleges, earliest first, in one statement."""
    grouped = await fetch_related(db, _STAFF_ROLES, alumni_ids)
    return {k: [_staff_role(r) for r in rows] for k, rows in grouped.items()}


async def liaison_for(db: Database, alumni_ids: list[str]) -> dict[str, list[institutions.ClassRecord]]:
    """Classes each alumnus is liaison for, in one statement."""
    grouped = await fetch_related(db, _LIAISON_FOR, alumni_ids)
    return {k: [institutions.class_(r) for r in rows] for k, rows in grouped.items()}


async def acquaintances_of(
    db: Database, alumni_ids: list[str], scope: Scope
) -> dict[str, list[AcquaintanceRecord]]:
    """Recorded acquaintances (either direction) of each alumnus that the caller may see."""
    grouped = await fetch_related(db, _ACQUAINTANCES, alumni_ids, {"scope": scope.params()})
    return {k: [_acquaintance(r) for r in rows] for k, rows in grouped.items()}


async def liaisons_of(
    db: Database, class_ids: list[str], scope: Scope
) -> dict[str, list[alumni.AlumnusRecord]]:
    """The liaisons of each class that the caller may see, in one statement."""
    grouped = await fetch_related(db, _LIAISONS, class_ids, {"scope": scope.params()})
    return {k: [alumni.to_record(r) for r in rows] for k, rows in grouped.items()}


class AcquaintanceKind(StrEnum):
    """How two alumni know each other (a recorded KNOWS tie)."""

    FRIEND = "FRIEND"
    CLASSMATE = "CLASSMATE"
    COLLEAGUE = "COLLEAGUE"
    MENTOR = "MENTOR"
    FAMILY = "FAMILY"
    BUSINESS = "BUSINESS"
    OTHER = "OTHER"
