"""Which properties a merge sets on the kept alumnus (unit)."""

from __future__ import annotations

import pytest

from graph.people.dedup import filled_properties

pytestmark = pytest.mark.unit


def test_empty_properties_are_filled_in_merge_order_and_set_ones_never_change() -> None:
    # given
    kept = {"id": "k", "externalId": "K", "name": "李娜", "email": "k@x.cn", "gender": None, "phone": ""}
    first = {"id": "a", "externalId": "A", "email": "a@x.cn", "gender": "F", "phone": "+8613800138000"}
    second = {"id": "b", "externalId": "B", "gender": "M", "birthYear": 1990}
    # when
    fills = filled_properties(kept, [first, second])
    # then
    assert fills == {"gender": "F", "phone": "+8613800138000", "birthYear": 1990, "mergedFrom": ["A", "B"]}


def test_kinds_and_notable_are_united() -> None:
    # given
    kept = {"externalId": "K", "name": "甲", "kinds": ["STUDENT"], "notable": False}
    other = {"externalId": "A", "kinds": ["STAFF", "STUDENT"], "notable": True, "notableNote": "校董"}
    # when
    fills = filled_properties(kept, [other])
    # then
    assert fills["kinds"] == ["STUDENT", "STAFF"]
    assert fills["notable"] is True and fills["notableNote"] == "校董"


def test_consent_already_given_or_refused_is_kept() -> None:
    # given
    kept = {"externalId": "K", "name": "甲", "consentContact": False}
    other = {"externalId": "A", "consentContact": True, "consentDirectory": True}
    # when
    fills = filled_properties(kept, [other])
    # then
    assert "consentContact" not in fills
    assert fills["consentDirectory"] is True


def test_identity_bookkeeping_and_search_forms_are_never_copied_and_provenance_chains() -> None:
    # given
    kept = {"id": "k", "externalId": "K", "name": "甲", "mergedFrom": ["OLD1"]}
    other = {
        "id": "a",
        "externalId": "A",
        "createdAt": "2020-01-01",
        "updatedAt": "2021-01-01",
        "namePinyin": "x",
        "nameInitials": "x",
        "mergedFrom": ["OLD2", "OLD1"],
    }
    # when
    fills = filled_properties(kept, [other])
    # then
    assert fills == {"mergedFrom": ["OLD1", "A", "OLD2"]}
