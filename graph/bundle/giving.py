"""The donation rules that depend on the graph, applied to the donations.csv rows of a batch.

`graph.bundle.checks.donation` applies the rules a row shows alone; the lookup has found the
fund, donor and pledge named. Before a batch is written, each row is checked here, in file order,
as `graph.donation_rules` checks a donation written through GraphQL (same wording):

- no donation goes to a CLOSED fund, nor a payment toward a cancelled pledge, when the row
  arrives there (new, moved to another fund or pledge, or worth more CNY than the stored one):
  a donation recorded before the fund closed or the pledge was cancelled imports again unchanged;
- a payment's pledge is of the payment's fund and donor;
- a payment is never above what is still open on its pledge: the pledge's CNY value less its
  other payments — those stored (earlier batches of the file are stored already; a payment the
  row restates does not count against itself) and the rows of this batch accepted before it.

Only per-pledge running sums are kept, for the batch's pledges: memory stays bounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.bundle.rows import Draft
from graph.db import Database, Tx
from graph.model import DonationKind
from graph.money import from_fen

_FUNDS: LiteralString = (
    "UNWIND $keys AS k MATCH (f:Fund {code: k}) RETURN k AS key, f.status = 'CLOSED' AS closed"
)
# A donor as "A:<student number>" or "C:<credit code>", as `donor_of` gives it for a row.
_DONOR: LiteralString = "CASE WHEN x:Alumnus THEN 'A:' + x.externalId ELSE 'C:' + x.creditCode END"
_PLEDGES: LiteralString = (
    "UNWIND $keys AS k MATCH (p:Donation {receiptNo: k})"
    " RETURN k AS key, coalesce(p.amountCnyFen, 0) AS fen, p.cancelledOn IS NOT NULL AS cancelled,"
    " head([(p)-[:TO]->(f:Fund) | f.code]) AS fund,"
    " head([(p)-[:FROM]->(x) WHERE x:Alumnus OR x:Company | " + _DONOR + "]) AS donor,"
    " reduce(s = 0, v IN [(q:Donation)-[:PAYS]->(p) | coalesce(q.amountCnyFen, 0)] | s + v) AS paid"
)  # fmt: skip
_STORED: LiteralString = (
    "UNWIND $keys AS k MATCH (d:Donation {receiptNo: k})"
    " RETURN k AS key, coalesce(d.amountCnyFen, 0) AS fen, head([(d)-[:TO]->(f:Fund) | f.code]) AS fund,"
    " head([(d)-[:PAYS]->(p:Donation) | p.receiptNo]) AS pledge"
)


@dataclass
class Pledge:
    """A stored pledge; `paid` is the sum of its payments, kept current as rows are accepted."""

    fen: int
    cancelled: bool
    fund: str | None
    donor: str | None
    paid: int


@dataclass(frozen=True)
class Stored:
    """The stored donation a row restates: its CNY value, fund and pledge."""

    fen: int
    fund: str | None
    pledge: str | None


@dataclass
class State:
    """What the graph says about a batch: closed funds, the pledges paid, the donations restated."""

    closed: dict[str, bool]
    pledges: dict[str, Pledge]
    stored: dict[str, Stored]


async def state(db: Database, rows: list[Draft]) -> State:
    """Read, in one transaction, the funds, pledges and stored donations the rows name."""
    funds = sorted({d.values["fund_code"] for d in rows})
    pledges = sorted({p for d in rows if (p := d.values.get("pledge_receipt_no")) is not None})
    receipts = sorted({d.values["receipt_no"] for d in rows})

    async def work(tx: Tx) -> State:
        closed = {r["key"]: bool(r["closed"]) for r in await tx.rows(_FUNDS, {"keys": funds})}
        found = {
            r["key"]: Pledge(int(r["fen"]), bool(r["cancelled"]), r["fund"], r["donor"], int(r["paid"]))
            for r in await tx.rows(_PLEDGES, {"keys": pledges})
        }
        stored = {
            r["key"]: Stored(int(r["fen"]), r["fund"], r["pledge"])
            for r in await tx.rows(_STORED, {"keys": receipts})
        }
        return State(closed, found, stored)

    return await db.read(work)


def donor_of(d: Draft) -> str:
    """The row's donor as the pledge query gives it."""
    alumnus = d.values.get("donor_external_id")
    return f"A:{alumnus}" if alumnus is not None else f"C:{d.values.get('donor_credit_code')}"


def _arrives(d: Draft, stored: Stored | None, pledge: str | None, fen: int) -> bool:
    """New, moved to another fund or pledge, or worth more than the stored donation."""
    if stored is None or (d.values["fund_code"], pledge) != (stored.fund, stored.pledge):
        return True
    return fen > stored.fen


def judge(rows: list[Draft], graph: State, *, pledge_column: bool) -> list[Draft]:
    """The rows that keep the rules, in order; the others get their problems.

    `pledge_column`: the header has pledge_receipt_no (without it, a stored pledge link stays).
    """
    kept: list[Draft] = []
    for d in rows:
        receipt = d.values["receipt_no"]
        stored = graph.stored.get(receipt)
        pledge = d.values.get("pledge_receipt_no") if pledge_column else (stored.pledge if stored else None)
        fen = int(d.props["amountCnyFen"])
        goes = _arrives(d, stored, pledge, fen)
        if goes and graph.closed.get(d.values["fund_code"], False):
            d.problem("fund_code", "the fund is closed to new gifts")
        paying = graph.pledges.get(pledge) if pledge is not None else None
        others = 0
        if d.values["kind"] == DonationKind.PAYMENT and paying is not None:
            others = paying.paid - (stored.fen if stored and stored.pledge == pledge else 0)
            _payment_problems(d, paying, goes, fen, others)
        if d.problems:
            continue
        kept.append(d)
        if stored and stored.pledge != pledge and (left := graph.pledges.get(stored.pledge or "")):
            left.paid -= stored.fen  # the row moves the payment off that pledge
        if d.values["kind"] == DonationKind.PAYMENT and paying is not None:
            paying.paid = others + fen
    return kept


def _payment_problems(d: Draft, pledge: Pledge, goes: bool, fen: int, others: int) -> None:
    """A payment toward a cancelled pledge, another party's pledge, or above what is still open."""
    if pledge.cancelled and goes:
        d.problem("pledge_receipt_no", "the pledge was cancelled")
        return
    if (pledge.fund, pledge.donor) != (d.values["fund_code"], donor_of(d)):
        d.problem("pledge_receipt_no", "the pledge is from another donor or to another fund")
    still_open = pledge.fen - others
    if fen > still_open:
        column = "amount_cny" if d.values.get("amount_cny") is not None else "amount"
        d.problem(
            column, f"the payment exceeds what is still open on the pledge ({from_fen(still_open)} CNY)"
        )
