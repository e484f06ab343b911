"""Employment: (Alumnus)-[:WORKS_AT {title, role, startYear, endYear}]->(Company), one per pair."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core.db import Database, Row, Tx
from graph.core.errors import Rejected
from graph.core.pages import fetch_related
from graph.core.scope import ALUMNUS_VISIBLE, Scope


@dataclass(frozen=True)
class EmploymentRecord:
    """One alumnus's position at one company; no `end_year` means it is current."""

    alumnus_id: str
    company_id: str
    title: str | None
    role: str | None
    start_year: int | None
    end_year: int | None


_COLUMNS: LiteralString = (
    " n.id AS alumnusId, c.id AS companyId, w.title AS title, w.role AS role,"
    " w.startYear AS startYear, w.endYear AS endYear"
)
# Current positions first, then the most recent; founders and executives before employees.
_ORDER: LiteralString = (
    " ORDER BY w.endYear IS NULL DESC, coalesce(w.endYear, 9999) DESC,"
    " CASE w.role WHEN 'FOUNDER' THEN 0 WHEN 'EXECUTIVE' THEN 1 ELSE 2 END, n.name, n.id, c.id"
)
_CURRENT: LiteralString = " AND ($current IS NULL OR (w.endYear IS NULL) = $current)"
_OF_ALUMNI: LiteralString = (
    "UNWIND $ids AS owner MATCH (n:Alumnus {id: owner})-[w:WORKS_AT]->(c:Company) WHERE "
    + ALUMNUS_VISIBLE
    + _CURRENT
    + " RETURN owner,"
    + _COLUMNS
    + _ORDER
)
_OF_COMPANIES: LiteralString = (
    "UNWIND $ids AS owner MATCH (c:Company {id: owner})<-[w:WORKS_AT]-(n:Alumnus) WHERE "
    + ALUMNUS_VISIBLE
    + _CURRENT
    + " RETURN owner,"
    + _COLUMNS
    + _ORDER
)
# A statistic over everyone, like partnerCompanies' counts: no personal data leaves the query.
_CURRENT_COUNTS: LiteralString = (
    "UNWIND $ids AS owner MATCH (c:Company {id: owner})"
    " RETURN owner, COUNT { (c)<-[w:WORKS_AT]-(:Alumnus) WHERE w.endYear IS NULL } AS total"
)

_FIND: LiteralString = (
    "MATCH (n:Alumnus {id: $alumnus})-[w:WORKS_AT]->(c:Company {id: $company}) RETURN" + _COLUMNS
)
_ADD: LiteralString = (
    "MATCH (n:Alumnus {id: $alumnus}) MATCH (c:Company {id: $company})"
    " CREATE (n)-[w:WORKS_AT]->(c) SET w = $props RETURN" + _COLUMNS
)
_UPDATE: LiteralString = (
    "MATCH (n:Alumnus {id: $alumnus})-[w:WORKS_AT]->(c:Company {id: $company})"
    " SET w += $props RETURN" + _COLUMNS
)
_REMOVE: LiteralString = "MATCH (:Alumnus {id: $alumnus})-[w:WORKS_AT]->(:Company {id: $company}) DELETE w"


def employment(row: Row) -> EmploymentRecord:
    """Map a row to an employment."""
    return EmploymentRecord(
        alumnus_id=row["alumnusId"],
        company_id=row["companyId"],
        title=row["title"],
        role=row["role"],
        start_year=row["startYear"],
        end_year=row["endYear"],
    )


async def of_alumni(
    db: Database, ids: list[str], current: bool | None, scope: Scope
) -> dict[str, list[EmploymentRecord]]:
    """Employments of many alumni in one statement (`current`: only current / only former)."""
    grouped = await fetch_related(db, _OF_ALUMNI, ids, {"current": current, "scope": scope.params()})
    return {k: [employment(r) for r in rows] for k, rows in grouped.items()}


async def of_companies(
    db: Database, ids: list[str], current: bool | None, scope: Scope
) -> dict[str, list[EmploymentRecord]]:
    """Employments of visible alumni at many companies in one statement."""
    grouped = await fetch_related(db, _OF_COMPANIES, ids, {"current": current, "scope": scope.params()})
    return {k: [employment(r) for r in rows] for k, rows in grouped.items()}


async def current_counts(db: Database, ids: list[str]) -> dict[str, int]:
    """Number of alumni currently at each company."""
    rows = await db.read_rows(_CURRENT_COUNTS, {"ids": ids})
    return {r["owner"]: int(r["total"]) for r in rows}


async def find(tx: Tx, alumnus_id: str, company_id: str) -> EmploymentRecord | None:
    """The employment of this alumnus at this company, if any."""
    row = await tx.row(_FIND, {"alumnus": alumnus_id, "company": company_id})
    return employment(row) if row else None


async def add(tx: Tx, alumnus_id: str, company_id: str, props: dict[str, Any]) -> EmploymentRecord:
    """Record a new employment; DUPLICATE when the pair already has one."""
    if await find(tx, alumnus_id, company_id) is not None:
        raise Rejected(
            "company", "DUPLICATE", "this alumnus already has an employment at this company; update it"
        )
    row = await tx.row(_ADD, {"alumnus": alumnus_id, "company": company_id, "props": props})
    assert row is not None
    return employment(row)


async def update(tx: Tx, alumnus_id: str, company_id: str, props: dict[str, Any]) -> EmploymentRecord:
    """Change an employment's properties (None removes one); NOT_FOUND when there is none."""
    row = await tx.row(_UPDATE, {"alumnus": alumnus_id, "company": company_id, "props": props})
    if row is None:
        raise Rejected("company", "NOT_FOUND", "this alumnus has no employment at this company")
    return employment(row)


async def remove(tx: Tx, alumnus_id: str, company_id: str) -> EmploymentRecord:
    """Delete an employment record; NOT_FOUND when there is none."""
    found = await find(tx, alumnus_id, company_id)
    if found is None:
        raise Rejected("company", "NOT_FOUND", "this alumnus has no employment at this company")
    await tx.rows(_REMOVE, {"alumnus": alumnus_id, "company": company_id})
    return found
