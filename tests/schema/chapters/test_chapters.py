"""Chapters: the filtered, sorted and paginated list; create, update, move and delete."""

from __future__ import annotations

from typing import Any

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import audit_entries, count, errors_of, gid, given_alumni, given_institutions, mutate

LIST = """
query List($first: Int!, $after: String, $filter: ChapterFilter, $order: ChapterSort!, $desc: Boolean!) {
  chapters(first: $first, after: $after, filter: $filter, orderBy: $order, descending: $desc) {
    totalCount
    edges { node { code } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
CREATE = """
mutation C($input: CreateChapterInput!) {
  createChapter(input: $input) {
    chapter { id code name kind status foundedYear parent { code } college { code } region { code } industry { code } }
    userErrors { field code message }
  }
}
"""
UPDATE = """
mutation U($input: UpdateChapterInput!) {
  updateChapter(input: $input) {
    chapter { code name kind status foundedYear parent { code } college { code } region { code } }
    userErrors { field code message }
  }
}
"""
SET_PARENT = """
mutation P($input: SetChapterParentInput!) {
  setChapterParent(input: $input) { chapter { code parent { code } } userErrors { field code message } }
}
"""
DELETE = """
mutation D($input: DeleteChapterInput!) {
  deleteChapter(input: $input) { deletedId userErrors { field code message } }
}
"""


async def region_id(db: Database, code: str) -> str:
    """Global ID of a reference region."""
    rows = await db.read_rows("MATCH (r:Region {code: $code}) RETURN r.id AS id", {"code": code})
    return gid("Region", rows[0]["id"])


async def industry_id(db: Database, code: str) -> str:
    """Global ID of a reference industry."""
    rows = await db.read_rows("MATCH (i:Industry {code: $code}) RETURN i.id AS id", {"code": code})
    return gid("Industry", rows[0]["id"])


async def codes(api: Api, flt: dict[str, Any] | None, order: str = "CODE", desc: bool = False) -> list[str]:
    """Codes of the chapters matching a filter, in order."""
    data = await api.data(LIST, {"first": 100, "filter": flt, "order": order, "desc": desc})
    return [e["node"]["code"] for e in data["chapters"]["edges"]]


async def test_chapters_filter_by_kind_status_college_and_name(api: Api, db: Database) -> None:
    # given GEN, CSA (college CS), GD > SZ (dormant), BJ, IT
    await given_institutions(db)
    # then
    assert await codes(api, None) == ["BJ", "CSA", "GD", "GEN", "IT", "SZ"]
    assert await codes(api, {"kinds": ["REGIONAL"]}) == ["BJ", "GD", "SZ"]
    assert await codes(api, {"kinds": ["REGIONAL"], "status": "ACTIVE"}) == ["BJ", "GD"]
    assert await codes(api, {"college": gid("College", "col-cs")}) == ["CSA"]
    assert await codes(api, {"name": "深圳"}) == ["SZ"]
    assert await codes(api, {"name": "GEN"}) == ["GEN"]
    assert await codes(api, {"parent": gid("Chapter", "ch-gen")}) == ["BJ", "CSA", "GD", "IT"]


async def test_chapters_filter_by_region_and_industry_subtree(api: Api, db: Database) -> None:
    # given GD is in Guangdong, SZ in Shenzhen (part of Guangdong), IT focuses on section I
    await given_institutions(db)
    # then
    assert await codes(api, {"region": await region_id(db, "440000")}) == ["GD", "SZ"]
    assert await codes(api, {"region": await region_id(db, "440300")}) == ["SZ"]
    assert await codes(api, {"industry": await industry_id(db, "I")}) == ["IT"]
    assert await codes(api, {"industry": await industry_id(db, "65")}) == []


async def test_chapters_sort_by_name_or_code_both_ways(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    # then
    assert await codes(api, None, "CODE", True) == ["SZ", "IT", "GEN", "GD", "CSA", "BJ"]
    assert await codes(api, None, "NAME") == ["IT", "BJ", "GD", "GEN", "SZ", "CSA"]


async def test_chapters_keyset_pages_cover_every_chapter_once(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    seen: list[str] = []
    after = None
    # when
    while True:
        page = (await api.data(LIST, {"first": 4, "after": after, "order": "NAME", "desc": True}))["chapters"]
        seen += [e["node"]["code"] for e in page["edges"]]
        assert page["totalCount"] == 6
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    # then
    assert seen == ["CSA", "SZ", "GEN", "GD", "BJ", "IT"]


async def test_a_foreign_id_in_the_filter_is_bad_user_input(api: Api, db: Database) -> None:
    # when
    body = await api.post(
        LIST, {"first": 5, "filter": {"college": gid("Class", "x")}, "order": "CODE", "desc": False}
    )
    # then
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_create_chapter_with_its_links(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    shenzhen = await region_id(db, "440300")
    # when
    payload = await mutate(
        api,
        CREATE,
        "createChapter",
        {
            "code": "SZ2",
            "name": "深圳南山校友会",
            "kind": "REGIONAL",
            "region": shenzhen,
            "parent": gid("Chapter", "ch-sz"),
            "foundedYear": 2019,
        },
    )
    # then
    assert payload["userErrors"] == []
    assert payload["chapter"] | {"id": None} == {
        "id": None,
        "code": "SZ2",
        "name": "深圳南山校友会",
        "kind": "REGIONAL",
        "status": "ACTIVE",
        "foundedYear": 2019,
        "parent": {"code": "SZ"},
        "college": None,
        "region": {"code": "440300"},
        "industry": None,
    }
    rows = await db.read_rows("MATCH (c:Chapter {code: 'SZ2'}) RETURN c.nameInitials AS i")
    assert rows == [{"i": "sznsxyh"}]
    assert len(await audit_entries(db, "createChapter")) == 1


async def test_create_chapter_enforces_the_kind_rules(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    # when
    college = await mutate(api, CREATE, "createChapter", {"code": "C1", "name": "x", "kind": "COLLEGE"})
    region = await mutate(api, CREATE, "createChapter", {"code": "C2", "name": "x", "kind": "REGIONAL"})
    industry = await mutate(api, CREATE, "createChapter", {"code": "C3", "name": "x", "kind": "INDUSTRY"})
    general = await mutate(api, CREATE, "createChapter", {"code": "C4", "name": "x", "kind": "GENERAL"})
    # then
    assert errors_of(college) == {("input", "college"): "REQUIRED"}
    assert errors_of(region) == {("input", "region"): "REQUIRED"}
    assert errors_of(industry) == {("input", "industry"): "REQUIRED"}
    assert general["userErrors"] == []
    assert await count(db, "MATCH (c:Chapter) RETURN count(c) AS n") == 7


async def test_create_chapter_refuses_bad_references_and_values(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    # when
    unknown = await mutate(
        api,
        CREATE,
        "createChapter",
        {"code": "X", "name": "x", "kind": "COLLEGE", "college": gid("College", "none")},
    )
    foreign = await mutate(
        api,
        CREATE,
        "createChapter",
        {"code": "X", "name": "x", "kind": "COLLEGE", "college": gid("Class", "cls-cs10")},
    )
    values = await mutate(
        api, CREATE, "createChapter", {"code": "GEN", "name": " ", "kind": "GENERAL", "foundedYear": 1066}
    )
    # then
    assert errors_of(unknown) == {("input", "college"): "NOT_FOUND"}
    assert errors_of(foreign) == {("input", "college"): "INVALID"}
    assert errors_of(values) == {("input", "name"): "REQUIRED", ("input", "foundedYear"): "OUT_OF_RANGE"}
    duplicate = await mutate(api, CREATE, "createChapter", {"code": "GEN", "name": "x", "kind": "GENERAL"})
    assert errors_of(duplicate) == {("input", "code"): "DUPLICATE"}


async def test_update_chapter_changes_given_fields_and_checks_the_result(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    # when
    dormant = await mutate(
        api,
        UPDATE,
        "updateChapter",
        {"id": gid("Chapter", "ch-bj"), "status": "DORMANT", "foundedYear": 1999},
    )
    to_college = await mutate(
        api, UPDATE, "updateChapter", {"id": gid("Chapter", "ch-bj"), "kind": "COLLEGE"}
    )
    unlink = await mutate(api, UPDATE, "updateChapter", {"id": gid("Chapter", "ch-gd"), "region": None})
    switch = await mutate(
        api,
        UPDATE,
        "updateChapter",
        {
            "id": gid("Chapter", "ch-bj"),
            "kind": "COLLEGE",
            "college": gid("College", "col-ee"),
            "region": None,
        },
    )
    # then
    assert dormant["chapter"]["status"] == "DORMANT" and dormant["chapter"]["foundedYear"] == 1999
    assert dormant["chapter"]["region"] == {"code": "110000"}
    assert errors_of(to_college) == {("input", "college"): "REQUIRED"}
    assert errors_of(unlink) == {("input", "region"): "REQUIRED"}
    assert switch["chapter"] == {
        "code": "BJ",
        "name": "北京校友会",
        "kind": "COLLEGE",
        "status": "DORMANT",
        "foundedYear": 1999,
        "parent": {"code": "GEN"},
        "college": {"code": "EE"},
        "region": None,
    }


async def test_set_chapter_parent_moves_it_and_refuses_cycles(api: Api, db: Database) -> None:
    # given GEN > GD > SZ
    await given_institutions(db)
    # when
    moved = await mutate(
        api,
        SET_PARENT,
        "setChapterParent",
        {"chapter": gid("Chapter", "ch-sz"), "parent": gid("Chapter", "ch-bj")},
    )
    cycle = await mutate(
        api,
        SET_PARENT,
        "setChapterParent",
        {"chapter": gid("Chapter", "ch-gen"), "parent": gid("Chapter", "ch-sz")},
    )
    itself = await mutate(
        api,
        SET_PARENT,
        "setChapterParent",
        {"chapter": gid("Chapter", "ch-gd"), "parent": gid("Chapter", "ch-gd")},
    )
    top = await mutate(
        api, SET_PARENT, "setChapterParent", {"chapter": gid("Chapter", "ch-it"), "parent": None}
    )
    missing = await mutate(
        api, SET_PARENT, "setChapterParent", {"chapter": gid("Chapter", "none"), "parent": None}
    )
    # then
    assert moved["chapter"] == {"code": "SZ", "parent": {"code": "BJ"}}
    assert errors_of(cycle) == {("input", "parent"): "INVALID"}
    assert errors_of(itself) == {("input", "parent"): "INVALID"}
    assert top["chapter"] == {"code": "IT", "parent": None}
    assert errors_of(missing) == {("input", "chapter"): "NOT_FOUND"}
    assert await count(db, "MATCH (:Chapter {id: 'ch-gen'})-[r:PART_OF]->() RETURN count(r) AS n") == 0
    assert len(await audit_entries(db, "setChapterParent")) == 2


async def test_delete_chapter_refused_while_members_or_children_point_at_it(api: Api, db: Database) -> None:
    # given the CS chapter has members; GD has a sub-chapter; BJ has neither
    await given_institutions(db)
    await given_alumni(db, 2)
    # when
    members = await mutate(api, DELETE, "deleteChapter", {"id": gid("Chapter", "ch-cs")})
    children = await mutate(api, DELETE, "deleteChapter", {"id": gid("Chapter", "ch-gd")})
    plain = await mutate(api, DELETE, "deleteChapter", {"id": gid("Chapter", "ch-bj")})
    detached = await mutate(api, DELETE, "deleteChapter", {"id": gid("Chapter", "ch-gd"), "detach": True})
    # then
    assert errors_of(members) == {("input", "id"): "IN_USE"}
    assert "MEMBER_OF" in members["userErrors"][0]["message"]
    assert errors_of(children) == {("input", "id"): "IN_USE"}
    assert plain["userErrors"] == [] and detached["userErrors"] == []
    assert (
        await count(db, "MATCH (c:Chapter {id: 'ch-sz'}) WHERE NOT (c)-[:PART_OF]->() RETURN count(c) AS n")
        == 1
    )
    assert await count(db, "MATCH (c:Chapter) RETURN count(c) AS n") == 4


async def test_chapters_are_the_offices_to_change(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    # when
    body = await api.post(
        CREATE,
        {"input": {"code": "Z", "name": "z", "kind": "GENERAL"}},
        role=Role.CHAPTER_ORGANIZER,
        chapter="GEN",
    )
    # then
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
