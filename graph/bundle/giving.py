"""The donation rules that depend on the graph, applied to the donations.csv rows of a batch.

`graph.bundle.checks.donation` applies the rules a row shows alone; the lookup has found the
fund, donor and pledge named. Before a batch is written, each row is checked here as
`graph.giving.donation_rules` checks a donation written through GraphQL (same wording):

- no donation goes to a CLOSED fund when the row arrives there (new, moved to another fund or
  pledge, or worth more CNY than the stored one): a donation recorded before the fund closed
  imports again unchanged;
- a stored pledge with payments (stored, or rows of the file) stays a PLEDGE;
- the rules between pledges and payments (never lowered below what is paid, of one fund and
  donor, not toward a cancelled pledge, never above what is open) were decided for the whole
  file before its first batch (`graph.bundle.pledges`): the row gets those decisions.

Memory stays bounded: one statement per batch reads the funds and stored donations it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.bundle.pledges import Plan
from graph.bundle.rows import Draft
from graph.core.db import Database, Tx
from graph.core.model import DonationKind
from graph.giving.donation_rules import PAID_STAYS

_FUNDS: LiteralString = (
    "UNWIND $keys AS k MATCH (f:Fund {code: k}) RETURN k AS key, f.status = 'CLOSED' AS closed"
)
_STORED: LiteralString = (
    "UNWIND $keys AS k MATCH (d:Donation {receiptNo: k})"
    " RETURN k AS key, d.kind AS kind, coalesce(d.amountCnyFen, 0) AS fen,"
    " head([(d)-[:TO]->(f:Fund) | f.code]) AS fund,"
    " head([(d)-[:PAYS]->(p:Donation) | p.receiptNo]) AS pledge,"
    " EXISTS { (:Donation)-[:PAYS]->(d) } AS paid"
)  # fmt: skip


@dataclass(frozen=True)
class Stored:
    """The stored donation a row restates: kind, CNY value, fund, pledge, whether it has payments."""

    kind: str
    fen: int
    fund: str | None
    pledge: str | None
    paid: bool


@dataclass
class State:
    """What the graph says about a batch: closed funds, the donations restated."""

    closed: dict[str, bool]
    stored: dict[str, Stored]


async def state(db: Database, rows: list[Draft]) -> State:
    """Read, in one transaction, the funds and stored donations the rows name."""
    funds = sorted({d.values["fund_code"] for d in rows})
    receipts = sorted({d.values["receipt_no"] for d in rows})

    async def work(tx: Tx) -> State:
        closed = {r["key"]: bool(r["closed"]) for r in await tx.rows(_FUNDS, {"keys": funds})}
        stored = {
            r["key"]: Stored(r["kind"], int(r["fen"]), r["fund"], r["pledge"], bool(r["paid"]))
            for r in await tx.rows(_STORED, {"keys": receipts})
        }
        return State(closed, stored)

    return await db.read(work)


def _arrives(d: Draft, stored: Stored | None, pledge: str | None, fen: int) -> bool:
    """New, moved to another fund or pledge, or worth more than the stored donation."""
    if stored is None or (d.values["fund_code"], pledge) != (stored.fund, stored.pledge):
        return True
    return fen > stored.fen


def judge(rows: list[Draft], graph: State, plan: Plan, *, pledge_column: bool) -> list[Draft]:
    """The rows that keep the rules; the others get their problems.

    `pledge_column`: the header has pledge_receipt_no (without it, a stored pledge link stays).
    """
    kept: list[Draft] = []
    for d in rows:
        stored = graph.stored.get(d.values["receipt_no"])
        pledge = d.values.get("pledge_receipt_no") if pledge_column else (stored.pledge if stored else None)
        goes = _arrives(d, stored, pledge, int(d.props["amountCnyFen"]))
        if goes and graph.closed.get(d.values["fund_code"]):
            d.problem("fund_code", "the fund is closed to new gifts")
        if d.values["kind"] != DonationKind.PLEDGE and _paid_pledge(d, stored, plan):
            d.problem("kind", PAID_STAYS)
        plan.apply(d)
        if not d.problems:
            kept.append(d)
    return kept


def _paid_pledge(d: Draft, stored: Stored | None, plan: Plan) -> bool:
    """The row restates a stored pledge with payments (stored, or rows of the file)."""
    if stored is None or stored.kind != DonationKind.PLEDGE:
        return False
    return stored.paid or d.values["receipt_no"] in plan.paid
