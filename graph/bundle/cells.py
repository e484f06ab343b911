"""Cell converters: each turns a trimmed, non-empty cell into a stored value or raises `Bad(reason)`."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Any

from graph.bundle.format import LIST_SEPARATOR
from graph.core import ids, validation
from graph.core.model import Label
from graph.core.names import name_search_fields

Converter = Callable[[str], Any]
_WHOLE = re.compile(r"^[+-]?\d+$")
_WEBSITE = re.compile(
    r"^(?:https?://)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+(?:[/?#]\S*)?$"
)
_NORMAL_PHONE = re.compile(r"^\+?\d+$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
CENT = Decimal("0.01")


class Bad(ValueError):
    """A cell value that cannot be stored; the message is the reason shown to the user."""


def _checked(reason: str | None) -> None:
    if reason:
        raise Bad(reason)


def text(max_len: int) -> Converter:
    """Free text of at most `max_len` characters (stored as given, formulas included, never run)."""

    def convert(raw: str) -> str:
        if len(raw) > max_len:
            raise Bad(f"must be at most {max_len} characters")
        return raw

    return convert


def code(raw: str) -> str:
    """An entity code (college, class, chapter, event, fund, receipt number)."""
    _checked(validation.code_error(raw))
    return raw


def external_id(raw: str) -> str:
    """A student or staff number."""
    _checked(validation.external_id_error(raw))
    return raw


def credit_code(raw: str) -> str:
    """A unified social credit code (check digit verified, upper-cased) or a foreign `X-` id."""
    _checked(validation.credit_code_error(raw))
    return raw if raw.startswith("X-") else raw.upper()


def stable(label: Label) -> Converter:
    """The id of an Interaction or Award: the UUID given, or a stable UUID derived from the text."""

    def convert(raw: str) -> str:
        if len(raw) > 100:
            raise Bad("must be at most 100 characters")
        return ids.stable_id(label.value, raw)

    return convert


def integer(low: int, high: int) -> Converter:
    """A whole number in [low, high]."""

    def convert(raw: str) -> int:
        if not _WHOLE.match(raw):
            raise Bad("not a whole number")
        value = int(raw)
        if value < low or value > high:
            raise Bad(f"must be between {low} and {high}")
        return value

    return convert


def year(raw: str) -> int:
    """A year (an integer in the accepted range)."""
    if not _WHOLE.match(raw):
        raise Bad("not a year (a whole number such as 2015)")
    value = int(raw)
    _checked(validation.year_error(value))
    return value


def boolean(raw: str) -> bool:
    """`true` or `false` (any case, as spreadsheets write TRUE)."""
    lowered = raw.lower()
    if lowered not in ("true", "false"):
        raise Bad("not true or false")
    return lowered == "true"


def enum(kind: type[StrEnum]) -> Converter:
    """One name of the enum (case-insensitive), stored upper-case."""
    names = [m.value for m in kind]

    def convert(raw: str) -> str:
        value = raw.upper()
        if value not in names:
            raise Bad(f"{raw} is not one of {', '.join(names)}")
        return value

    return convert


def enum_list(kind: type[StrEnum]) -> Converter:
    """`;`-separated enum names, duplicates dropped, order kept."""
    one = enum(kind)

    def convert(raw: str) -> list[str] | None:
        values = [one(part.strip()) for part in raw.split(LIST_SEPARATOR) if part.strip()]
        return list(dict.fromkeys(values)) or None

    return convert


def iso_date(raw: str) -> date:
    """A date written YYYY-MM-DD."""
    _checked(validation.date_error(raw))
    return date.fromisoformat(raw)


def amount(raw: str) -> Decimal:
    """A decimal amount, zero or more, at most two places; kept exact."""
    _checked(validation.amount_error(raw))
    return Decimal(raw).quantize(CENT)


def email(raw: str) -> str:
    """An email address, normalised (trimmed, lower-case)."""
    _checked(validation.email_error(raw))
    return validation.normalize_email(raw)


def phone(raw: str) -> str:
    """A Chinese mobile or E.164 number, normalised to digits and a leading plus."""
    if _NORMAL_PHONE.match(raw) and not validation.phone_error(raw):
        return raw  # already normal (the common case in large files): skip the rewrite
    _checked(validation.phone_error(raw))
    return validation.normalize_phone(raw)


def region(raw: str) -> str:
    """A region code of the reference data."""
    _checked(validation.region_code_error(raw))
    return raw


def industry(raw: str) -> str:
    """A GB/T 4754-2017 code of the reference data."""
    _checked(validation.industry_code_error(raw))
    return raw


def website(raw: str) -> str:
    """A web address (with or without http:// or https://)."""
    if len(raw) > 200 or not _WEBSITE.match(raw):
        raise Bad("not a web address")
    return raw


def currency(raw: str) -> str:
    """An ISO 4217 currency code (three letters)."""
    value = raw.upper()
    if not _CURRENCY.match(value):
        raise Bad("not a three-letter currency code such as CNY or USD")
    return value


def money(value: Decimal) -> tuple[str, int]:
    """An exact amount as stored: the decimal string with two places and the integer cents (fen)."""
    return str(value), int(value * 100)


@lru_cache(maxsize=50_000)
def search_fields(name: str) -> tuple[str, str]:
    """Pinyin and initials of a name (cached: names repeat a lot in large imports)."""
    return name_search_fields(name)
