"""Colleges and classes: records, reads and writes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core import access
from graph.core.db import Database, Row, Tx
from graph.core.errors import Rejected
from graph.core.pages import ListSpec, Related, by_ids_query, fetch_related
from graph.core.scope import Scope


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


COLLEGE_RETURN: LiteralString = " RETURN n.id AS id, n.code AS code, n.name AS name"
COLLEGES = ListSpec(
    match="MATCH (n:College) WHERE ($name IS NULL OR n.name CONTAINS $name OR n.code = $name)",
    projection=COLLEGE_RETURN,
    sorts={"NAME": "name", "CODE": "code"},
    by_ids=by_ids_query("MATCH (n:College {id: wanted})", COLLEGE_RETURN),
    record=lambda row: college(row),
)

_CLASS_COLUMNS: LiteralString = (
    "n.id AS id, n.code AS code, n.name AS name, n.degree AS degree, n.major AS major,"
    " n.entryYear AS entryYear, n.graduationYear AS graduationYear"
)
CLASS_RETURN: LiteralString = (
    " OPTIONAL MATCH (n)-[:OF_COLLEGE]->(col:College) RETURN " + _CLASS_COLUMNS + ", col.id AS collegeId"
)
CLASSES = ListSpec(
    match=(
        "MATCH (n:Class) WHERE ($name IS NULL OR n.name CONTAINS $name OR n.code = $name)"
        " AND ($college IS NULL OR EXISTS { (n)-[:OF_COLLEGE]->(:College {id: $college}) })"
        " AND ($degree IS NULL OR n.degree = $degree)"
        " AND ($gradFrom IS NULL OR n.graduationYear >= $gradFrom)"
        " AND ($gradTo IS NULL OR n.graduationYear <= $gradTo)"
    ),
    projection=CLASS_RETURN,
    sorts={"CODE": "code", "NAME": "name"},
    by_ids=by_ids_query("MATCH (n:Class {id: wanted})", CLASS_RETURN),
    record=lambda row: class_(row),
)

_EDUCATION: LiteralString = (
    "UNWIND $ids AS owner MATCH (:Alumnus {id: owner})-[:STUDIED_IN]->(n:Class)"
    " WITH owner, n ORDER BY n.graduationYear, n.code" + CLASS_RETURN + ", owner"
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


# A college's classes by code, paged per college (the owner is each class's college).
CLASSES_OF_COLLEGE = Related(
    inner="MATCH (:College {id: owner})<-[:OF_COLLEGE]-(n:Class) WHERE true",
    carry="n",
    key="n.code",
    tie="n.id",
    columns=_CLASS_COLUMNS + ", owner AS collegeId",
)
# Head counts are statistics, not personal data: every alumnus counts, whoever asks.
_CLASS_SIZES: LiteralString = (
    "UNWIND $ids AS owner MATCH (k:Class {id: owner})"
    " RETURN owner, COUNT { (k)<-[:STUDIED_IN]-(:Alumnus) } AS total"
)
_COLLEGE_SIZES: LiteralString = (
    "UNWIND $ids AS owner MATCH (c:College {id: owner})"
    " RETURN owner, COUNT { MATCH (a:Alumnus)-[:STUDIED_IN]->(:Class)-[:OF_COLLEGE]->(c)"
    " RETURN DISTINCT a } AS total"
)


async def class_sizes(db: Database, class_ids: list[str]) -> dict[str, int]:
    """How many alumni studied in each class (all of them, not only those the caller sees)."""
    rows = await db.read_rows(_CLASS_SIZES, {"ids": class_ids})
    return {r["owner"]: int(r["total"]) for r in rows}


async def college_sizes(db: Database, college_ids: list[str]) -> dict[str, int]:
    """How many distinct alumni studied in each college's classes."""
    rows = await db.read_rows(_COLLEGE_SIZES, {"ids": college_ids})
    return {r["owner"]: int(r["total"]) for r in rows}


_COLLEGE_GET: LiteralString = "MATCH (n:College {id: $id})" + COLLEGE_RETURN
_COLLEGE_CREATE: LiteralString = (
    "CREATE (n:College {id: randomUUID(), createdAt: datetime(), updatedAt: datetime()})"
    " SET n += $props" + COLLEGE_RETURN
)
_COLLEGE_UPDATE: LiteralString = (
    "MATCH (n:College {id: $id}) SET n += $props, n.updatedAt = datetime()" + COLLEGE_RETURN
)
_COLLEGE_CODE: LiteralString = "MATCH (n:College {code: $code}) RETURN n.id AS id"
COLLEGE_REMOVAL = access.Removal(
    "college",
    # classes and COLLEGE chapters cannot live without it, so even `detach` will not orphan them
    "MATCH (n:College {id: $id})<-[r]-(m) WITH type(r) AS type,"
    " (m:Class OR (m:Chapter AND m.kind = 'COLLEGE')) AS hard, r"
    " RETURN type, hard, count(r) AS total",
    "MATCH (n:College {id: $id}) WITH n, properties(n) AS props DETACH DELETE n RETURN props",
)

_CLASS_GET: LiteralString = "MATCH (n:Class {id: $id})" + CLASS_RETURN
_CLASS_CREATE: LiteralString = (
    "MATCH (c:College {id: $college})"
    " CREATE (n:Class {id: randomUUID(), createdAt: datetime(), updatedAt: datetime()})-[:OF_COLLEGE]->(c)"
    " SET n += $props RETURN n.id AS id"
)
_CLASS_UPDATE: LiteralString = (
    "MATCH (n:Class {id: $id}) SET n += $props, n.updatedAt = datetime() RETURN n.id AS id"
)
_CLASS_MOVE: LiteralString = (
    "MATCH (n:Class {id: $id}), (c:College {id: $college})"
    " CALL (n) { MATCH (n)-[old:OF_COLLEGE]->() DELETE old } MERGE (n)-[:OF_COLLEGE]->(c)"
)
_CLASS_CODE: LiteralString = "MATCH (n:Class {code: $code}) RETURN n.id AS id"
CLASS_REMOVAL = access.Removal(
    "class",
    # its own OF_COLLEGE link goes with it; alumni and liaisons pointing at it count
    "MATCH (n:Class {id: $id})<-[r]-() RETURN type(r) AS type, false AS hard, count(r) AS total",
    "MATCH (n:Class {id: $id}) WITH n, properties(n) AS props DETACH DELETE n RETURN props",
)


async def get_college(tx: Tx, college_id: str) -> CollegeRecord:
    """One college inside a transaction (refused as NOT_FOUND when absent)."""
    row = await tx.row(_COLLEGE_GET, {"id": college_id})
    if row is None:
        raise Rejected("id", "NOT_FOUND", "no college with this ID")
    return college(row)


async def create_college(tx: Tx, props: dict[str, Any]) -> CollegeRecord:
    """Create a college; DUPLICATE when the code is taken."""
    await _check_code(tx, _COLLEGE_CODE, props["code"], None)
    row = await tx.row(_COLLEGE_CREATE, {"props": props})
    assert row is not None
    return college(row)


async def update_college(
    tx: Tx, college_id: str, props: dict[str, Any], scope: Scope
) -> tuple[CollegeRecord, CollegeRecord]:
    """Change a college's code and/or name; returns it before and after."""
    await access.require(tx, access.COLLEGE, college_id, scope, "id", edit=True)
    before = await get_college(tx, college_id)
    if "code" in props:
        await _check_code(tx, _COLLEGE_CODE, props["code"], college_id)
    row = await tx.row(_COLLEGE_UPDATE, {"id": college_id, "props": props})
    assert row is not None
    return before, college(row)


async def get_class(tx: Tx, class_id: str) -> ClassRecord:
    """One class inside a transaction (refused as NOT_FOUND when absent)."""
    row = await tx.row(_CLASS_GET, {"id": class_id})
    if row is None:
        raise Rejected("id", "NOT_FOUND", "no class with this ID")
    return class_(row)


async def create_class(tx: Tx, props: dict[str, Any], college_id: str, scope: Scope) -> ClassRecord:
    """Create a class of a college (a college officer: of their own college only)."""
    await access.require(tx, access.COLLEGE, college_id, scope, "college", edit=True)
    await _check_code(tx, _CLASS_CODE, props["code"], None)
    row = await tx.row(_CLASS_CREATE, {"props": props, "college": college_id})
    assert row is not None
    return await _checked_class(tx, row["id"])


async def update_class(
    tx: Tx, class_id: str, props: dict[str, Any], college_id: str | None, scope: Scope
) -> tuple[ClassRecord, ClassRecord]:
    """Change the given properties and, when `college_id` is given, move the class there."""
    await access.require(tx, access.CLASS, class_id, scope, "id", edit=True)
    before = await get_class(tx, class_id)
    if "code" in props:
        await _check_code(tx, _CLASS_CODE, props["code"], class_id)
    await tx.rows(_CLASS_UPDATE, {"id": class_id, "props": props})
    if college_id is not None:
        await access.require(tx, access.COLLEGE, college_id, scope, "college", edit=True)
        await tx.rows(_CLASS_MOVE, {"id": class_id, "college": college_id})
    return before, await _checked_class(tx, class_id)


async def _checked_class(tx: Tx, class_id: str) -> ClassRecord:
    """The class as stored now, refused when its years are out of order."""
    rec = await get_class(tx, class_id)
    if (
        rec.entry_year is not None
        and rec.graduation_year is not None
        and rec.entry_year > rec.graduation_year
    ):
        raise Rejected("entryYear", "OUT_OF_RANGE", "the entry year must not be after the graduation year")
    return rec


async def _check_code(tx: Tx, query: LiteralString, code: str, own_id: str | None) -> None:
    row = await tx.row(query, {"code": code})
    if row is not None and row["id"] != own_id:
        raise Rejected("code", "DUPLICATE", f"the code {code} is already taken")
