"""Cooperations (DESIGN §7): records, the filtered list, and the lists under companies, colleges,
needs and alumni. Every role but ALUMNUS reads them; the scope is inside each statement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core.db import Database, Row
from graph.core.pages import ListSpec, Related, by_ids_query, fetch_related

# Who reads cooperations: every role but ALUMNUS (the office and fundraisers see everyone,
# officers and organizers have a college or a chapter); an alumnus's own scope has none of these.
COOPERATION_READ: LiteralString = "($scope.all OR $scope.college IS NOT NULL OR $scope.chapter IS NOT NULL)"
# `n` is a Cooperation: the office edits any, a college officer their own college's.
COOPERATION_EDIT: LiteralString = (
    "($scope.all OR ($scope.college IS NOT NULL"
    " AND EXISTS { (n)-[:OF_COLLEGE]->(:College {code: $scope.college}) }))"
)
# ACTIVE or COMPLETED and its span overlaps the year $activeIn (as collegeScorecard counts).
ACTIVE_IN: LiteralString = (
    "n.status IN ['ACTIVE', 'COMPLETED']"
    " AND n.startDate <= date({year: $activeIn, month: 12, day: 31})"
    " AND (n.endDate IS NULL OR n.endDate >= date({year: $activeIn, month: 1, day: 1}))"
)


@dataclass(frozen=True)
class CooperationRecord:
    """What the university does with an alumni enterprise: a project, an R&D centre, a course…"""

    id: str
    code: str
    title: str
    kind: str
    status: str
    start_date: dt.date
    end_date: dt.date | None
    value_cny: str | None
    company_id: str | None
    college_id: str | None
    need_ids: tuple[str, ...]
    broker_ids: tuple[str, ...]


@dataclass(frozen=True)
class CooperationFilter:
    """Filters of the `cooperations` connection; None means 'any'."""

    kind: str | None = None
    status: str | None = None
    company_id: str | None = None
    college_id: str | None = None
    active_in: int | None = None

    def params(self) -> dict[str, Any]:
        """Statement parameters for the filter."""
        return {
            "kind": self.kind,
            "status": self.status,
            "company": self.company_id,
            "college": self.college_id,
            "activeIn": self.active_in,
        }


COLUMNS: LiteralString = (
    "n.id AS id, n.code AS code, n.title AS title, n.kind AS kind, n.status AS status,"
    " n.startDate AS startDate, n.endDate AS endDate, n.valueCny AS valueCny,"
    " head([(n)-[:WITH]->(x:Company) | x.id]) AS companyId,"
    " head([(n)-[:OF_COLLEGE]->(x:College) | x.id]) AS collegeId,"
    " [(n)-[:ANSWERS]->(x:Need) | x.id] AS needIds,"
    " [(n)-[:BROKERED_BY]->(x:Alumnus) | x.id] AS brokerIds"
)
_RETURN: LiteralString = " RETURN " + COLUMNS
_FILTER: LiteralString = (
    "MATCH (n:Cooperation) WHERE " + COOPERATION_READ
    + " AND ($kind IS NULL OR n.kind = $kind) AND ($status IS NULL OR n.status = $status)"
    " AND ($company IS NULL OR EXISTS { (n)-[:WITH]->(:Company {id: $company}) })"
    " AND ($college IS NULL OR EXISTS { (n)-[:OF_COLLEGE]->(:College {id: $college}) })"
    " AND ($activeIn IS NULL OR (" + ACTIVE_IN + "))"
)  # fmt: skip


def cooperation(row: Row) -> CooperationRecord:
    """Map a row to a cooperation."""
    return CooperationRecord(
        id=row["id"],
        code=row["code"],
        title=row["title"],
        kind=row["kind"],
        status=row["status"],
        start_date=row["startDate"].to_native(),
        end_date=row["endDate"].to_native() if row["endDate"] else None,
        value_cny=row["valueCny"],
        company_id=row["companyId"],
        college_id=row["collegeId"],
        need_ids=tuple(sorted(row["needIds"])),
        broker_ids=tuple(sorted(row["brokerIds"])),
    )


COOPERATIONS = ListSpec(
    match=_FILTER,
    projection=_RETURN,
    sorts={"startDate": "startDate", "code": "code", "title": "title"},
    by_ids=by_ids_query("MATCH (n:Cooperation {id: wanted}) WHERE " + COOPERATION_READ, _RETURN),
    record=cooperation,
)


def _under(pattern: LiteralString) -> Related:
    """Cooperations of many owners (a company, a college), newest start first, paged per owner."""
    return Related(
        inner=pattern + " WHERE " + COOPERATION_READ,
        carry="n",
        key="toString(n.startDate) + n.code",
        tie="n.id",
        columns=COLUMNS,
        descending=True,
    )


OF_COMPANIES = _under("MATCH (:Company {id: owner})<-[:WITH]-(n:Cooperation)")
OF_COLLEGES = _under("MATCH (:College {id: owner})<-[:OF_COLLEGE]-(n:Cooperation)")

_ANSWERING: LiteralString = (
    "UNWIND $ids AS owner MATCH (:Need {id: owner})<-[:ANSWERS]-(n:Cooperation)"
    " WHERE " + COOPERATION_READ + " WITH owner, n ORDER BY n.startDate DESC, n.code" + _RETURN + ", owner"
)
_BROKERED: LiteralString = (
    "UNWIND $ids AS owner MATCH (:Alumnus {id: owner})<-[:BROKERED_BY]-(n:Cooperation)"
    " WHERE " + COOPERATION_READ + " WITH owner, n ORDER BY n.startDate DESC, n.code" + _RETURN + ", owner"
)


async def answering(
    db: Database, need_ids: list[str], scope: dict[str, Any]
) -> dict[str, list[CooperationRecord]]:
    """Cooperations that answer each need, for many needs in one statement."""
    grouped = await fetch_related(db, _ANSWERING, need_ids, {"scope": scope})
    return {k: [cooperation(r) for r in rows] for k, rows in grouped.items()}


async def brokered_by(
    db: Database, alumni_ids: list[str], scope: dict[str, Any]
) -> dict[str, list[CooperationRecord]]:
    """Cooperations each alumnus brokered, for many alumni in one statement."""
    grouped = await fetch_related(db, _BROKERED, alumni_ids, {"scope": scope})
    return {k: [cooperation(r) for r in rows] for k, rows in grouped.items()}
