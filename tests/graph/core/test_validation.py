"""Validators are pure functions: plain unit tests."""

from __future__ import annotations

import pytest

from graph.core import validation as v

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("code", ["91110000802100433B", "91350100M000100Y43", "X-APPLE-INC"])
def test_valid_credit_codes(code: str) -> None:
    assert v.credit_code_error(code) is None


@pytest.mark.parametrize("code", ["91110000802100433C", "9111000080210043", "X-", "ABCDEFGHIJKLMNOPQR"])
def test_invalid_credit_codes(code: str) -> None:
    assert v.credit_code_error(code) is not None


@pytest.mark.parametrize("phone", ["13800138000", "+86 138-0013-8000", "+14155550100", "+442071838750"])
def test_valid_phones(phone: str) -> None:
    assert v.phone_error(phone) is None


@pytest.mark.parametrize("phone", ["12345", "23800138000", "+0123", "abc"])
def test_invalid_phones(phone: str) -> None:
    assert v.phone_error(phone) is not None


def test_phone_normalisation() -> None:
    assert v.normalize_phone("+86 138-0013-8000") == "+8613800138000"


@pytest.mark.parametrize(
    ("email", "ok"),
    [
        ("a@b.cn", True),
        ("Zhang.Wei+x@pku.edu.cn", True),
        ("a@b", False),
        ("a b@c.com", False),
        ("@c.com", False),
    ],
)
def test_emails(email: str, ok: bool) -> None:
    assert (v.email_error(email) is None) is ok


@pytest.mark.parametrize(
    ("amount", "ok"),
    [
        ("100", True),
        ("100.50", True),
        ("0.01", True),
        ("1.001", False),
        ("-5", False),
        ("abc", False),
        ("NaN", False),
        ("Infinity", False),
        ("1e3", True),
    ],
)
def test_amounts(amount: str, ok: bool) -> None:
    assert (v.amount_error(amount) is None) is ok


@pytest.mark.parametrize(
    ("text", "ok"),
    [("2024-02-29", True), ("2023-02-29", False), ("2024-2-1", False), ("20240201", False)],
)
def test_dates(text: str, ok: bool) -> None:
    assert (v.date_error(text) is None) is ok


def test_reference_codes() -> None:
    assert v.region_code_error("440300") is None
    assert v.region_code_error("US-NYC") is None
    assert v.region_code_error("999999") is not None
    assert v.industry_code_error("I") is None
    assert v.industry_code_error("65") is None
    assert v.industry_code_error("6511") is None
    assert v.industry_code_error("99") is not None
