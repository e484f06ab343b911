"""The data behind the yearly documents: a fund's report to its donors, scorecards, retention lists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core.db import Database, Tx
from graph.core.errors import NotFound
from graph.core.money import from_fen
from graph.core.scope import FULL
from graph.reports.funds import FundYear, fund_report

ANONYMOUS = "匿名 Anonymous"


@dataclass(frozen=True)
class DonorLine:
    """A donor's giving to the fund in the year (anonymous donors are not named)."""

    name: str
    kind: str
    gifts: int
    total_cny: str


@dataclass(frozen=True)
class FundDocument:
    """Everything the yearly report to a fund's donors shows."""

    code: str
    name: str
    college: str | None
    goal_cny: str | None
    year: int
    figures: FundYear
    monthly_cny: tuple[str, ...]
    donors: tuple[DonorLine, ...]


_FUND: LiteralString = (
    "MATCH (f:Fund {code: $code}) OPTIONAL MATCH (f)-[:OF_COLLEGE]->(c:College)"
    " RETURN f.id AS id, f.name AS name, c.name AS college, f.goalCny AS goal"
)
_MONTHS: LiteralString = (
    "MATCH (f:Fund {code: $code})<-[:TO]-(d:Donation)"
    " WHERE d.kind IN ['GIFT', 'PAYMENT'] AND d.date.year = $year"
    " RETURN d.date.month AS month, sum(d.amountCnyFen) AS fen"
)
_DONORS: LiteralString = (
    "MATCH (f:Fund {code: $code})<-[:TO]-(d:Donation)-[:FROM]->(donor)"
    " WHERE d.kind IN ['GIFT', 'PAYMENT'] AND d.date.year = $year"
    " WITH donor, any(x IN collect(d) WHERE coalesce(x.anonymous, false)) AS anonymous,"
    " count(d) AS gifts, sum(d.amountCnyFen) AS fen"
    " RETURN CASE WHEN anonymous THEN null ELSE donor.name END AS name,"
    " CASE WHEN donor:Company THEN 'Company' ELSE 'Alumnus' END AS kind, gifts, fen"
    " ORDER BY fen DESC, name"
)


async def fund_document(db: Database, code: str, year: int) -> FundDocument:
    """The yearly report of the fund with this code (for the office; anonymous donors unnamed)."""

    async def work(tx: Tx) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
        fund = await tx.row(_FUND, {"code": code})
        if fund is None:
            raise NotFound(f"fund {code} not found")
        months = await tx.rows(_MONTHS, {"code": code, "year": year})
        donors = await tx.rows(_DONORS, {"code": code, "year": year})
        return fund, months, donors

    fund, months, donors = await db.read(work)
    figures = await fund_report(db, FULL, fund["id"], year)
    by_month = {int(r["month"]): int(r["fen"]) for r in months}
    return FundDocument(
        code=code,
        name=fund["name"],
        college=fund["college"],
        goal_cny=fund["goal"],
        year=year,
        figures=figures,
        monthly_cny=tuple(from_fen(by_month.get(m, 0)) for m in range(1, 13)),
        donors=tuple(
            DonorLine(r["name"] or ANONYMOUS, r["kind"], r["gifts"], from_fen(r["fen"])) for r in donors
        ),
    )


_NAMES: LiteralString = (
    "UNWIND $ids AS wanted MATCH (n {id: wanted}) WHERE n:Alumnus OR n:Company OR n:College OR n:Chapter"
    " RETURN n.id AS id, n.name AS name, coalesce(n.externalId, n.creditCode, n.code) AS key"
)


async def names(db: Database, ids: list[str]) -> dict[str, tuple[str, str]]:
    """(name, natural key) of alumni, companies, colleges and chapters by id, for documents."""
    rows = await db.read_rows(_NAMES, {"ids": ids})
    return {r["id"]: (r["name"] or "", r["key"] or "") for r in rows}


_ID_BY_CODE: dict[str, LiteralString] = {
    "Fund": "MATCH (n:Fund {code: $code}) RETURN n.id AS id",
    "College": "MATCH (n:College {code: $code}) RETURN n.id AS id",
}


async def id_by_code(db: Database, label: str, code: str) -> str:
    """The id of the fund or college with this code; NotFound otherwise."""
    rows = await db.read_rows(_ID_BY_CODE[label], {"code": code})
    if not rows:
        raise NotFound(f"{label.lower()} {code} not found")
    return str(rows[0]["id"])
