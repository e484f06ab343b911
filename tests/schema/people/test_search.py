"""search: Chinese substrings, pinyin with and without spaces, initials, ranking, safety, scope."""

from __future__ import annotations

from typing import Any

import pytest

from graph.core.db import Database
from graph.core.names import name_search_fields
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import gid, given_institutions, mutate

SEARCH = """
query Search($text: String!, $first: Int! = 20) {
  search(text: $text, first: $first) {
    score
    node {
      __typename
      ... on Alumnus { externalId name email }
      ... on Chapter { code name }
      ... on Company { creditCode name }
    }
  }
}
"""

CREATE_ALUMNUS = """
mutation Create($input: CreateAlumnusInput!) {
  createAlumnus(input: $input) { alumnus { id } userErrors { code } }
}
"""

UPDATE_ALUMNUS = """
mutation Update($input: UpdateAlumnusInput!) {
  updateAlumnus(input: $input) { alumnus { id } userErrors { code } }
}
"""

CREATE_CHAPTER = """
mutation Create($input: CreateChapterInput!) {
  createChapter(input: $input) { chapter { id } userErrors { code } }
}
"""

UPDATE_CHAPTER = """
mutation Update($input: UpdateChapterInput!) {
  updateChapter(input: $input) { chapter { id } userErrors { code } }
}
"""

# (id, externalId, name, class, consentDirectory): CS-2010 and CS-2015 are the CS college's.
PEOPLE = [
    ("p-1", "P1", "张伟", "cls-cs10", False),
    ("p-2", "P2", "张伟明", "cls-cs15", False),
    ("p-3", "P3", "章伟", "cls-ee10", False),
    ("p-4", "P4", "王小明", "cls-cs10", False),
    ("p-5", "P5", "张薇", "cls-ee10", False),
    ("p-6", "P6", "张伟华", "cls-ee10", True),
    ("p-7", "P7", "Alice Wang", "cls-cs15", False),
]

_PEOPLE = """
UNWIND $people AS p
MATCH (k:Class {id: p.class})
CREATE (a:Alumnus {id: p.id, externalId: p.externalId, name: p.name, namePinyin: p.pinyin,
                   nameInitials: p.initials, kinds: ['STUDENT'], consentDirectory: p.directory,
                   email: toLower(p.externalId) + '@example.com'})
CREATE (a)-[:STUDIED_IN]->(k)
"""

CREATE_COMPANY = """
mutation Create($input: CreateCompanyInput!) {
  createCompany(input: $input) { company { id } userErrors { code } }
}
"""

UPDATE_COMPANY = """
mutation Update($input: UpdateCompanyInput!) {
  updateCompany(input: $input) { company { id } userErrors { code } }
}
"""

_COMPANY = """
CREATE (:Company {id: $id, creditCode: $code, name: $name, namePinyin: $pinyin, nameInitials: $initials})
"""

_CHAPTERS = """
UNWIND $chapters AS c
CREATE (:Chapter {id: c.id, code: c.code, name: c.name, namePinyin: c.pinyin, nameInitials: c.initials,
                  kind: 'REGIONAL', status: 'ACTIVE'})
"""


def _named(name: str) -> dict[str, str]:
    pinyin, initials = name_search_fields(name)
    return {"name": name, "pinyin": pinyin, "initials": initials}


async def given_people(db: Database) -> None:
    """The institutions of `given`, the PEOPLE above, chapters 张江校友会 and 伟明读书会, company 星海科技."""
    await given_institutions(db)
    people = [{"id": i, "externalId": e, "class": k, "directory": d} | _named(n) for i, e, n, k, d in PEOPLE]
    await db.write_rows(_PEOPLE, {"people": people})
    chapters = [
        {"id": "ch-zj", "code": "ZJ"} | _named("张江校友会"),
        {"id": "ch-wm", "code": "WM"} | _named("伟明读书会"),
    ]
    await db.write_rows(_CHAPTERS, {"chapters": chapters})
    await db.write_rows(_COMPANY, {"id": "co-xh", "code": "X-XH1"} | _named("星海科技"))


async def hits(api: Api, text: str, *, first: int | None = None, **as_: Any) -> list[str]:
    """Names of the hits, in order."""
    variables: dict[str, Any] = {"text": text} | ({"first": first} if first is not None else {})
    data = await api.data(SEARCH, variables, **as_)
    return [h["node"]["name"] for h in data["search"]]


async def test_a_two_character_chinese_query_finds_every_name_containing_it(api: Api, db: Database) -> None:
    # given
    await given_people(db)
    # when
    found = await hits(api, "张伟")
    # then the exact name first, then the names containing 张伟, then the homophones (zhang wei)
    assert found[0] == "张伟"
    assert set(found[1:3]) == {"张伟明", "张伟华"}
    assert set(found[3:]) == {"章伟", "张薇"}


async def test_a_middle_substring_of_a_chinese_name_hits(api: Api, db: Database) -> None:
    # given
    await given_people(db)
    # when
    found = await hits(api, "伟明")
    # then both names containing 伟明, before anything that only sounds alike
    assert set(found[:2]) == {"张伟明", "伟明读书会"}
    assert "张伟" not in found


async def test_full_pinyin_with_or_without_spaces_finds_the_same_names(api: Api, db: Database) -> None:
    # given
    await given_people(db)
    # when
    joined = await hits(api, "zhangwei")
    spaced = await hits(api, "Zhang Wei")
    # then every name read `zhang wei` first (by name), then those starting with it
    assert joined == spaced
    assert joined[:3] == sorted(["张伟", "章伟", "张薇"])
    assert set(joined[3:]) == {"张伟明", "张伟华"}


async def test_a_pinyin_prefix_and_a_spaced_middle_part_hit(api: Api, db: Database) -> None:
    # given
    await given_people(db)
    # when
    prefix = await hits(api, "zhangweim")
    middle = await hits(api, "wei ming")
    # then
    assert prefix == ["张伟明"]
    assert set(middle) == {"张伟明", "伟明读书会"}


async def test_pinyin_initials_find_exact_initials_first(api: Api, db: Database) -> None:
    # given
    await given_people(db)
    # when
    found = await hits(api, "zw")
    # then 张伟, 章伟, 张薇 (zw) before 张伟明 (zwm) and 张伟华 (zwh)
    assert set(found[:3]) == {"张伟", "章伟", "张薇"}
    assert set(found[3:]) == {"张伟明", "张伟华"}


async def test_latin_names_are_found_by_word_and_chapters_by_name(api: Api, db: Database) -> None:
    # given
    await given_people(db)
    # when
    alice = await hits(api, "alice")
    whole = await hits(api, "alice wang")
    data = await api.data(SEARCH, {"text": "校友会"})
    # then
    assert alice == ["Alice Wang"]
    assert whole == ["Alice Wang"]
    codes = {h["node"]["code"] for h in data["search"] if h["node"]["__typename"] == "Chapter"}
    assert len(codes) == len(data["search"])
    assert codes == {"ZJ", "CSA", "GD", "SZ", "BJ", "IT"}  # not 校友总会 nor 伟明读书会


async def test_companies_are_found_by_chinese_pinyin_and_initials(api: Api, db: Database) -> None:
    # given
    await given_people(db)
    # when
    found = [await api.data(SEARCH, {"text": text}) for text in ("星海", "xinghai", "xing hai", "xhkj")]
    # then
    for data in found:
        assert [h["node"] for h in data["search"]] == [
            {"__typename": "Company", "creditCode": "X-XH1", "name": "星海科技"}
        ]


async def test_scores_fall_and_first_limits_the_hits(api: Api, db: Database) -> None:
    # given
    await given_people(db)
    # when
    data = await api.data(SEARCH, {"text": "zhang wei"})
    again = await api.data(SEARCH, {"text": "zhang wei"})
    two = await hits(api, "zhang wei", first=2)
    # then within one exactness level the scores never rise; the order is stable; `first` cuts
    scores = [h["score"] for h in data["search"]]
    assert scores[3] >= scores[4] > 0
    assert again == data
    assert two == sorted(["张伟", "章伟", "张薇"])[:2]


async def test_query_syntax_in_the_text_is_only_text(api: Api, db: Database) -> None:
    # given
    await given_people(db)
    # when
    found = {
        text: await hits(api, text)
        for text in ["zhang~ AND *:*", '""', '\\"*', "*:*", '张伟" OR *:*', "name:张伟 OR a", "(zw) || \\"]
    }
    # then nothing is an error, and no text matches everything: `zhang~ AND *:*` is the words
    # `zhang` and `and` (a stop word), so it finds the names read zhang…
    assert found['""'] == [] and found["*:*"] == [] and found['\\"*'] == []
    assert set(found["zhang~ AND *:*"]) == {"张伟", "张伟明", "张伟华", "章伟", "张薇", "张江校友会"}
    assert set(found['张伟" OR *:*']) == {"张伟", "张伟明", "张伟华", "章伟", "张薇"}
    assert found["(zw) || \\"][:3] == sorted(["张伟", "章伟", "张薇"])
    assert "Alice Wang" not in found["name:张伟 OR a"]


async def test_an_officer_finds_only_their_alumni_and_directory_ones(api: Api, db: Database) -> None:
    # given a CS officer: 张伟 (CS-2010) and 张伟明 (CS-2015) are theirs; 张伟华 (EE) is in the
    # directory; 章伟 and 张薇 (EE) are neither
    await given_people(db)
    # when
    data = await api.data(SEARCH, {"text": "zhang wei"}, role=Role.COLLEGE_OFFICER, college="CS")
    # then
    assert sorted(h["node"]["name"] for h in data["search"]) == sorted(["张伟", "张伟明", "张伟华"])
    emails = {h["node"]["name"]: h["node"]["email"] for h in data["search"]}
    assert emails["张伟华"] is None  # the directory shows the person, never their contact details


# Who each role finds for `zhang wei`: 张伟 and 张伟明 study in CS, 张伟华 is in the directory,
# 张薇 is a member of the GD chapter, 章伟 is none of these.
EVERYONE = ["张伟", "张伟明", "张伟华", "章伟", "张薇"]
FOUND_BY: list[tuple[Role, dict[str, Any], list[str]]] = [
    (Role.ADMIN, {}, EVERYONE),
    (Role.FUNDRAISER, {}, EVERYONE),
    (Role.COLLEGE_OFFICER, {"college": "CS"}, ["张伟", "张伟明", "张伟华"]),
    (Role.CHAPTER_ORGANIZER, {"chapter": "GD"}, ["张伟华", "张薇"]),
    (Role.ALUMNUS, {"alumnus": "p-1"}, ["张伟", "张伟华"]),
]


@pytest.mark.parametrize(("role", "scope", "expected"), FOUND_BY, ids=[r.value for r, _, _ in FOUND_BY])
async def test_every_role_finds_exactly_the_alumni_it_may_see(
    api: Api, db: Database, role: Role, scope: dict[str, Any], expected: list[str]
) -> None:
    # given
    await given_people(db)
    await db.write_rows(
        "MATCH (a:Alumnus {id: 'p-5'}), (c:Chapter {id: 'ch-gd'}) CREATE (a)-[:MEMBER_OF {role: 'MEMBER'}]->(c)"
    )
    # when
    found = await hits(api, "zhang wei", role=role, **scope)
    # then
    assert sorted(found) == sorted(expected)


async def test_an_alumnus_finds_themself_and_chapters_only(api: Api, db: Database) -> None:
    # given
    await given_people(db)
    # when
    found = await hits(api, "zhang", role=Role.ALUMNUS, alumnus="p-1")
    # then 张伟 (themself), 张伟华 (directory) and the chapter 张江校友会
    assert sorted(found) == sorted(["张伟", "张伟华", "张江校友会"])


async def test_too_short_or_too_long_text_and_a_big_first_are_refused(api: Api, db: Database) -> None:
    # given
    await given_people(db)
    # when
    answers = [
        await api.post(SEARCH, {"text": text, "first": first})
        for text, first in [("张", 20), (" a ", 20), ("", 20), ("x" * 101, 20), ("zw", 51), ("zw", -1)]
    ]
    # then
    assert [a["errors"][0]["extensions"]["code"] for a in answers] == ["BAD_USER_INPUT"] * 6
    assert (await api.data(SEARCH, {"text": "a b"}))["search"] is not None


async def test_names_written_by_mutations_are_searchable_at_once(api: Api, db: Database) -> None:
    # given an alumnus, a company and a chapter created, then renamed, through the API
    await given_institutions(db)
    created = await mutate(
        api,
        CREATE_ALUMNUS,
        "createAlumnus",
        {"externalId": "N1", "name": "刘洋", "education": [gid("Class", "cls-cs10")]},
    )
    company = await mutate(
        api, CREATE_COMPANY, "createCompany", {"creditCode": "X-WX1", "name": "无锡微电子"}
    )
    await mutate(api, UPDATE_COMPANY, "updateCompany", {"id": company["company"]["id"], "name": "常州微电子"})
    chapter = await mutate(
        api, CREATE_CHAPTER, "createChapter", {"code": "HZ", "name": "杭州校友会", "kind": "GENERAL"}
    )
    await mutate(api, UPDATE_ALUMNUS, "updateAlumnus", {"id": created["alumnus"]["id"], "name": "刘海洋"})
    await mutate(api, UPDATE_CHAPTER, "updateChapter", {"id": chapter["chapter"]["id"], "name": "苏州校友会"})
    # when
    by_initials = await hits(api, "lhy")
    by_pinyin = await hits(api, "suzhou")
    by_prefix = await hits(api, "changzhouw")
    old_names = await hits(api, "liuyang") + await hits(api, "杭州") + await hits(api, "wuxi")
    # then
    assert by_initials == ["刘海洋"]
    assert by_pinyin == ["苏州校友会"]
    assert by_prefix == ["常州微电子"]
    assert old_names == []


async def test_a_search_and_its_nodes_cost_one_statement(api: Api, db: Database) -> None:
    # given a company whose name sounds like 伟明
    await given_people(db)
    await db.write_rows(_COMPANY, {"id": "co-wm", "code": "X-WM1"} | _named("维明科技"))
    api.reset_count()
    # when
    found = await hits(api, "wei ming")
    # then: the hits and their alumni, companies and chapters in one compiled statement
    assert sorted(found) == sorted(["张伟明", "伟明读书会", "维明科技"])
    assert api.statements == 1
