"""Cross-column rules of bundle rows, and the properties derived from several columns."""

from __future__ import annotations

from datetime import date

from graph.bundle import cells as c
from graph.bundle.rows import Check, Draft
from graph.core.model import DonationKind
from graph.giving.donation_rules import amount_problem, date_problem


def pinyin(d: Draft) -> None:
    """Pinyin and initials beside the name, for search."""
    if "name" in d.values:
        d.props["namePinyin"], d.props["nameInitials"] = c.search_fields(d.values["name"])


def ordered(first: str, last: str, reason: str) -> Check:
    """`last` may not come before `first` (years, dates)."""

    def check(d: Draft) -> None:
        low, high = d.values.get(first), d.values.get(last)
        if low is not None and high is not None and high < low:
            d.problem(last, reason)

    return check


def chapter(d: Draft) -> None:
    """A chapter is not its own parent; its name gets pinyin."""
    if d.values.get("parent_code") is not None and d.values["parent_code"] == d.values["code"]:
        d.problem("parent_code", "a chapter cannot be part of itself")
    pinyin(d)


def relation(d: Draft) -> None:
    """An acquaintance links two different alumni."""
    if d.values["external_id_a"] == d.values["external_id_b"]:
        d.problem("external_id_b", "an alumnus cannot know themselves")


def fund(d: Draft) -> None:
    """The goal is stored as a decimal string and as integer fen."""
    if "goal_cny" in d.values:
        goal = d.values["goal_cny"]
        d.props["goalCny"], d.props["goalCnyFen"] = c.money(goal) if goal is not None else (None, None)


def exactly_one(columns: tuple[str, ...], what: str) -> Check:
    """Exactly one of the columns has a value."""

    def check(d: Draft) -> None:
        given = [col for col in columns if d.values.get(col) is not None]
        if len(given) != 1:
            d.problem(given[1] if len(given) > 1 else columns[0], f"give exactly one {what}")

    return check


one_donor = exactly_one(
    ("donor_external_id", "donor_credit_code"), "donor: donor_external_id or donor_credit_code"
)
one_recipient = exactly_one(
    ("college_code", "chapter_code", "external_id"), "recipient: college_code, chapter_code or external_id"
)


def donation(d: Draft) -> None:
    """One donor; a PAYMENT pays a pledge (its column is needed), and only a PAYMENT; the amount
    and date rules of every donation (`graph.giving.donation_rules`); currency rules; amounts exact,
    with fen. The rules needing the graph come later (`graph.bundle.giving`)."""
    one_donor(d)
    v = d.values
    pledge = v.get("pledge_receipt_no")
    if v["kind"] == DonationKind.PAYMENT and pledge is None:
        if "pledge_receipt_no" in v:
            d.problem("pledge_receipt_no", "missing value: a PAYMENT pays a pledge")
        else:
            d.problem("pledge_receipt_no", "missing column: a PAYMENT pays a pledge")
    elif pledge is not None and v["kind"] != DonationKind.PAYMENT:
        d.problem("pledge_receipt_no", "only a PAYMENT pays a pledge")
    elif pledge is not None and pledge == v["receipt_no"]:
        d.problem("pledge_receipt_no", "a donation cannot pay itself")
    _amounts_and_date(d)
    currency = v.get("currency") or "CNY"
    amount_cny = v.get("amount_cny")
    if currency != "CNY" and amount_cny is None:
        d.problem("amount_cny", f"required when the currency is {currency} (not CNY)")
        return
    if currency == "CNY" and amount_cny is not None and amount_cny != v["amount"]:
        d.problem("amount_cny", "must equal amount when the currency is CNY")
        return
    d.props["amount"], _ = c.money(v["amount"])
    d.props["amountCny"], d.props["amountCnyFen"] = c.money(
        amount_cny if amount_cny is not None else v["amount"]
    )
    d.props["currency"] = currency


def _amounts_and_date(d: Draft) -> None:
    """Amounts above zero and below a trillion; a date neither in the future nor before 1890."""
    for column in ("amount", "amount_cny"):
        value = d.values.get(column)
        if value is not None and (found := amount_problem(str(value))):
            d.problem(column, found[1])
    if found := date_problem(d.values["date"], date.today()):
        d.problem("date", found[1])
