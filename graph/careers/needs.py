"""Company needs: (Company)-[:NEEDS]->(:Need {id, kind, description}), one per (company, kind, text)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.core.db import Database, Row, Tx
from graph.core.errors import Rejected
from graph.core.pages import fetch_related


@dataclass(frozen=True)
class NeedRecord:
    """Support a company asks for (technical, financial, legal, talent, training)."""

    id: str
    company_id: str
    kind: str
    description: str


_RETURN: LiteralString = " RETURN n.id AS id, c.id AS companyId, n.kind AS kind, n.description AS description"
_OF_COMPANIES: LiteralString = (
    "UNWIND $ids AS owner MATCH (c:Company {id: owner})-[:NEEDS]->(n:Need)"
    " WITH owner, c, n ORDER BY n.kind, n.description" + _RETURN + ", owner"
)
_BY_IDS: LiteralString = "UNWIND $ids AS wanted MATCH (c:Company)-[:NEEDS]->(n:Need {id: wanted})" + _RETURN
_ADD: LiteralString = (
    "MATCH (c:Company {id: $company})"
    " MERGE (c)-[:NEEDS]->(n:Need {kind: $kind, description: $description})"
    " ON CREATE SET n.id = randomUUID(), n.createdAt = datetime()" + _RETURN
)
_REMOVE: LiteralString = (
    "MATCH (c:Company)-[:NEEDS]->(n:Need {id: $id})"
    " WITH c, n, n.id AS id, n.kind AS kind, n.description AS description DETACH DELETE n"
    " RETURN id, c.id AS companyId, kind, description"
)


def need(row: Row) -> NeedRecord:
    """Map a row to a need."""
    return NeedRecord(
        id=row["id"], company_id=row["companyId"], kind=row["kind"], description=row["description"]
    )


async def of_companies(db: Database, ids: list[str]) -> dict[str, list[NeedRecord]]:
    """Needs of many companies in one statement."""
    grouped = await fetch_related(db, _OF_COMPANIES, ids)
    return {k: [need(r) for r in rows] for k, rows in grouped.items()}


async def by_ids(db: Database, ids: list[str]) -> dict[str, NeedRecord]:
    """Needs by id."""
    return {r["id"]: need(r) for r in await db.read_rows(_BY_IDS, {"ids": ids})}


async def add(tx: Tx, company_id: str, kind: str, description: str) -> NeedRecord:
    """Record a need of the company (the same kind and text again returns the existing one)."""
    row = await tx.row(_ADD, {"company": company_id, "kind": kind, "description": description})
    if row is None:
        raise Rejected("company", "NOT_FOUND", "no Company with this ID")
    return need(row)


async def remove(tx: Tx, need_id: str) -> NeedRecord:
    """Delete a need; NOT_FOUND when there is none."""
    row = await tx.row(_REMOVE, {"id": need_id})
    if row is None:
        raise Rejected("id", "NOT_FOUND", "no Need with this ID")
    return need(row)
