"""A donation draft, and what the graph says about the nodes it names (for `graph.giving.donation_rules`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import LiteralString

from graph.core.db import Tx
from graph.core.model import PartyRef
from graph.core.scope import ALUMNUS_VISIBLE, Scope


@dataclass(frozen=True)
class Draft:
    """A donation as it would be stored; None where the input leaves a value out."""

    kind: str | None
    receipt_no: str | None
    amount: str | None
    currency: str | None
    amount_cny: str | None  # None: not given (a CNY donation's is its amount)
    on: date | None
    donor: PartyRef | None
    fund_id: str | None
    pledge_id: str | None = None
    solicitor_id: str | None = None
    anonymous: bool = False
    id: str | None = None  # the stored donation an update changes
    fund_from_pledge: bool = False  # recordPayment: fund and donor are those of the pledge


@dataclass(frozen=True)
class Pledge:
    """What a payment is checked against: the donation it pays toward."""

    kind: str
    cancelled: bool
    fen: int
    fund_id: str | None
    donor: PartyRef | None
    paid_fen: int  # payments toward it, except the donation checked


@dataclass(frozen=True)
class Facts:
    """What the graph says about the nodes a draft names."""

    receipt_taken: bool
    fund_found: bool
    fund_closed: bool
    donor_found: bool
    solicitor_found: bool
    pledge: Pledge | None
    payers: list[tuple[str | None, str | None]]  # (fund, donor) of payments toward the donation
    paid_here_fen: int  # their sum


# One statement: the pledge first (recordPayment's fund is the pledge's), then the other nodes.
# Each subquery aggregates, so it returns one row even when nothing matches.
_FACTS: LiteralString = (
    "CALL () { MATCH (p:Donation {id: $pledge})"
    " RETURN head(collect({kind: p.kind, cancelled: p.cancelledOn IS NOT NULL,"
    " fen: coalesce(p.amountCnyFen, 0), fund: head([(p)-[:TO]->(f:Fund) | f.id]),"
    " donor: head([(p)-[:FROM]->(x) WHERE x:Alumnus OR x:Company"
    " | {kind: CASE WHEN x:Alumnus THEN 'Alumnus' ELSE 'Company' END, id: x.id}]),"
    " paidFen: reduce(s = 0, v IN [(x:Donation)-[:PAYS]->(p) WHERE x.id <> coalesce($id, '')"
    " | coalesce(x.amountCnyFen, 0)] | s + v)})) AS pledge }"
    " CALL (pledge) { MATCH (f:Fund {id: coalesce($fund, CASE WHEN $fundOfPledge THEN pledge.fund END)})"
    " RETURN count(f) > 0 AS fundFound, any(s IN collect(f.status) WHERE s = 'CLOSED') AS fundClosed }"
    " CALL () { MATCH (n:Donation {receiptNo: $receiptNo}) WHERE n.id <> coalesce($id, '')"
    " RETURN count(n) > 0 AS receiptTaken }"
    " CALL () { MATCH (n:Alumnus {id: $alumnus}) WHERE "
    + ALUMNUS_VISIBLE
    + " RETURN count(n) > 0 AS alumnusFound }"
    " CALL () { MATCH (c:Company {id: $company}) RETURN count(c) > 0 AS companyFound }"
    " CALL () { MATCH (n:Alumnus {id: $solicitor}) WHERE "
    + ALUMNUS_VISIBLE
    + " RETURN count(n) > 0 AS solicitorFound }"
    " CALL () { MATCH (q:Donation)-[:PAYS]->(:Donation {id: $id})"
    " RETURN collect([head([(q)-[:TO]->(f:Fund) | f.id]), head([(q)-[:FROM]->(x) | x.id])]) AS payers,"
    " sum(coalesce(q.amountCnyFen, 0)) AS paidHere }"
    " RETURN pledge, fundFound, fundClosed, receiptTaken, alumnusFound, companyFound, solicitorFound,"
    " payers, paidHere"
)


async def read_facts(tx: Tx, d: Draft, scope: Scope) -> Facts:
    """What the graph says about the nodes the draft names, in one statement."""
    donor = d.donor
    params = {
        "id": d.id,
        "receiptNo": d.receipt_no or None,
        "fund": d.fund_id,
        "fundOfPledge": d.fund_from_pledge,
        "pledge": d.pledge_id,
        "alumnus": donor.id if donor and donor.kind == "Alumnus" else None,
        "company": donor.id if donor and donor.kind == "Company" else None,
        "solicitor": d.solicitor_id,
        "scope": scope.params(),
    }
    row = await tx.row(_FACTS, params)
    assert row is not None
    p = row["pledge"]
    pledge = None
    if p is not None:
        owner = PartyRef(**p["donor"]) if p["donor"] else None
        pledge = Pledge(p["kind"], p["cancelled"], int(p["fen"]), p["fund"], owner, int(p["paidFen"]))
    return Facts(
        receipt_taken=row["receiptTaken"],
        fund_found=row["fundFound"],
        fund_closed=row["fundClosed"],
        donor_found=row["alumnusFound"] if donor and donor.kind == "Alumnus" else row["companyFound"],
        solicitor_found=row["solicitorFound"],
        pledge=pledge,
        payers=[(fund, payer) for fund, payer in row["payers"]],
        paid_here_fen=int(row["paidHere"]),
    )
