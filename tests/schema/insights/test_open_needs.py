"""openNeeds (DESIGN §7) on the real Neo4j: which needs stay open, who bridges, who may ask."""

from __future__ import annotations

from typing import Any

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.cooperation_givens import given_answers, given_world
from tests.schema.given import gid

OPEN_NEEDS = """
query($college: ID, $kind: NeedKind, $industry: String, $region: String, $first: Int) {
  openNeeds(college: $college, kind: $kind, industry: $industry, region: $region, first: $first) {
    need { id kind description }
    company { name }
    founderCount bridgeCount
    bridges { role current alumnus { externalId } }
  }
}
"""
COUNTS_ONLY = """
query($college: ID) { openNeeds(college: $college, industry: "I", region: "440000") { founderCount bridgeCount } }
"""


def _needs(data: dict[str, Any]) -> list[str]:
    return [m["need"]["description"] for m in data["openNeeds"]]


async def test_active_and_completed_cooperations_close_a_need_proposed_and_cancelled_do_not(
    api: Api, db: Database
) -> None:
    # given
    await given_world(db)
    await given_answers(db)
    # when
    data = await api.data(OPEN_NEEDS, {"industry": "I"})
    # then: co-1 (1 founder, 3 bridges) first, by need kind; co-3 (1 bridge) after; co-2 has no current alumni
    assert _needs(data) == ["招聘", "视觉算法", "培训"]
    first = data["openNeeds"][0]
    assert (first["company"]["name"], first["founderCount"], first["bridgeCount"]) == ("甲科技", 1, 3)


async def test_former_employees_are_not_bridges_and_founders_come_first(api: Api, db: Database) -> None:
    # given: a-cs-2 once founded co-1 and worked at co-2, both ended
    await given_world(db)
    # when
    data = await api.data(OPEN_NEEDS, {"kind": "TECH"})
    # then: co-2's need never appears; co-1's bridges are current ones, founder, executive, employee
    assert _needs(data) == ["视觉算法"]
    bridges = data["openNeeds"][0]["bridges"]
    assert [(b["alumnus"]["externalId"], b["role"], b["current"]) for b in bridges] == [
        ("CS0001", "FOUNDER", True),
        ("T0001", "EXECUTIVE", True),
        ("EE0001", "EMPLOYEE", True),
    ]


async def test_a_college_s_staff_member_is_a_bridge_for_that_college(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    # when
    cs = await api.data(OPEN_NEEDS, {"college": gid("College", "col-cs"), "kind": "TECH"})
    ee = await api.data(OPEN_NEEDS, {"college": gid("College", "col-ee")})
    # then: for CS the founder and the staff member; for EE only its graduate (co-1 and co-3)
    assert [b["alumnus"]["externalId"] for b in cs["openNeeds"][0]["bridges"]] == ["CS0001", "T0001"]
    assert cs["openNeeds"][0]["bridgeCount"] == 2
    assert {m["bridgeCount"] for m in ee["openNeeds"]} == {1}
    assert "培训" in _needs(ee)


async def test_with_a_college_a_need_without_its_people_is_left_out(api: Api, db: Database) -> None:
    # given: co-3 employs only an EE graduate
    await given_world(db)
    # when
    everyone = await api.data(OPEN_NEEDS, {})
    cs = await api.data(OPEN_NEEDS, {"college": gid("College", "col-cs")})
    # then
    assert "培训" in _needs(everyone)
    assert "培训" not in _needs(cs)


async def test_the_question_is_one_statement(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    api.reset_count()
    # when
    data = await api.data(COUNTS_ONLY, {"college": gid("College", "col-cs")})
    # then
    assert len(data["openNeeds"]) == 4
    assert api.statements == 1


async def test_unknown_codes_are_not_found_and_bad_first_is_bad_input(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    # when
    industry = await api.post(OPEN_NEEDS, {"industry": "ZZ"})
    region = await api.post(OPEN_NEEDS, {"region": "999999"})
    college = await api.post(OPEN_NEEDS, {"college": gid("College", "nope")})
    first = await api.post(OPEN_NEEDS, {"first": 0})
    # then
    assert industry["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert region["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert college["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert first["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_roles_see_only_the_bridges_in_their_scope(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    # when
    alumnus = await api.post(OPEN_NEEDS, {}, role=Role.ALUMNUS, alumnus="a-cs-1")
    officer = await api.data(OPEN_NEEDS, {"kind": "TECH"}, role=Role.COLLEGE_OFFICER, college="EE")
    organizer = await api.data(OPEN_NEEDS, {"kind": "TECH"}, role=Role.CHAPTER_ORGANIZER, chapter="SZ")
    # then: the EE officer sees their graduate and the directory-consenting founder, not the CS staff
    assert alumnus["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert [b["alumnus"]["externalId"] for b in officer["openNeeds"][0]["bridges"]] == ["CS0001", "EE0001"]
    assert [b["alumnus"]["externalId"] for b in organizer["openNeeds"][0]["bridges"]] == ["CS0001"]
