"""Recording gifts: pledges, gifts, payments toward pledges, cancelled pledges (exact money)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from graph.db import Tx
from graph.donation_rules import DONORS, receipt_taken, stored_money
from graph.errors import Rejected
from graph.money import from_fen, to_fen


@dataclass(frozen=True)
class NewDonation:
    """A validated donation to record (amounts as decimal strings)."""

    kind: str
    receipt_no: str
    donor_label: str
    donor_id: str | None
    fund_id: str | None
    amount: str
    currency: str
    amount_cny: str
    on: date
    anonymous: bool = False
    solicitor_id: str | None = None
    pledge_id: str | None = None


_FUND: LiteralString = "MATCH (f:Fund {id: $id}) RETURN f.status AS status"
_DONOR: dict[str, LiteralString] = {
    "Alumnus": "MATCH (n:Alumnus {id: $id}) RETURN n.id AS id",
    "Company": "MATCH (n:Company {id: $id}) RETURN n.id AS id",
}
_SOLICITOR: LiteralString = "MATCH (n:Alumnus {id: $id}) RETURN n.id AS id"
_PLEDGE: LiteralString = (
    "MATCH (p:Donation {id: $id}) OPTIONAL MATCH (p)-[:TO]->(f:Fund) OPTIONAL MATCH (p)-[:FROM]->(donor)"
    " OPTIONAL MATCH (x:Donation)-[:PAYS]->(p)"
    " WITH p, f, donor, sum(x.amountCnyFen) AS paidFen"
    " RETURN p.kind AS kind, p.cancelledOn IS NOT NULL AS cancelled, p.amountCnyFen AS fen,"
    " f.id AS fundId, donor.id AS donorId, labels(donor)[0] AS donorLabel, paidFen"
)
_CREATE: dict[str, LiteralString] = {
    label: (
        "MATCH (f:Fund {id: $fundId}), (donor:" + label + " {id: $donorId})"
        " CREATE (d:Donation {id: randomUUID(), receiptNo: $receiptNo, kind: $kind, amount: $amount,"
        " currency: $currency, amountCny: $amountCny, amountCnyFen: $amountCnyFen, date: $date,"
        " anonymous: $anonymous, createdAt: datetime(), updatedAt: datetime()})"
        " CREATE (d)-[:TO]->(f) CREATE (d)-[:FROM]->(donor)"
        " WITH d OPTIONAL MATCH (s:Alumnus {id: $solicitorId})"
        " FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END | CREATE (d)-[:SOLICITED_BY]->(s))"
        " WITH d OPTIONAL MATCH (p:Donation {id: $pledgeId})"
        " FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (d)-[:PAYS]->(p))"
        " RETURN d.id AS id"
    )
    for label in DONORS
}
_CANCEL: LiteralString = (
    "MATCH (p:Donation {id: $id}) SET p.cancelledOn = $on, p.status = 'CANCELLED', p.updatedAt = datetime()"
    " RETURN p.id AS id"
)


async def _payment_terms(tx: Tx, new: NewDonation) -> NewDonation:
    """Check a payment against its pledge; fills fund and donor from the pledge when absent."""
    pledge = await tx.row(_PLEDGE, {"id": new.pledge_id})
    if pledge is None or pledge["kind"] != "PLEDGE":
        raise Rejected("pledge", "NOT_FOUND", "no pledge with this ID")
    if pledge["cancelled"]:
        raise Rejected("pledge", "INVALID", "the pledge was cancelled")
    if new.fund_id and new.fund_id != pledge["fundId"]:
        raise Rejected("fund", "INVALID", "a payment goes to the fund of its pledge")
    if new.donor_id and new.donor_id != pledge["donorId"]:
        raise Rejected("donor", "INVALID", "a payment comes from the donor of its pledge")
    still_open = int(pledge["fen"] or 0) - int(pledge["paidFen"] or 0)
    if to_fen(new.amount_cny) > still_open:
        raise Rejected(
            "amount", "OUT_OF_RANGE", f"the payment exceeds what is still open ({from_fen(still_open)} CNY)"
        )
    return NewDonation(
        **{
            **new.__dict__,
            "fund_id": pledge["fundId"],
            "donor_id": pledge["donorId"],
            "donor_label": pledge["donorLabel"],
        }
    )


async def record(tx: Tx, new: NewDonation) -> str:
    """Record a pledge, gift or payment inside the caller's transaction; returns its id."""
    if await receipt_taken(tx, new.receipt_no):
        raise Rejected("receiptNo", "DUPLICATE", f"receipt {new.receipt_no} is already recorded")
    if new.kind == "PAYMENT":
        new = await _payment_terms(tx, new)
    await _check_refs(tx, new)
    params: dict[str, Any] = {
        "fundId": new.fund_id,
        "donorId": new.donor_id,
        "receiptNo": new.receipt_no,
        "kind": new.kind,
        "date": new.on,
        "anonymous": new.anonymous,
        "solicitorId": new.solicitor_id,
        "pledgeId": new.pledge_id,
    } | stored_money(new.amount, new.currency, new.amount_cny)
    row = await tx.row(_CREATE[new.donor_label], params)
    assert row is not None
    return str(row["id"])


async def _check_refs(tx: Tx, new: NewDonation) -> None:
    fund = await tx.row(_FUND, {"id": new.fund_id})
    if fund is None:
        raise Rejected("fund", "NOT_FOUND", "no fund with this ID")
    if fund["status"] == "CLOSED":
        raise Rejected("fund", "INVALID", "the fund is closed to new gifts")
    if new.donor_label not in _DONOR or await tx.row(_DONOR[new.donor_label], {"id": new.donor_id}) is None:
        raise Rejected("donor", "NOT_FOUND", "no alumnus or company with this ID")
    if new.solicitor_id and await tx.row(_SOLICITOR, {"id": new.solicitor_id}) is None:
        raise Rejected("solicitor", "NOT_FOUND", "no alumnus with this ID")


async def cancel_pledge(tx: Tx, pledge_id: str, on: date) -> None:
    """Cancel what is still open on a pledge (payments already made stay)."""
    pledge = await tx.row(_PLEDGE, {"id": pledge_id})
    if pledge is None or pledge["kind"] != "PLEDGE":
        raise Rejected("pledge", "NOT_FOUND", "no pledge with this ID")
    if pledge["cancelled"]:
        raise Rejected("pledge", "INVALID", "the pledge is already cancelled")
    await tx.rows(_CANCEL, {"id": pledge_id, "on": on})
