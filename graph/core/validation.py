"""Pure validators for codes, contact details, years and amounts; each returns a reason or None."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

from graph import reference

EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
CN_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
E164 = re.compile(r"^\+[1-9]\d{6,14}$")
EXTERNAL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
FOREIGN_COMPANY = re.compile(r"^X-[A-Za-z0-9][A-Za-z0-9._-]{1,40}$")
MIN_YEAR = 1890


def max_year() -> int:
    """The latest year accepted (next year, for classes graduating soon)."""
    return date.today().year + 6


def normalize_phone(raw: str) -> str:
    """Digits and a leading plus only: '+86 138-0013-8000' → '+8613800138000'."""
    stripped = raw.strip()
    digits = re.sub(r"\D", "", stripped)
    return ("+" + digits) if stripped.startswith("+") else digits


def phone_error(raw: str) -> str | None:
    """Reason a phone number is unacceptable (Chinese mobile or E.164), or None."""
    value = normalize_phone(raw)
    if CN_MOBILE.match(value) or E164.match(value):
        return None
    return "not a Chinese mobile number or an E.164 number (+country code and digits)"


def email_error(raw: str) -> str | None:
    """Reason an email address is malformed, or None."""
    value = raw.strip()
    if len(value) > 254 or not EMAIL.match(value):
        return "not a valid email address"
    return None


def normalize_email(raw: str) -> str:
    """Trimmed and lower-cased, the form used to find duplicates."""
    return raw.strip().lower()


def credit_code_error(raw: str) -> str | None:
    """Reason a unified social credit code (GB 32100) or foreign `X-` id is invalid, or None."""
    value = raw.strip().upper()
    if value.startswith("X-"):
        return (
            None
            if FOREIGN_COMPANY.match(raw.strip())
            else "foreign company ids look like X-<letters and digits>"
        )
    if len(value) != 18:
        return "a unified social credit code has 18 characters"
    try:
        uscc.validate(value)
    except StdnumError:
        return "bad check digit or characters in the unified social credit code"
    return None


def year_error(value: int, low: int = MIN_YEAR, high: int | None = None) -> str | None:
    """Reason a year is out of range, or None."""
    top = max_year() if high is None else high
    if value < low or value > top:
        return f"year must be between {low} and {top}"
    return None


def amount_error(raw: str) -> str | None:
    """Reason an amount is not a positive decimal with at most 2 places, or None."""
    try:
        value = Decimal(raw.strip())
    except (InvalidOperation, AttributeError):
        return "not a decimal amount"
    if not value.is_finite() or value < 0:
        return "amount must be zero or more"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return "amount has more than 2 decimal places"
    return None


def date_error(raw: str) -> str | None:
    """Reason a date is not ISO YYYY-MM-DD, or None."""
    try:
        date.fromisoformat(raw.strip())
    except ValueError:
        return "not a date in the form YYYY-MM-DD"
    return None if re.match(r"^\d{4}-\d{2}-\d{2}$", raw.strip()) else "not a date in the form YYYY-MM-DD"


def region_code_error(code: str) -> str | None:
    """Reason a region code is unknown, or None."""
    return None if code in reference.codes("regions") else f"unknown region code {code}"


def industry_code_error(code: str) -> str | None:
    """Reason a GB/T 4754-2017 code is unknown, or None."""
    return None if code in reference.codes("industries") else f"unknown industry code {code}"


def external_id_error(raw: str) -> str | None:
    """Reason a student or staff number is malformed, or None."""
    return None if EXTERNAL_ID.match(raw) else "use 1-40 letters, digits, '.', '_' or '-'"


def code_error(raw: str) -> str | None:
    """Reason an entity code is malformed, or None."""
    return None if CODE.match(raw) else "use 1-40 letters, digits, '.', '_' or '-'"


def text_error(raw: str, max_len: int = 200) -> str | None:
    """Reason a required text is empty or too long, or None."""
    if not raw.strip():
        return "must not be empty"
    if len(raw) > max_len:
        return f"must be at most {max_len} characters"
    return None
