"""Exact money: decimal strings, integer fen, and the donation amount rules (pure functions)."""

from __future__ import annotations

from datetime import date

import pytest

from graph.core.model import PartyRef
from graph.core.money import from_fen, normalize, ratio, to_fen
from graph.giving.donation_rules import (
    Draft,
    cny_of,
    currency_of,
    date_problem,
    first_per_field,
    merged,
    money_problems,
    stored_money,
)
from graph.giving.donations import DonationRecord

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("raw", "stored", "fen"),
    [("1200", "1200.00", 120000), (" 5.5 ", "5.50", 550), ("0.10", "0.10", 10), ("-0", "0.00", 0)],
)
def test_amounts_are_stored_with_two_places_and_summed_in_fen(raw: str, stored: str, fen: int) -> None:
    # when / then
    assert normalize(raw) == stored
    assert to_fen(raw) == fen


def test_sums_from_fen_are_exact_where_floats_are_not() -> None:
    # given
    amounts = ["0.10", "0.20"] * 5
    # when
    total = from_fen(sum(to_fen(a) for a in amounts))
    # then
    assert total == "1.50"
    assert sum(float(a) for a in amounts) != 1.5


def test_ratio_is_rounded_and_undefined_without_a_whole() -> None:
    # when / then
    assert ratio(1, 3) == 0.3333
    assert ratio(5, 0) is None


def draft(amount: str | None, currency: str | None = "CNY", cny: str | None = None) -> Draft:
    """A gift with these money values (the rest valid)."""
    return Draft("GIFT", "R1", amount, currency, cny, date(2025, 1, 1), PartyRef("Alumnus", "a"), "f")


def test_cny_donations_value_themselves() -> None:
    # given
    d = draft("1200", "cny")
    # when
    problems = money_problems(d)
    cny = cny_of(d)
    # then
    assert problems == []
    assert cny is not None
    assert stored_money("1200", currency_of(d), cny) == {
        "amount": "1200.00",
        "currency": "CNY",
        "amountCny": "1200.00",
        "amountCnyFen": 120000,
    }


@pytest.mark.parametrize(
    ("amount", "currency", "cny", "field", "code"),
    [
        ("100", "USD", None, "amountCny", "REQUIRED"),
        ("100", "CNY", "99", "amountCny", "INVALID"),
        ("1.005", "CNY", None, "amount", "INVALID"),
        ("-3", "CNY", None, "amount", "OUT_OF_RANGE"),
        ("0", "CNY", None, "amount", "OUT_OF_RANGE"),
        ("abc", "CNY", None, "amount", "INVALID"),
        ("NaN", "CNY", None, "amount", "INVALID"),
        ("1e12", "CNY", None, "amount", "OUT_OF_RANGE"),
        ("100", "US", "700", "currency", "INVALID"),
        ("100", "USD", "7.001", "amountCny", "INVALID"),
        ("100", "USD", "0.00", "amountCny", "OUT_OF_RANGE"),
    ],
)
def test_bad_amounts_are_refused(amount: str, currency: str, cny: str | None, field: str, code: str) -> None:
    # when
    problems = money_problems(draft(amount, currency, cny))
    # then
    assert [p[:2] for p in problems] == [(field, code)]


def test_every_money_problem_is_reported_not_only_the_first() -> None:
    # when
    problems = money_problems(draft("0", "us", "1.001"))
    # then
    assert [p[:2] for p in problems] == [
        ("currency", "INVALID"),
        ("amount", "OUT_OF_RANGE"),
        ("amountCny", "INVALID"),
    ]


def test_dates_from_1890_to_today() -> None:
    # given
    today = date(2026, 11, 26)
    # when / then
    assert date_problem(today, today) is None
    assert date_problem(date(1890, 1, 1), today) is None
    assert date_problem(date(2026, 11, 27), today) == ("OUT_OF_RANGE", "the date is in the future")
    assert date_problem(date(1889, 12, 31), today) == ("OUT_OF_RANGE", "the date is before 1890")
    assert date_problem(None, today) == ("REQUIRED", "give a day")


def test_foreign_donations_need_their_cny_value_again_when_amount_or_currency_change() -> None:
    # given a USD 100.00 gift valued CNY 720.00
    stored = DonationRecord(
        id="d", receipt_no="R1", kind="GIFT", amount="100.00", currency="USD", amount_cny="720.00",
        amount_cny_fen=72000, date=date(2025, 1, 1), anonymous=False, donor=PartyRef("Alumnus", "a"),
        fund_id="f", pledge_id=None, solicitor_id=None, created_at=None, updated_at=None,
    )  # fmt: skip
    # when
    revalued = merged(stored, {"amountCny": "710"})
    amount_changed = merged(stored, {"amount": "200"})
    currency_changed = merged(stored, {"currency": "EUR"})
    to_cny = merged(stored, {"currency": "CNY"})
    untouched = merged(stored, {"anonymous": True})
    # then
    assert (revalued.amount, revalued.amount_cny) == ("100.00", "710")
    assert [p[:2] for p in money_problems(amount_changed)] == [("amountCny", "REQUIRED")]
    assert [p[:2] for p in money_problems(currency_changed)] == [("amountCny", "REQUIRED")]
    assert cny_of(to_cny) == "100.00"
    assert (untouched.amount_cny, untouched.anonymous, untouched.id) == ("720.00", True, "d")


def test_problems_are_one_per_field_in_input_order() -> None:
    # given problems found in any order, two for the amount
    found = [("pledge", "NOT_FOUND", "p"), ("amount", "INVALID", "a1"), ("date", "X", "d")]
    found += [("amount", "OUT_OF_RANGE", "a2"), ("receiptNo", "DUPLICATE", "r")]
    # when
    kept = first_per_field(found)
    # then
    assert [p[0] for p in kept] == ["receiptNo", "amount", "date", "pledge"]
    assert kept[1] == ("amount", "INVALID", "a1")
