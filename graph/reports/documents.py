"""The data behind the yearly documents: a fund's report to its donors, scorecards, retention lists."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import LiteralString

from graph.core.db import Database, Row, Tx
from graph.core.errors import NotFound
from graph.core.money import from_fen
from graph.core.scope import ALUMNUS_VISIBLE, FUND_GIVING, Scope
from graph.reports.funds import FundYear, fund_report

ANONYMOUS = "匿名 Anonymous"
NOT_SHOWN = "未显示 Not shown"  # an alumnus outside the caller's view


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
    "MATCH (f:Fund {id: $fund}) WHERE " + FUND_GIVING + " OPTIONAL MATCH (f)-[:OF_COLLEGE]->(c:College)"
    " RETURN f.code AS code, f.name AS name, c.name AS college, f.goalCny AS goal"
)
_MONTHS: LiteralString = (
    "MATCH (f:Fund {id: $fund}) WHERE " + FUND_GIVING + " MATCH (f)<-[:TO]-(d:Donation)"
    " WHERE d.kind IN ['GIFT', 'PAYMENT'] AND d.date.year = $year"
    " RETURN d.date.month AS month, sum(d.amountCnyFen) AS fen"
)
# A donor is named unless any of their gifts of the year was anonymous, or they are an alumnus
# the caller may not see (the same view as fundReport's stewardship list).
_DONORS: LiteralString = (
    "MATCH (f:Fund {id: $fund}) WHERE " + FUND_GIVING + " MATCH (f)<-[:TO]-(d:Donation)-[:FROM]->(donor)"
    " WHERE d.kind IN ['GIFT', 'PAYMENT'] AND d.date.year = $year"
    " WITH donor AS n, any(x IN collect(d) WHERE coalesce(x.anonymous, false)) AS anonymous,"
    " count(d) AS gifts, sum(d.amountCnyFen) AS fen"
    " WITH n, anonymous, gifts, fen, NOT n:Alumnus OR " + ALUMNUS_VISIBLE + " AS visible"
    " RETURN CASE WHEN visible AND NOT anonymous THEN n.name END AS name, anonymous,"  # null: not shown
    " CASE WHEN n:Company THEN 'Company' ELSE 'Alumnus' END AS kind, gifts, fen"
    " ORDER BY fen DESC, name"
)


async def fund_document(db: Database, scope: Scope, fund_id: str, year: int) -> FundDocument:
    """The yearly report of a fund to its donors, as `scope` may see it (NotFound when the fund is
    unknown or its giving data out of scope); anonymous donors are never named."""
    params = {"fund": fund_id, "year": year, "scope": scope.params()}

    async def work(tx: Tx) -> tuple[Row, list[Row], list[Row]]:
        fund = await tx.row(_FUND, params)
        if fund is None:
            raise NotFound("fund not found")
        return fund, await tx.rows(_MONTHS, params), await tx.rows(_DONORS, params)

    (fund, months, donors), figures = await asyncio.gather(
        db.read(work), fund_report(db, scope, fund_id, year)
    )
    by_month = {int(r["month"]): int(r["fen"]) for r in months}
    return FundDocument(
        code=fund["code"],
        name=fund["name"],
        college=fund["college"],
        goal_cny=fund["goal"],
        year=year,
        figures=figures,
        monthly_cny=tuple(from_fen(by_month.get(m, 0)) for m in range(1, 13)),
        donors=tuple(_donor_line(r) for r in donors),
    )


def _donor_line(row: Row) -> DonorLine:
    name = ANONYMOUS if row["anonymous"] else row["name"] or NOT_SHOWN
    return DonorLine(name, row["kind"], row["gifts"], from_fen(row["fen"]))


def summary_rows(doc: FundDocument) -> list[tuple[str, str]]:
    """The headline figures of the report, labelled in Chinese and English (every format shows them)."""
    f = doc.figures
    return [
        ("基金 Fund", f"{doc.name} ({doc.code})"),
        ("学院 College", doc.college or "—"),
        ("年度 Year", str(doc.year)),
        ("目标 Goal (CNY)", doc.goal_cny or "—"),
        ("本年到账 Received (CNY)", f.received),
        ("本年认捐 Pledged (CNY)", f.pledged),
        ("年末未兑现认捐 Outstanding pledges (CNY)", f.outstanding_pledges),
        ("捐赠人 Donors", str(f.donor_count)),
        ("新捐赠人 New donors", str(f.new_donor_count)),
    ]


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
