"""Spreadsheet safety: text that a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def cell(value: str) -> str:
    """Prefix formula-like text with an apostrophe; plain numbers and phones stay as they are."""
    if value[:1] in ("=", "@", "\t", "\r") or (value[:1] in ("+", "-") and not _NUMBER.match(value)):
        return "'" + value
    return value
