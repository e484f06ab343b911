"""fundReport: a fund's year — received, pledged, outstanding pledges, donors and stewardship."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core.db import Database, Row, Tx, returned_columns
from graph.core.errors import NotFound
from graph.core.money import from_fen
from graph.core.scope import ALUMNUS_VISIBLE, FUND_GIVING, Scope
from graph.giving.donations import COLUMNS, DonationRecord, donation
from graph.giving.vocabulary import DONATION_VISIBLE
from graph.people import alumni
from graph.people.alumni import AlumnusRecord

# A pledge stands at a date unless it was cancelled on or before that date.

_GIVEN: LiteralString = "d.kind IN ['GIFT', 'PAYMENT'] AND start <= d.date <= end"
# The fund (`f`, within the giving scope), the year's bounds (`start`, `end`) and its figures
# (receivedFen, pledgedFen, outstandingFen, donorCount, newDonorCount); compiled reads
# (graph.compiled.reports) project the same variables.
TOTALS: LiteralString = (
    "MATCH (f:Fund {id: $fund}) WHERE "
    + FUND_GIVING
    + " WITH f, date({year: $year, month: 1, day: 1}) AS start,"
    " date({year: $year, month: 12, day: 31}) AS end"
    " CALL (f, start, end) { OPTIONAL MATCH (f)<-[:TO]-(d:Donation) WHERE "
    + _GIVEN
    + " OPTIONAL MATCH (d)-[:FROM]->(donor)"
    " RETURN sum(d.amountCnyFen) AS receivedFen, count(DISTINCT donor) AS donorCount }"
    " CALL (f, start, end) { OPTIONAL MATCH (f)<-[:TO]-(d:Donation {kind: 'PLEDGE'})"
    " WHERE start <= d.date <= end AND (d.cancelledOn IS NULL OR d.cancelledOn > end)"
    " RETURN sum(d.amountCnyFen) AS pledgedFen }"
    " CALL (f, end) { OPTIONAL MATCH (f)<-[:TO]-(p:Donation {kind: 'PLEDGE'})"
    " WHERE p.date <= end AND (p.cancelledOn IS NULL OR p.cancelledOn > end)"
    " OPTIONAL MATCH (x:Donation)-[:PAYS]->(p) WHERE x.date <= end"
    " WITH p, p.amountCnyFen - sum(coalesce(x.amountCnyFen, 0)) AS open"
    " RETURN sum(CASE WHEN open > 0 THEN open ELSE 0 END) AS outstandingFen }"
    " CALL (f, start, end) { OPTIONAL MATCH (f)<-[:TO]-(d:Donation)-[:FROM]->(donor) WHERE "
    + _GIVEN
    + " AND NOT EXISTS { MATCH (donor)<-[:FROM]-(e:Donation)-[:TO]->(f) WHERE e.date < start"
    " AND (e.kind <> 'PLEDGE' OR e.cancelledOn IS NULL OR e.cancelledOn >= start) }"
    " RETURN count(DISTINCT donor) AS newDonorCount }"
)
_TOTALS: LiteralString = (
    TOTALS + " RETURN f.id AS fundId, receivedFen, pledgedFen, outstandingFen, donorCount, newDonorCount"
)

# Every donor who ever gave to the fund; their identity is hidden from callers without the
# giving scope when any of their gifts to this fund was anonymous. With `_WITH_ALUMNI`, an
# alumnus donor's record (as the alumni reads project it, null when out of the caller's view)
# comes in the same row, so the donors need no second lookup.
STEWARDS_FROM: LiteralString = "MATCH (f:Fund {id: $fund})"
# Every donor of the fund `f`: donor, label, donorId, anonymous, lastGiftOn, contactable, donorName.
STEWARDS: LiteralString = (
    "MATCH (f)<-[:TO]-(d:Donation)-[:FROM]->(donor)"
    " WITH donor, collect(d) AS gifts"
    " WITH donor, any(g IN gifts WHERE coalesce(g.anonymous, false)) AS anonymous,"
    " [g IN gifts WHERE g.kind IN ['GIFT', 'PAYMENT'] | g.date] AS dates"
    " WITH donor, labels(donor)[0] AS label, donor.id AS donorId, anonymous,"
    " reduce(m = null, x IN dates | CASE WHEN m IS NULL OR x > m THEN x ELSE m END) AS lastGiftOn,"
    " CASE WHEN donor:Alumnus THEN coalesce(donor.consentContact, false)"
    " AND (donor.email IS NOT NULL OR donor.phone IS NOT NULL)"
    " ELSE EXISTS { MATCH (donor)<-[w:WORKS_AT]-(a:Alumnus) WHERE w.endYear IS NULL"
    " AND w.role IN ['FOUNDER', 'EXECUTIVE'] AND coalesce(a.consentContact, false)"
    " AND (a.email IS NOT NULL OR a.phone IS NOT NULL) } END AS contactable,"
    " coalesce(donor.name, '') AS donorName"
)
_STEWARDS: LiteralString = STEWARDS_FROM + " " + STEWARDS
STEWARDS_ORDER: LiteralString = "lastGiftOn DESC, donorName, donorId"
_ORDER: LiteralString = " ORDER BY " + STEWARDS_ORDER
_STEWARD_COLUMNS: tuple[LiteralString, ...] = (
    "label",
    "donorId",
    "anonymous",
    "lastGiftOn",
    "contactable",
    "donorName",
)
_STEWARDSHIP: LiteralString = _STEWARDS + " RETURN " + ", ".join(_STEWARD_COLUMNS) + _ORDER
_WITH_ALUMNI_COLUMNS = (*_STEWARD_COLUMNS, *returned_columns(alumni.RETURN))
_WITH_ALUMNI: LiteralString = (
    _STEWARDS
    + " OPTIONAL CALL (donor) { WITH donor AS n WHERE n:Alumnus AND "
    + ALUMNUS_VISIBLE
    + alumni.RETURN
    + " } RETURN "
    + ", ".join(_WITH_ALUMNI_COLUMNS)
    + _ORDER
)


@dataclass(frozen=True)
class Steward:
    """One donor of the fund, for stewardship (donor None: anonymous and not for this caller)."""

    donor_label: str | None
    donor_id: str | None
    last_gift_on: Any
    contactable: bool
    anonymous: bool
    alumnus: AlumnusRecord | None = None
    "The donor's record when asked for (`with_alumni`) and the donor is an alumnus you may see."


@dataclass(frozen=True)
class FundYear:
    """The figures of one fund in one year; money as decimal strings in CNY."""

    fund_id: str
    received: str
    pledged: str
    outstanding_pledges: str
    donor_count: int
    new_donor_count: int
    stewardship: tuple[Steward, ...]


async def fund_report(
    db: Database, scope: Scope, fund_id: str, year: int, *, with_alumni: bool = False
) -> FundYear:
    """The report of a fund for a year; NotFound if the fund is unknown or out of scope.

    The figures and the stewardship list are read in two transactions at once (Neo4j has the
    cores); `with_alumni` also brings the records of alumni donors.
    """
    params = {"fund": fund_id, "year": year, "scope": scope.params()}

    async def figures(tx: Tx) -> Row | None:
        return await tx.row(_TOTALS, params)

    async def stewardship(tx: Tx) -> list[Row]:
        if with_alumni:
            return await tx.table(_WITH_ALUMNI, _WITH_ALUMNI_COLUMNS, params)
        return await tx.table(_STEWARDSHIP, _STEWARD_COLUMNS, params)

    totals, stewards = await asyncio.gather(db.read(figures), db.read(stewardship))
    if totals is None:
        raise NotFound("fund not found")
    return FundYear(
        fund_id=fund_id,
        received=from_fen(totals["receivedFen"]),
        pledged=from_fen(totals["pledgedFen"]),
        outstanding_pledges=from_fen(totals["outstandingFen"]),
        donor_count=totals["donorCount"],
        new_donor_count=totals["newDonorCount"],
        stewardship=tuple(_steward(r, scope) for r in stewards),
    )


# The year's donations, read straight from the fund (no lookup by id): pledges, gifts, payments.
_YEAR_DONATIONS: LiteralString = (
    "MATCH (f:Fund {id: $fund})<-[:TO]-(n:Donation) WHERE "
    + DONATION_VISIBLE
    + " AND date({year: $year, month: 1, day: 1}) <= n.date <= date({year: $year, month: 12, day: 31})"
    " WITH n ORDER BY n.date, n.receiptNo RETURN " + COLUMNS
)


async def year_donations(db: Database, scope: Scope, fund_id: str, year: int) -> list[DonationRecord]:
    """The fund's donations dated in the year, by date then receipt number, within the giving scope."""
    rows = await db.read_table(
        _YEAR_DONATIONS, returned_columns(COLUMNS), {"fund": fund_id, "year": year, "scope": scope.params()}
    )
    return [donation(r) for r in rows]


def _steward(row: dict[str, Any], scope: Scope) -> Steward:
    hidden = row["anonymous"] and not scope.giving
    last = row["lastGiftOn"]
    return Steward(
        donor_label=None if hidden else row["label"],
        donor_id=None if hidden else row["donorId"],
        last_gift_on=last.to_native() if last is not None else None,
        contactable=bool(row["contactable"]),
        anonymous=bool(row["anonymous"]),
        alumnus=None if hidden or row.get("id") is None else alumni.to_record(row),
    )
