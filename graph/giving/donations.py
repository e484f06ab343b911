"""Donations: records, scoped keyset lists, per-fund pages, donors' gifts, payments and links."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core.access import create_node, replace_link, update_node
from graph.core.db import Database, Row, Tx
from graph.core.model import PARTY_KIND, Label, PartyRef, party
from graph.core.money import to_fen
from graph.core.pages import ListSpec, Related, by_ids_query, fetch_related
from graph.core.scope import Scope
from graph.giving.vocabulary import DONATION_VISIBLE


@dataclass(frozen=True)
class DonationRecord:
    """A pledge, gift or payment; money as decimal strings, `amount_cny_fen` in CNY cents."""

    id: str
    receipt_no: str
    kind: str
    amount: str
    currency: str
    amount_cny: str
    amount_cny_fen: int
    date: dt.date
    anonymous: bool
    donor: PartyRef | None
    fund_id: str | None
    pledge_id: str | None
    solicitor_id: str | None
    created_at: str | None
    updated_at: str | None


@dataclass(frozen=True)
class DonationFilter:
    """Filters of the `donations` connection; None means 'any'."""

    fund_id: str | None = None
    kinds: tuple[str, ...] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    donor_id: str | None = None

    def params(self) -> dict[str, Any]:
        """Statement parameters for the filter."""
        return {
            "fund": self.fund_id,
            "kinds": list(self.kinds) if self.kinds else None,
            "from": self.date_from,
            "to": self.date_to,
            "donor": self.donor_id,
        }


COLUMNS: LiteralString = (
    "n.id AS id, n.receiptNo AS receiptNo, n.kind AS kind, n.amount AS amount,"
    " coalesce(n.currency, 'CNY') AS currency, n.amountCny AS amountCny, n.amountCnyFen AS amountCnyFen,"
    " n.date AS date, coalesce(n.anonymous, false) AS anonymous,"
    " head([(n)-[:FROM]->(p) | {kind: " + PARTY_KIND + ", id: p.id}]) AS donor,"
    " head([(n)-[:TO]->(f:Fund) | f.id]) AS fundId, head([(n)-[:PAYS]->(q:Donation) | q.id]) AS pledgeId,"
    " head([(n)-[:SOLICITED_BY]->(s:Alumnus) | s.id]) AS solicitorId,"
    " toString(n.createdAt) AS createdAt, toString(n.updatedAt) AS updatedAt"
)
_FILTER: LiteralString = (
    "MATCH (n:Donation) WHERE "
    + DONATION_VISIBLE
    + " AND ($fund IS NULL OR EXISTS { (n)-[:TO]->(:Fund {id: $fund}) })"
    " AND ($kinds IS NULL OR n.kind IN $kinds)"
    " AND ($from IS NULL OR n.date >= $from) AND ($to IS NULL OR n.date <= $to)"
    " AND ($donor IS NULL OR EXISTS { (n)-[:FROM]->(d) WHERE d.id = $donor })"
)


def fen_of(fen: int | None, amount: str | None) -> int:
    """Stored cents, or cents of the stored amount when a writer left them out."""
    if fen is not None:
        return int(fen)
    return to_fen(amount) if amount else 0


def donation(row: Row) -> DonationRecord:
    """Map a row to a donation."""
    return DonationRecord(
        id=row["id"],
        receipt_no=row["receiptNo"],
        kind=row["kind"],
        amount=row["amount"],
        currency=row["currency"],
        amount_cny=row["amountCny"],
        amount_cny_fen=fen_of(row["amountCnyFen"], row["amountCny"]),
        date=row["date"].to_native(),
        anonymous=row["anonymous"],
        donor=party(row["donor"]),
        fund_id=row["fundId"],
        pledge_id=row["pledgeId"],
        solicitor_id=row["solicitorId"],
        created_at=row["createdAt"],
        updated_at=row["updatedAt"],
    )


DONATIONS = ListSpec(
    match=_FILTER,
    projection=" RETURN " + COLUMNS,
    sorts={"date": "date", "receiptNo": "receiptNo"},
    by_ids=by_ids_query("MATCH (n:Donation {id: wanted}) WHERE " + DONATION_VISIBLE, " RETURN " + COLUMNS),
    record=donation,
)
# A fund's donations within the caller's giving scope, newest first, paged per fund.
OF_FUNDS = Related(
    inner="MATCH (:Fund {id: owner})<-[:TO]-(n:Donation) WHERE " + DONATION_VISIBLE,
    carry="n",
    key="toString(n.date)",
    tie="n.id",
    columns=COLUMNS,
    descending=True,
)
_ORDERED: LiteralString = " WITH owner, n ORDER BY n.date DESC, n.id RETURN owner, " + COLUMNS
_FROM: dict[str, LiteralString] = {
    "Alumnus": "UNWIND $ids AS owner MATCH (:Alumnus {id: owner})<-[:FROM]-(n:Donation) WHERE "
    + DONATION_VISIBLE
    + _ORDERED,
    "Company": "UNWIND $ids AS owner MATCH (:Company {id: owner})<-[:FROM]-(n:Donation) WHERE "
    + DONATION_VISIBLE
    + _ORDERED,
}
_PAYMENTS: LiteralString = (
    "UNWIND $ids AS owner MATCH (:Donation {id: owner})<-[:PAYS]-(n:Donation) WHERE "
    + DONATION_VISIBLE
    + _ORDERED
)
SET_DONOR: dict[str, LiteralString] = {
    "Alumnus": replace_link("Donation", "FROM", "Alumnus"),
    "Company": replace_link("Donation", "FROM", "Company"),
}
SET_FUND = replace_link("Donation", "TO", "Fund")
SET_PLEDGE = replace_link("Donation", "PAYS", "Donation")
SET_SOLICITOR = replace_link("Donation", "SOLICITED_BY", "Alumnus")


async def from_donors(
    db: Database, kind: str, ids: list[str], scope: Scope
) -> dict[str, list[DonationRecord]]:
    """Donations from many alumni (kind 'Alumnus') or companies ('Company'), newest first."""
    grouped = await fetch_related(db, _FROM[kind], ids, {"scope": scope.params()})
    return {k: [donation(r) for r in rows] for k, rows in grouped.items()}


async def payments_of(db: Database, ids: list[str], scope: Scope) -> dict[str, list[DonationRecord]]:
    """Payments toward many pledges, newest first, in one statement."""
    grouped = await fetch_related(db, _PAYMENTS, ids, {"scope": scope.params()})
    return {k: [donation(r) for r in rows] for k, rows in grouped.items()}


async def link(tx: Tx, donation_id: str, links: dict[str, Any]) -> None:
    """Set the links named in `links` (donor, fund, pledge, solicitor); None removes one."""
    if "donor" in links:
        donor: PartyRef | None = links["donor"]
        query = SET_DONOR[donor.kind if donor else "Alumnus"]
        await tx.rows(query, {"id": donation_id, "target": donor.id if donor else None})
    for name, query in (("fund", SET_FUND), ("pledge", SET_PLEDGE), ("solicitor", SET_SOLICITOR)):
        if name in links:
            await tx.rows(query, {"id": donation_id, "target": links[name]})


async def create(tx: Tx, props: dict[str, Any]) -> str:
    """Create a donation from checked properties (None values are not stored); its id."""
    return await create_node(tx, Label.DONATION, props)


async def update(tx: Tx, node_id: str, props: dict[str, Any]) -> dict[str, Any]:
    """Set (None: remove) checked properties of a donation; NOT_FOUND if missing; their old values."""
    return await update_node(tx, Label.DONATION, node_id, props)
