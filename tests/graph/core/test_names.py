"""Pinyin forms of names (unit)."""

from __future__ import annotations

import pytest

from graph.core.names import name_search_fields

pytestmark = pytest.mark.unit


def test_chinese_name_gets_full_pinyin_and_initials() -> None:
    assert name_search_fields("张伟") == ("zhangwei zhang wei", "zw")


def test_latin_name_is_kept_lower_case() -> None:
    full, initials = name_search_fields("Alice Wang")
    assert "alice" in full
    assert initials.startswith("a")


def test_empty_name() -> None:
    assert name_search_fields("") == ("", "")
