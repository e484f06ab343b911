"""Donation funds: records, filtered keyset lists, a college's funds, sums raised and the college link."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core.access import create_node, replace_link, update_node
from graph.core.db import Database, Row, Tx
from graph.core.errors import Rejected
from graph.core.model import Label
from graph.core.money import from_fen, to_fen
from graph.core.pages import ListSpec, by_ids_query, fetch_related
from graph.core.scope import Scope
from graph.giving.vocabulary import FUND_GIVING, RECEIVED_KINDS


@dataclass(frozen=True)
class FundRecord:
    """A fund; `goal_fen` is its goal in CNY cents."""

    id: str
    code: str
    name: str
    kind: str
    goal_cny: str | None
    goal_fen: int | None
    status: str
    college_id: str | None
    created_at: str | None
    updated_at: str | None


@dataclass(frozen=True)
class FundFilter:
    """Filters of the `funds` connection; None means 'any'."""

    name: str | None = None
    college_id: str | None = None
    kinds: tuple[str, ...] | None = None
    status: str | None = None

    def params(self) -> dict[str, Any]:
        """Statement parameters for the filter."""
        return {
            "name": self.name,
            "college": self.college_id,
            "kinds": list(self.kinds) if self.kinds else None,
            "status": self.status,
        }


COLUMNS: LiteralString = (
    "n.id AS id, n.code AS code, n.name AS name, n.kind AS kind,"
    " n.goalCny AS goalCny, n.goalCnyFen AS goalFen,"
    " coalesce(n.status, 'OPEN') AS status, head([(n)-[:OF_COLLEGE]->(c:College) | c.id]) AS collegeId,"
    " toString(n.createdAt) AS createdAt, toString(n.updatedAt) AS updatedAt"
)
_FILTER: LiteralString = (
    "MATCH (n:Fund) WHERE ($name IS NULL OR n.name CONTAINS $name OR n.code = $name)"
    " AND ($college IS NULL OR EXISTS { (n)-[:OF_COLLEGE]->(:College {id: $college}) })"
    " AND ($kinds IS NULL OR n.kind IN $kinds)"
    " AND ($status IS NULL OR coalesce(n.status, 'OPEN') = $status)"
)


def fund(row: Row) -> FundRecord:
    """Map a row to a fund."""
    goal = (
        row["goalFen"] if row["goalFen"] is not None else (to_fen(row["goalCny"]) if row["goalCny"] else None)
    )
    return FundRecord(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        kind=row["kind"],
        goal_cny=from_fen(goal) if goal is not None else None,
        goal_fen=goal,
        status=row["status"],
        college_id=row["collegeId"],
        created_at=row["createdAt"],
        updated_at=row["updatedAt"],
    )


FUNDS = ListSpec(
    match=_FILTER,
    projection=" RETURN " + COLUMNS,
    sorts={"code": "code", "name": "name"},
    by_ids=by_ids_query("MATCH (n:Fund {id: wanted})", " RETURN " + COLUMNS),
    record=fund,
)
_OF_COLLEGES: LiteralString = (
    "UNWIND $ids AS owner MATCH (:College {id: owner})<-[:OF_COLLEGE]-(n:Fund)"
    " WITH owner, n ORDER BY n.code RETURN owner, " + COLUMNS
)
# Sums from integer fen, so they are exact; funds outside the caller's giving scope are absent.
_RAISED: LiteralString = (
    "UNWIND $ids AS owner MATCH (f:Fund {id: owner}) WHERE "
    + FUND_GIVING
    + " CALL (f) { OPTIONAL MATCH (f)<-[:TO]-(d:Donation) WHERE d.kind IN "
    + RECEIVED_KINDS
    + " RETURN sum(coalesce(d.amountCnyFen, 0)) AS raisedFen } RETURN owner, raisedFen"
)
SET_COLLEGE = replace_link("Fund", "OF_COLLEGE", "College")
_FUND_SCOPE: LiteralString = (
    "MATCH (f:Fund {id: $id}) RETURN $scope.all OR ($scope.college IS NOT NULL"
    " AND EXISTS { (f)-[:OF_COLLEGE]->(:College {code: $scope.college}) }) AS allowed"
)
_COLLEGE_SCOPE: LiteralString = (
    "MATCH (c:College {id: $id}) RETURN $scope.all OR c.code = $scope.college AS allowed"
)
_CODE_TAKEN: LiteralString = "MATCH (n:Fund {code: $code}) WHERE n.id <> coalesce($id, '') RETURN n.id AS id"


async def of_colleges(db: Database, ids: list[str]) -> dict[str, list[FundRecord]]:
    """Funds of many colleges in one statement."""
    grouped = await fetch_related(db, _OF_COLLEGES, ids)
    return {k: [fund(r) for r in rows] for k, rows in grouped.items()}


async def raised_fen(db: Database, ids: list[str], scope: Scope) -> dict[str, int]:
    """CNY cents received (gifts and payments) by each fund whose giving data the caller may see."""
    rows = await db.read_rows(_RAISED, {"ids": ids, "scope": scope.params()})
    return {r["owner"]: int(r["raisedFen"]) for r in rows}


async def code_taken(tx: Tx, code: str, except_id: str | None = None) -> bool:
    """True when another fund already has this code."""
    return await tx.row(_CODE_TAKEN, {"code": code, "id": except_id}) is not None


async def check_fund(tx: Tx, fund_id: str, scope: Scope, field: str = "id") -> None:
    """NOT_FOUND unless the fund exists; FORBIDDEN unless it is the caller's to change."""
    await _check(tx, _FUND_SCOPE, fund_id, scope, (field, "Fund"))


async def check_college(tx: Tx, college_id: str, scope: Scope, field: str = "college") -> None:
    """NOT_FOUND unless the college exists; FORBIDDEN unless it is the caller's."""
    await _check(tx, _COLLEGE_SCOPE, college_id, scope, (field, "College"))


async def _check(tx: Tx, query: LiteralString, node_id: str, scope: Scope, what: tuple[str, str]) -> None:
    field, label = what
    row = await tx.row(query, {"id": node_id, "scope": scope.params()})
    if row is None:
        raise Rejected(field, "NOT_FOUND", f"no {label} with this ID")
    if not row["allowed"]:
        raise Rejected(field, "FORBIDDEN", "college officers may only manage their own college's funds")


async def set_college(tx: Tx, fund_id: str, college_id: str | None) -> None:
    """Attach the fund to one college (None: to none)."""
    await tx.rows(SET_COLLEGE, {"id": fund_id, "target": college_id})


async def create(tx: Tx, props: dict[str, Any]) -> str:
    """Create a fund from checked properties (None values are not stored); its id."""
    return await create_node(tx, Label.FUND, props)


async def update(tx: Tx, node_id: str, props: dict[str, Any]) -> dict[str, Any]:
    """Set (None: remove) checked properties of a fund; NOT_FOUND if missing; their old values."""
    return await update_node(tx, Label.FUND, node_id, props)
