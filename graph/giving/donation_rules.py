"""The rules of a donation: one set, the same for every path that writes one.

recordPledge, recordGift, recordPayment (`graph.giving.gifts.record`), createDonation and updateDonation
(`schema.giving.donations.mutations`) all pass the donation to `check` before writing it; the bundle
importer (`graph.bundle.checks.donation`) checks each donation row's amounts and date with
`amount_problem` and `date_problem`, its currency and CNY value likewise, and that a payment's
pledge is a PLEDGE; `graph.bundle.giving` applies the rules that need the graph's state (closed
funds, a paid pledge stays a PLEDGE) to each row, and `graph.bundle.pledges` the rules between
pledges and payments (cancelled pledges, the pledge's fund and donor, what is still open, what
is paid) to the whole file at once, with the same messages.

A donation, as it would be stored (for an update: the stored values merged with the changes):

- receiptNo: 1-40 letters, digits, '.', '_' or '-', used by no other donation;
- kind: PLEDGE, GIFT or PAYMENT; currency: a three-letter ISO 4217 code;
- amount: a decimal above zero and below a trillion, with at most two places; amountCny the
  same, required for a currency other than CNY, equal to the amount for CNY (taken from it when
  not given); for an update changing a foreign donation's amount or currency, sent again;
- date: not in the future, not before 1890 (a pledge's cancellation too, and not before the
  pledge's date: `cancel_date_problem`);
- donor (an alumnus the caller may see, or a company), fund and solicitor exist;
- only a PAYMENT pays, and a PAYMENT pays a PLEDGE (not itself) of its fund and donor, never
  more than is still open on it: the pledge less its other payments;
- a pledge is not lowered below what has been paid on it, and a pledge with payments stays a
  PLEDGE of their fund and donor;
- no donation goes to a CLOSED fund or toward a cancelled pledge: checked when the donation is
  new, moves to another fund or pledge, or its CNY value grows (a donation recorded before the
  fund closed or the pledge was cancelled can still be corrected).

Every problem is reported, as (input field, UserErrorCode name, message), at most one per field,
in the order of `FIELDS`: the same input gets the same problems whichever mutation it came
through. When there is one, `check` raises `Rejected` and the transaction writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, LiteralString

from graph.core.db import Tx
from graph.core.errors import Problem, Rejected
from graph.core.money import from_fen, normalize, to_fen
from graph.core.scope import Scope
from graph.core.validation import MIN_YEAR, amount_error, code_error
from graph.giving.donation_facts import Draft as Draft
from graph.giving.donation_facts import Facts, read_facts
from graph.giving.donations import DonationRecord

CURRENCY = re.compile(r"^[A-Z]{3}$")
# Who may give: the labels (and GraphQL types) of donors.
DONORS: tuple[LiteralString, ...] = ("Alumnus", "Company")
MAX_AMOUNT = Decimal("1000000000000")  # a trillion: far above any gift, far below int64 fen sums
EARLIEST = date(MIN_YEAR, 1, 1)
# Input fields in the order their problems are reported.
MONEY_FIELDS = ("amount", "currency", "amountCny")
FIELDS = ("id", "receiptNo", "kind", *MONEY_FIELDS, "date", "donor", "fund", "pledge", "solicitor")
NO_PLEDGE = "no pledge with this ID"
# The wording of the rules between a pledge and its payments (the bundle import reports them too).
PAID_STAYS = "payments toward this pledge need it to stay a PLEDGE of their fund and donor"
CANCELLED = "the pledge was cancelled"
OTHER_PARTY = "the pledge is from another donor or to another fund"
Finding = tuple[str, str]  # (UserErrorCode name, message)


def money_error(raw: str) -> str | None:
    """Reason an amount such as a fund's goal is unacceptable (>= 0, two places, below a trillion)."""
    reason = amount_error(raw)
    if reason is None and Decimal(raw.strip()) >= MAX_AMOUNT:
        return "amount is implausibly large"
    return reason


def amount_problem(raw: str | None) -> Finding | None:
    """Why a donation amount is unacceptable (a decimal > 0, < a trillion, two places), or None."""
    if raw is None:
        return "REQUIRED", "give the amount"
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        return "INVALID", "not a decimal amount"
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        return "INVALID", "not a decimal amount"
    if exponent < -2:
        return "INVALID", "amount has more than 2 decimal places"
    if value <= 0:
        return "OUT_OF_RANGE", "the amount must be more than zero"
    if value >= MAX_AMOUNT:
        return "OUT_OF_RANGE", "the amount must be less than a trillion"
    return None


def date_problem(on: date | None, today: date) -> Finding | None:
    """Why a donation's date is unacceptable (not in the future, not before 1890), or None."""
    if on is None:
        return "REQUIRED", "give a day"
    if on > today:
        return "OUT_OF_RANGE", "the date is in the future"
    if on < EARLIEST:
        return "OUT_OF_RANGE", f"the date is before {MIN_YEAR}"
    return None


def cancel_date_problem(on: date, pledged_on: date | None, today: date) -> Finding | None:
    """Why a pledge's cancellation date is unacceptable: a donation's date rules, and not before
    the pledge's own date; or None."""
    if found := date_problem(on, today):
        return found
    if pledged_on is not None and on < pledged_on:
        return "OUT_OF_RANGE", f"the date is before the pledge's date ({pledged_on.isoformat()})"
    return None


def above_open(still_open_fen: int) -> str:
    """Why a payment is refused when it pays more than is still open on its pledge."""
    return f"the payment exceeds what is still open on the pledge ({from_fen(still_open_fen)} CNY)"


def below_paid(paid_fen: int) -> str:
    """Why a pledge is refused when it is lowered below what was paid on it."""
    return f"the pledge is less than what has been paid on it ({from_fen(paid_fen)} CNY)"


def currency_of(d: Draft) -> str:
    """The currency code as stored (upper case)."""
    return (d.currency or "").strip().upper()


def cny_of(d: Draft) -> str | None:
    """The CNY value: amountCny, or the amount of a CNY donation."""
    if d.amount_cny is not None:
        return d.amount_cny
    return d.amount if currency_of(d) == "CNY" else None


def cny_fen(d: Draft) -> int | None:
    """The CNY value in fen, when it is an acceptable amount."""
    cny = cny_of(d)
    return to_fen(cny) if cny is not None and amount_problem(cny) is None else None


def _same(a: str, b: str) -> bool:
    return normalize(a) == normalize(b)


def money_problems(d: Draft) -> list[Problem]:
    """Problems of the amount, currency and CNY value."""
    out: list[Problem] = []
    code = currency_of(d)
    if not CURRENCY.match(code):
        out.append(("currency", "INVALID", "use a three-letter ISO 4217 currency code"))
    if found := amount_problem(d.amount):
        out.append(("amount", *found))
    if d.amount_cny is not None:
        if found := amount_problem(d.amount_cny):
            out.append(("amountCny", *found))
        elif (
            code == "CNY" and d.amount and not amount_problem(d.amount) and not _same(d.amount_cny, d.amount)
        ):
            out.append(("amountCny", "INVALID", "for a CNY donation amountCny equals the amount"))
    elif CURRENCY.match(code) and code != "CNY":
        out.append(("amountCny", "REQUIRED", f"give the CNY value of this {code} donation"))
    return out


def value_problems(d: Draft, today: date) -> list[Problem]:
    """Problems visible in the draft alone (no graph needed)."""
    out: list[Problem] = []
    if reason := code_error(d.receipt_no or ""):
        out.append(("receiptNo", "INVALID", reason))
    if d.kind is None:
        out.append(("kind", "REQUIRED", "give the kind of donation"))
    out += money_problems(d)
    if found := date_problem(d.on, today):
        out.append(("date", *found))
    if d.donor is None and not d.fund_from_pledge:
        out.append(("donor", "REQUIRED", "name the donor"))
    if d.fund_id is None and not d.fund_from_pledge:
        out.append(("fund", "REQUIRED", "name the fund"))
    if d.pledge_id and d.kind and d.kind != "PAYMENT":
        out.append(("pledge", "INVALID", "only a PAYMENT pays toward a pledge"))
    elif d.kind == "PAYMENT" and not d.pledge_id:
        out.append(("pledge", "REQUIRED", "a PAYMENT names the pledge it pays toward"))
    elif d.pledge_id and d.pledge_id == d.id:
        out.append(("pledge", "INVALID", "a donation cannot pay itself"))
    return out


def reference_problems(d: Draft, f: Facts, arrives: bool) -> list[Problem]:
    """Problems of the receipt number and of the donor, fund and solicitor named."""
    out: list[Problem] = []
    if d.receipt_no and f.receipt_taken:
        out.append(
            ("receiptNo", "DUPLICATE", f"a donation with receipt number {d.receipt_no} already exists")
        )
    if d.donor and not f.donor_found:
        out.append(("donor", "NOT_FOUND", f"no {d.donor.kind} with this ID"))
    if d.fund_id and not f.fund_found:
        out.append(("fund", "NOT_FOUND", "no Fund with this ID"))
    elif d.fund_id and f.fund_closed and arrives:
        out.append(("fund", "INVALID", "the fund is closed to new gifts"))
    if d.solicitor_id and not f.solicitor_found:
        out.append(("solicitor", "NOT_FOUND", "no Alumnus with this ID"))
    return out


def _party(d: Draft) -> tuple[str | None, str | None] | None:
    """(fund, donor) of the draft, or None while either is unknown."""
    return (d.fund_id, d.donor.id) if d.fund_id and d.donor else None


def payment_problems(d: Draft, f: Facts, arrives: bool) -> list[Problem]:
    """Problems of a payment with its pledge: kind, cancellation, fund and donor, what is open."""
    p = f.pledge
    if d.kind != "PAYMENT" or not d.pledge_id or d.pledge_id == d.id:
        return []
    if p is None:
        return [("pledge", "NOT_FOUND", NO_PLEDGE)]
    if p.kind != "PLEDGE":
        return [("pledge", "INVALID", "the donation paid toward is not a PLEDGE")]
    if p.cancelled and arrives:
        return [("pledge", "INVALID", CANCELLED)]
    out: list[Problem] = []
    own = _party(d)
    if own and own != (p.fund_id, p.donor.id if p.donor else None):
        out.append(("pledge", "CONFLICT", OTHER_PARTY))
    fen, still_open = cny_fen(d), p.fen - p.paid_fen
    if fen is not None and fen > still_open:
        out.append(("amount", "OUT_OF_RANGE", above_open(still_open)))
    return out


def paid_problems(d: Draft, f: Facts) -> list[Problem]:
    """Problems of a pledge (being updated) with the payments already made toward it."""
    if not f.payers:
        return []
    out: list[Problem] = []
    own = _party(d)
    if d.kind != "PLEDGE" or (own and any(payer != own for payer in f.payers)):
        out.append(("id", "CONFLICT", PAID_STAYS))
    fen = cny_fen(d)
    if d.kind == "PLEDGE" and fen is not None and fen < f.paid_here_fen:
        out.append(("amount", "OUT_OF_RANGE", below_paid(f.paid_here_fen)))
    return out


def arrives(d: Draft, stored: DonationRecord | None) -> bool:
    """Whether the donation goes to its fund and pledge now: new, moved there, or worth more."""
    if stored is None or (d.fund_id, d.pledge_id) != (stored.fund_id, stored.pledge_id):
        return True
    fen = cny_fen(d)
    return fen is not None and fen > stored.amount_cny_fen


def first_per_field(problems: Sequence[Problem]) -> list[Problem]:
    """The first problem of each field, fields in the order of `FIELDS`."""
    first: dict[str, Problem] = {}
    for problem in problems:
        first.setdefault(problem[0], problem)
    rank = {field: i for i, field in enumerate(FIELDS)}
    return sorted(first.values(), key=lambda p: rank.get(p[0], len(FIELDS)))


def judge(d: Draft, f: Facts, stored: DonationRecord | None, today: date) -> list[Problem]:
    """Every problem of a draft, given what the graph says (pure: unit-testable)."""
    goes = arrives(d, stored)
    found = value_problems(d, today) + reference_problems(d, f, goes)
    return found + payment_problems(d, f, goes) + paid_problems(d, f)


def stored_money(amount: str, currency: str, amount_cny: str) -> dict[str, Any]:
    """A donation's money properties as stored: decimal strings with two places, CNY also in fen."""
    return {
        "amount": normalize(amount),
        "currency": currency,
        "amountCny": normalize(amount_cny),
        "amountCnyFen": to_fen(amount_cny),
    }


async def check(
    tx: Tx,
    d: Draft,
    scope: Scope,
    *,
    known: Sequence[Problem] = (),
    stored: DonationRecord | None = None,
) -> tuple[Draft, dict[str, Any]]:
    """The draft (a payment's fund and donor filled from its pledge) and its money as stored.

    Raises `Rejected` with every problem, `known` ones (found while reading the input) first.
    """
    facts = await read_facts(tx, d, scope)
    if d.fund_from_pledge and facts.pledge and facts.pledge.kind == "PLEDGE":
        d = replace(d, fund_id=facts.pledge.fund_id, donor=facts.pledge.donor)
        facts = replace(facts, donor_found=True)  # the pledge's donor
    problems = first_per_field([*known, *judge(d, facts, stored, date.today())])
    if problems:
        raise Rejected.every(problems)
    cny = cny_of(d)
    assert d.amount is not None and cny is not None
    return d, stored_money(d.amount, currency_of(d), cny)


def merged(stored: DonationRecord, sent: dict[str, Any]) -> Draft:
    """The donation an update leaves: the stored one with the values sent (camelCase keys).

    A foreign donation whose amount or currency changes needs its CNY value sent again.
    """

    def value(key: str, current: Any) -> Any:
        return sent.get(key, current)

    resent = "amount" in sent or "currency" in sent
    cny = sent.get("amountCny", None if resent else stored.amount_cny)
    return Draft(
        kind=value("kind", stored.kind),
        receipt_no=value("receiptNo", stored.receipt_no),
        amount=value("amount", stored.amount),
        currency=value("currency", stored.currency),
        amount_cny=cny,
        on=value("date", stored.date),
        donor=value("donor", stored.donor),
        fund_id=value("fund", stored.fund_id),
        pledge_id=value("pledge", stored.pledge_id),
        solicitor_id=value("solicitor", stored.solicitor_id),
        anonymous=bool(value("anonymous", stored.anonymous)),
        id=stored.id,
    )
