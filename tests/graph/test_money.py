"""Exact money: decimal strings, integer fen, and the donation amount rules (pure functions)."""

from __future__ import annotations

import pytest

from graph.donation_rules import merged_money, settle
from graph.money import from_fen, normalize, ratio, to_fen

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


def test_cny_donations_value_themselves() -> None:
    # when
    props, problem = settle("1200", "cny", None)
    # then
    assert problem is None
    assert props == {"amount": "1200.00", "currency": "CNY", "amountCny": "1200.00", "amountCnyFen": 120000}


@pytest.mark.parametrize(
    ("amount", "currency", "cny", "field", "code"),
    [
        ("100", "USD", None, "amountCny", "REQUIRED"),
        ("100", "CNY", "99", "amountCny", "INVALID"),
        ("1.005", "CNY", None, "amount", "INVALID"),
        ("-3", "CNY", None, "amount", "INVALID"),
        ("abc", "CNY", None, "amount", "INVALID"),
        ("1e13", "CNY", None, "amount", "INVALID"),
        ("100", "US", "700", "currency", "INVALID"),
        ("100", "USD", "7.001", "amountCny", "INVALID"),
    ],
)
def test_bad_amounts_are_refused(amount: str, currency: str, cny: str | None, field: str, code: str) -> None:
    # when
    _, problem = settle(amount, currency, cny)
    # then
    assert problem is not None
    assert problem[:2] == (field, code)


def test_foreign_donations_need_their_cny_value_again_when_amount_or_currency_change() -> None:
    # given
    current = {"amount": "100.00", "currency": "USD", "amountCny": "720.00"}
    # when
    revalued, _ = merged_money(current, {"amountCny": "710"})
    _, amount_changed = merged_money(current, {"amount": "200"})
    _, currency_changed = merged_money(current, {"currency": "EUR"})
    to_cny, _ = merged_money(current, {"currency": "CNY"})
    # then
    assert revalued == {"amount": "100.00", "currency": "USD", "amountCny": "710.00", "amountCnyFen": 71000}
    assert amount_changed is not None and amount_changed[:2] == ("amountCny", "REQUIRED")
    assert currency_changed is not None and currency_changed[:2] == ("amountCny", "REQUIRED")
    assert to_cny["amountCny"] == "100.00"
