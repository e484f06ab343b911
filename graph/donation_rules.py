"""Donation rules: exact amounts in two currencies, and payments that match their pledge.

Both donation write paths use the receipt check and the stored money form below:
createDonation/updateDonation (all of this module) and recordPledge/recordGift/recordPayment
(`graph.gifts`). Their other checks still differ, so sharing one would change what a mutation
accepts or answers: recordX refuses zero amounts, future dates, closed funds, cancelled pledges
and payments above what is open on the pledge, and reports every input problem; createDonation
refuses a CNY amountCny unlike the amount, amounts of a trillion or more and years before 1890,
and reports the first money problem. Where both refuse (receipt taken, bad currency, missing CNY
value, unknown fund, donor or solicitor, paying toward a non-pledge) the messages differ, and
for the last one the code.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, LiteralString

from graph.db import Tx
from graph.donations import SET_DONOR, SET_FUND, SET_PLEDGE, SET_SOLICITOR
from graph.engagement import PartyRef
from graph.errors import Rejected
from graph.money import normalize, to_fen
from graph.validation import amount_error

CURRENCY = re.compile(r"^[A-Z]{3}$")
# Who may give: the labels (and GraphQL types) of donors.
DONORS: tuple[LiteralString, ...] = ("Alumnus", "Company")
MAX_AMOUNT = Decimal("1000000000000")  # a trillion: far above any gift, far below int64 fen sums

Problem = tuple[str, str, str]  # (input field, UserErrorCode name, message)


def money_error(raw: str) -> str | None:
    """Reason an amount is unacceptable (decimal, >= 0, two places at most, below a trillion)."""
    reason = amount_error(raw)
    if reason is None and Decimal(raw.strip()) >= MAX_AMOUNT:
        return "amount is implausibly large"
    return reason


def settle(amount: str, currency: str, amount_cny: str | None) -> tuple[dict[str, Any], Problem | None]:
    """Stored money properties of a donation, or the first problem with them.

    CNY donations: `amountCny` is the amount (if given it must be equal). Other currencies:
    `amountCny` (the CNY value received) is required.
    """
    code = currency.strip().upper()
    if not CURRENCY.match(code):
        return {}, ("currency", "INVALID", "use a three-letter ISO 4217 currency code")
    if reason := money_error(amount):
        return {}, ("amount", "INVALID", reason)
    if code != "CNY" and amount_cny is None:
        return {}, ("amountCny", "REQUIRED", f"give the CNY value of this {code} donation")
    cny = amount if amount_cny is None else amount_cny
    if reason := money_error(cny):
        return {}, ("amountCny", "INVALID", reason)
    if code == "CNY" and normalize(cny) != normalize(amount):
        return {}, ("amountCny", "INVALID", "for a CNY donation amountCny equals the amount")
    return stored_money(amount, code, cny), None


def stored_money(amount: str, currency: str, amount_cny: str) -> dict[str, Any]:
    """A donation's money properties as stored: decimal strings with two places, CNY also in fen."""
    return {
        "amount": normalize(amount),
        "currency": currency,
        "amountCny": normalize(amount_cny),
        "amountCnyFen": to_fen(amount_cny),
    }


# The donation `d`, what it pays and what pays it, to check payments against their pledge.
_SHAPE: LiteralString = (
    "MATCH (d:Donation {id: $id})"
    " RETURN d.kind AS kind, [(d)-[:TO]->(f:Fund) | f.id] AS funds, [(d)-[:FROM]->(x) | x.id] AS donors,"
    " [(d)-[:PAYS]->(p:Donation) | {kind: p.kind, funds: [(p)-[:TO]->(f:Fund) | f.id],"
    " donors: [(p)-[:FROM]->(x) | x.id]}] AS pays,"
    " [(q:Donation)-[:PAYS]->(d) | {funds: [(q)-[:TO]->(f:Fund) | f.id],"
    " donors: [(q)-[:FROM]->(x) | x.id]}] AS paidBy"
)


async def check_pledges(tx: Tx, donation_id: str) -> None:
    """Refuse when a payment's pledge is not a PLEDGE of the same fund and donor (either side)."""
    row = await tx.row(_SHAPE, {"id": donation_id})
    assert row is not None
    own = (row["funds"], row["donors"])
    for pledge in row["pays"]:
        if row["kind"] != "PAYMENT":
            raise Rejected("pledge", "INVALID", "only a PAYMENT pays toward a pledge")
        if pledge["kind"] != "PLEDGE":
            raise Rejected("pledge", "INVALID", "the donation paid toward is not a PLEDGE")
        if (pledge["funds"], pledge["donors"]) != own:
            raise Rejected("pledge", "CONFLICT", "the pledge is from another donor or to another fund")
    for payment in row["paidBy"]:
        if row["kind"] != "PLEDGE" or (payment["funds"], payment["donors"]) != own:
            raise Rejected(
                "id",
                "CONFLICT",
                "payments toward this pledge need it to stay a PLEDGE of their fund and donor",
            )


async def link(tx: Tx, donation_id: str, links: dict[str, Any]) -> None:
    """Set the links named in `links` (donor, fund, pledge, solicitor); None removes one."""
    if "donor" in links:
        donor: PartyRef | None = links["donor"]
        query = SET_DONOR[donor.kind if donor else "Alumnus"]
        await tx.rows(query, {"id": donation_id, "target": donor.id if donor else None})
    for name, query in (("fund", SET_FUND), ("pledge", SET_PLEDGE), ("solicitor", SET_SOLICITOR)):
        if name in links:
            await tx.rows(query, {"id": donation_id, "target": links[name]})


_RECEIPT_TAKEN: LiteralString = (
    "MATCH (n:Donation {receiptNo: $code}) WHERE n.id <> coalesce($id, '') RETURN n.id AS id"
)


async def receipt_taken(tx: Tx, receipt_no: str, except_id: str | None = None) -> bool:
    """Whether a donation other than `except_id` has this receipt number."""
    return await tx.row(_RECEIPT_TAKEN, {"code": receipt_no, "id": except_id}) is not None


async def check_receipt(tx: Tx, receipt_no: str | None, except_id: str | None = None) -> None:
    """Refuse a receipt number another donation has."""
    if receipt_no and await receipt_taken(tx, receipt_no, except_id):
        raise Rejected(
            "receiptNo", "DUPLICATE", f"a donation with receipt number {receipt_no} already exists"
        )


def merged_money(current: dict[str, str], sent: dict[str, Any]) -> tuple[dict[str, Any], Problem | None]:
    """Money properties after an update sending some of amount, currency and amountCny.

    A non-CNY donation whose amount or currency changes needs its CNY value sent again.
    """
    amount = sent["amount"] if "amount" in sent else current["amount"]
    currency = sent["currency"] if "currency" in sent else current["currency"]
    if "amountCny" in sent:
        cny = sent["amountCny"]
    elif (currency or "").strip().upper() == "CNY" or "amount" in sent or "currency" in sent:
        cny = None
    else:
        cny = current["amountCny"]
    return settle(amount or "", currency or "", cny)
