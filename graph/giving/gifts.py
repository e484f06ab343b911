"""Writing donations: a new pledge, gift or payment once `graph.giving.donation_rules` pass, cancellations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from graph.core.db import Tx
from graph.core.errors import Problem, Rejected
from graph.core.scope import Scope
from graph.giving.donation_rules import DONORS, NO_PLEDGE, Draft, cancel_date_problem, check


@dataclass(frozen=True)
class Recorded:
    """A donation just written: its id and the properties stored."""

    id: str
    props: dict[str, Any]


_PLEDGE: LiteralString = (
    "MATCH (p:Donation {id: $id})"
    " RETURN p.kind AS kind, p.cancelledOn IS NOT NULL AS cancelled, p.date AS date"
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


async def record(tx: Tx, d: Draft, scope: Scope, known: Sequence[Problem] = ()) -> Recorded:
    """Check a new donation by every rule, then write it inside the caller's transaction.

    `known` are problems the caller found in the input; with them or any other, nothing is
    written and `Rejected` carries them all.
    """
    d, money = await check(tx, d, scope, known=known)
    assert d.donor is not None
    props = {"receiptNo": d.receipt_no, "kind": d.kind, "date": d.on, "anonymous": d.anonymous} | money
    params = props | {
        "fundId": d.fund_id,
        "donorId": d.donor.id,
        "solicitorId": d.solicitor_id,
        "pledgeId": d.pledge_id,
    }
    row = await tx.row(_CREATE[d.donor.kind], params)
    assert row is not None
    return Recorded(str(row["id"]), props)


async def cancel_pledge(tx: Tx, pledge_id: str, on: date) -> None:
    """Cancel what is still open on a pledge (payments already made stay), on a date that keeps
    the date rules of a donation and is not before the pledge's."""
    pledge = await tx.row(_PLEDGE, {"id": pledge_id})
    if pledge is None or pledge["kind"] != "PLEDGE":
        raise Rejected("pledge", "NOT_FOUND", NO_PLEDGE)
    if pledge["cancelled"]:
        raise Rejected("pledge", "INVALID", "the pledge is already cancelled")
    pledged_on = pledge["date"].to_native() if pledge["date"] is not None else None
    if found := cancel_date_problem(on, pledged_on, date.today()):
        raise Rejected("date", *found)
    await tx.rows(_CANCEL, {"id": pledge_id, "on": on})
