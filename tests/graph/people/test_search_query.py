"""The search text → full-text query builder (unit) and, as a property, its safety on the real index."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.core.db import Database
from graph.core.names import name_search_fields
from graph.core.scope import FULL
from graph.people.search import escape, lucene_query, parse, search
from tests.conftest import wipe


@pytest.mark.unit
def test_every_lucene_operator_character_is_escaped() -> None:
    assert escape('a+b-c&&d||e!(f){g}[h]^"i"~j*k?l:m\\n/o') == (
        'a\\+b\\-c\\&\\&d\\|\\|e\\!\\(f\\)\\{g\\}\\[h\\]\\^\\"i\\"\\~j\\*k\\?l\\:m\\\\n\\/o'
    )


@pytest.mark.unit
def test_chinese_text_becomes_phrases_of_its_runs_and_a_pinyin_phrase() -> None:
    # when
    parsed = parse(" 北京  校友会 ")
    # then
    assert parsed.compact == "北京校友会"
    assert lucene_query(parsed) == ('(name:"北京" AND name:"校友会")^8 namePinyin:"bei jing xiao you hui"')


@pytest.mark.unit
def test_latin_text_is_matched_joined_spaced_prefixed_and_as_initials() -> None:
    # when
    spaced = lucene_query(parse("Zhang  Wei"))
    initials = lucene_query(parse("ZW"))
    # then
    assert spaced == (
        'namePinyin:zhangwei^6 namePinyin:zhangwei*^3 name:"zhang wei"^6'
        ' namePinyin:"zhang wei"^4 nameInitials:zhangwei^5 nameInitials:zhangwei*'
    )
    assert initials == (
        'namePinyin:zw^6 namePinyin:zw*^3 name:"zw"^6 name:zw*^2 nameInitials:zw^5 nameInitials:zw*'
    )


@pytest.mark.unit
def test_full_width_letters_and_mixed_text_are_normalised() -> None:
    assert parse("ＺＨＡＮＧ").compact == "zhang"
    assert lucene_query(parse("张wei")) == 'namePinyin:"zhang wei"'


@pytest.mark.unit
def test_text_of_operators_only_builds_no_query() -> None:
    assert lucene_query(parse('*:* && "" ~ \\')) is None


@pytest.mark.unit
def test_user_text_never_adds_an_operator() -> None:
    # given text full of Lucene syntax
    query = lucene_query(parse('zhang~ AND (wei OR "x") name:* NOT \\ a:b'))
    # then only letters and digits of it remain, lower-cased, so AND/OR/NOT are plain words
    assert query is not None
    assert "~" not in query and "(" not in query and ":*" not in query and " AND " not in query
    assert '"zhang and wei or x name not a b"' in query


_NAMES = ["张伟", "张伟明", "章伟", "Alice Wang", "北京校友会"]


async def _store(db: Database) -> None:
    rows = []
    for i, name in enumerate(_NAMES):
        pinyin, initials = name_search_fields(name)
        rows.append({"id": f"c{i}", "name": name, "pinyin": pinyin, "initials": initials})
    await db.write_rows(
        "UNWIND $rows AS r CREATE (:Chapter {id: r.id, code: r.id, name: r.name,"
        " namePinyin: r.pinyin, nameInitials: r.initials, kind: 'GENERAL'})",
        {"rows": rows},
    )


@pytest.fixture
async def named(session_db: Database) -> Database:
    """A few named chapters on a clean database, written once for every example."""
    await wipe(session_db)
    await _store(session_db)
    return session_db


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(alphabet=st.sampled_from(list('张伟zhangwei AND OR NOT+-&|!(){}[]^"~*?:\\/ ')), max_size=20)
)
async def test_any_text_is_a_valid_query_that_never_matches_everything(named: Database, text: str) -> None:
    # when
    hits = await search(named, text, 50, FULL)
    # then
    assert len(hits) < len(_NAMES)
