"""Keyset pagination: opaque cursors over (sort value, id) and the page shape repositories return."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")

MAX_PAGE = 100


class BadCursor(ValueError):
    """The cursor was not made by this server or does not fit the requested order."""


@dataclass(frozen=True)
class Cursor:
    """Position after which a page starts."""

    key: Any
    id: str


def encode_cursor(key: Any, node_id: str) -> str:
    """Opaque cursor text for the row with this sort value and id."""
    raw = json.dumps([key, node_id], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(text: str | None) -> Cursor | None:
    """Parse a cursor made by `encode_cursor`; None for no cursor."""
    if text is None:
        return None
    try:
        padded = text + "=" * (-len(text) % 4)
        key, node_id = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise BadCursor("the cursor is not valid") from exc
    if not isinstance(node_id, str) or not isinstance(key, str | int | float | None):
        raise BadCursor("the cursor is not valid")
    return Cursor(key, node_id)


def check_first(first: int) -> int:
    """Page size within 0..MAX_PAGE, or ValueError with the reason."""
    if first < 0 or first > MAX_PAGE:
        raise ValueError(f"first must be between 0 and {MAX_PAGE}")
    return first


@dataclass(frozen=True)
class PageItem(Generic[T]):
    """One row of a page with its cursor."""

    node: T
    cursor: str


@dataclass(frozen=True)
class Page(Generic[T]):
    """A page of rows; `has_next` is known because one extra row is fetched."""

    items: list[PageItem[T]]
    has_next: bool
    has_previous: bool
