"""Colleges, classes and chapters: records and reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.db import Database, Row
from graph.nodes import ListSpec, by_ids_query, fetch_related


@dataclass(frozen=True)
class CollegeRecord:
    """A college (school) of the university."""

    id: str
    code: str
    name: str


@dataclass(frozen=True)
class ClassRecord:
    """A graduating class: one cohort of one degree programme."""

    id: str
    code: str
    name: str
    degree: str | None
    major: str | None
    entry_year: int | None
    graduation_year: int | None
    college_id: str | None


_COLLEGE_RETURN: LiteralString = " RETURN n.id AS id, n.code AS code, n.name AS name"
COLLEGES = ListSpec(
    match="MATCH (n:College) WHERE ($name IS NULL OR n.name CONTAINS $name OR n.code = $name)",
    projection=_COLLEGE_RETURN,
    sorts={"NAME": "name", "CODE": "code"},
    by_ids=by_ids_query("MATCH (n:College {id: wanted})", _COLLEGE_RETURN),
    record=lambda row: college(row),
)

_CLASS_RETURN: LiteralString = (
    " OPTIONAL MATCH (n)-[:OF_COLLEGE]->(col:College)"
    " RETURN n.id AS id, n.code AS code, n.name AS name, n.degree AS degree, n.major AS major,"
    " n.entryYear AS entryYear, n.graduationYear AS graduationYear, col.id AS collegeId"
)
CLASSES = ListSpec(
    match=(
        "MATCH (n:Class) WHERE ($name IS NULL OR n.name CONTAINS $name OR n.code = $name)"
        " AND ($college IS NULL OR EXISTS { (n)-[:OF_COLLEGE]->(:College {id: $college}) })"
        " AND ($degree IS NULL OR n.degree = $degree)"
        " AND ($gradFrom IS NULL OR n.graduationYear >= $gradFrom)"
        " AND ($gradTo IS NULL OR n.graduationYear <= $gradTo)"
    ),
    projection=_CLASS_RETURN,
    sorts={"CODE": "code", "NAME": "name"},
    by_ids=by_ids_query("MATCH (n:Class {id: wanted})", _CLASS_RETURN),
    record=lambda row: class_(row),
)

_EDUCATION: LiteralString = (
    "UNWIND $ids AS owner MATCH (:Alumnus {id: owner})-[:STUDIED_IN]->(n:Class)"
    " WITH owner, n ORDER BY n.graduationYear, n.code" + _CLASS_RETURN + ", owner"
)


def college(row: Row) -> CollegeRecord:
    """Map a row to a college."""
    return CollegeRecord(id=row["id"], code=row["code"], name=row["name"])


def class_(row: Row) -> ClassRecord:
    """Map a row to a class."""
    return ClassRecord(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        degree=row["degree"],
        major=row["major"],
        entry_year=row["entryYear"],
        graduation_year=row["graduationYear"],
        college_id=row["collegeId"],
    )


async def education_of(db: Database, alumni_ids: list[str]) -> dict[str, list[ClassRecord]]:
    """The classes each alumnus studied in, for many alumni in one statement."""
    grouped = await fetch_related(db, _EDUCATION, alumni_ids)
    return {k: [class_(r) for r in rows] for k, rows in grouped.items()}
