"""Staff posts and chapter memberships: add, change, end or remove; role rules, scope and audit."""

from __future__ import annotations

import json

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import audit_entries, count, errors_of, gid, given_alumni, given_institutions, mutate

ADD_STAFF = """
mutation A($input: AddStaffRoleInput!) {
  addStaffRole(input: $input) {
    alumnus { staffRoles { college { code } title startYear endYear current } }
    college { code }
    userErrors { field code message }
  }
}
"""
END_STAFF = """
mutation E($input: EndStaffRoleInput!) {
  endStaffRole(input: $input) { alumnus { staffRoles { endYear current } } userErrors { field code message } }
}
"""
REMOVE_STAFF = """
mutation R($input: RemoveStaffRoleInput!) {
  removeStaffRole(input: $input) { alumnus { staffRoles { title } } userErrors { field code message } }
}
"""
ADD_MEMBERSHIP = """
mutation A($input: AddMembershipInput!) {
  addMembership(input: $input) {
    membership { role sinceYear alumnus { externalId } chapter { code } }
    userErrors { field code message }
  }
}
"""
UPDATE_MEMBERSHIP = """
mutation U($input: UpdateMembershipInput!) {
  updateMembership(input: $input) {
    membership { role sinceYear chapter { officers { role alumnus { externalId } } } }
    userErrors { field code message }
  }
}
"""
REMOVE_MEMBERSHIP = """
mutation R($input: RemoveMembershipInput!) {
  removeMembership(input: $input) {
    alumnus { memberships { chapter { code } } }
    chapter { members { totalCount } }
    userErrors { field code message }
  }
}
"""


def staff(alumnus: str, college: str, **extra: object) -> dict[str, object]:
    """A staff-post input."""
    return {"alumnus": gid("Alumnus", alumnus), "college": gid("College", college)} | extra


def member(alumnus: str, chapter: str, **extra: object) -> dict[str, object]:
    """A membership input."""
    return {"alumnus": gid("Alumnus", alumnus), "chapter": gid("Chapter", chapter)} | extra


async def test_add_end_and_remove_a_staff_post(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    await given_alumni(db, 1)
    # when
    added = await mutate(api, ADD_STAFF, "addStaffRole", staff("a-1", "col-cs", title="助教", startYear=2016))
    again = await mutate(api, ADD_STAFF, "addStaffRole", staff("a-1", "col-cs"))
    ended = await mutate(api, END_STAFF, "endStaffRole", staff("a-1", "col-cs", endYear=2020))
    removed = await mutate(api, REMOVE_STAFF, "removeStaffRole", staff("a-1", "col-cs"))
    # then
    assert added["alumnus"]["staffRoles"] == [
        {"college": {"code": "CS"}, "title": "助教", "startYear": 2016, "endYear": None, "current": True}
    ]
    assert added["college"] == {"code": "CS"}
    assert errors_of(again) == {("input", "college"): "DUPLICATE"}
    assert ended["alumnus"]["staffRoles"] == [{"endYear": 2020, "current": False}]
    assert removed == {"alumnus": {"staffRoles": []}, "userErrors": []}
    [entry] = await audit_entries(db, "endStaffRole")
    assert json.loads(entry["changes"])["endYear"] == [None, 2020]


async def test_staff_post_years_are_checked(api: Api, db: Database) -> None:
    # given a post since 2016
    await given_institutions(db)
    await given_alumni(db, 1)
    await mutate(api, ADD_STAFF, "addStaffRole", staff("a-1", "col-cs", startYear=2016))
    # when
    backwards = await mutate(
        api, ADD_STAFF, "addStaffRole", staff("a-1", "col-ee", startYear=2016, endYear=2010)
    )
    early_end = await mutate(api, END_STAFF, "endStaffRole", staff("a-1", "col-cs", endYear=2015))
    no_post = await mutate(api, END_STAFF, "endStaffRole", staff("a-1", "col-ee", endYear=2020))
    # then
    assert errors_of(backwards) == {("input", "startYear"): "OUT_OF_RANGE"}
    assert errors_of(early_end) == {("input", "endYear"): "OUT_OF_RANGE"}
    assert errors_of(no_post) == {("input", "college"): "NOT_FOUND"}
    assert (
        await count(db, "MATCH ()-[r:WORKED_AT_SCHOOL]->() WHERE r.endYear IS NULL RETURN count(r) AS n") == 1
    )


async def test_an_officer_records_posts_at_their_own_college_only(api: Api, db: Database) -> None:
    # given a-1 studied at CS
    await given_institutions(db)
    await given_alumni(db, 1)
    officer = {"role": Role.COLLEGE_OFFICER, "college": "CS"}
    # when
    own = await mutate(api, ADD_STAFF, "addStaffRole", staff("a-1", "col-cs"), **officer)
    other = await mutate(api, ADD_STAFF, "addStaffRole", staff("a-1", "col-ee"), **officer)
    # then
    assert own["userErrors"] == []
    assert errors_of(other) == {("input", "college"): "FORBIDDEN"}


async def test_add_membership_with_role_and_year(api: Api, db: Database) -> None:
    # given a-1 is a member of the CS chapter
    await given_institutions(db)
    await given_alumni(db, 2)
    # when
    added = await mutate(
        api, ADD_MEMBERSHIP, "addMembership", member("a-1", "ch-sz", role="SECRETARY", sinceYear=2018)
    )
    again = await mutate(api, ADD_MEMBERSHIP, "addMembership", member("a-1", "ch-cs"))
    year = await mutate(api, ADD_MEMBERSHIP, "addMembership", member("a-2", "ch-sz", sinceYear=1700))
    # then
    assert added == {
        "membership": {
            "role": "SECRETARY",
            "sinceYear": 2018,
            "alumnus": {"externalId": "S0001"},
            "chapter": {"code": "SZ"},
        },
        "userErrors": [],
    }
    assert errors_of(again) == {("input", "chapter"): "DUPLICATE"}
    assert errors_of(year) == {("input", "sinceYear"): "OUT_OF_RANGE"}
    [entry] = await audit_entries(db, "addMembership")
    assert entry["nodeIds"] == ["a-1", "ch-sz"]


async def test_a_chapter_has_one_president(api: Api, db: Database) -> None:
    # given a-1 and a-2 are members of the CS chapter
    await given_institutions(db)
    await given_alumni(db, 2)
    # when
    first = await mutate(api, UPDATE_MEMBERSHIP, "updateMembership", member("a-1", "ch-cs", role="PRESIDENT"))
    second = await mutate(
        api, UPDATE_MEMBERSHIP, "updateMembership", member("a-2", "ch-cs", role="PRESIDENT")
    )
    vice = await mutate(
        api,
        UPDATE_MEMBERSHIP,
        "updateMembership",
        member("a-2", "ch-cs", role="VICE_PRESIDENT", sinceYear=None),
    )
    # then
    assert first["membership"]["role"] == "PRESIDENT"
    assert errors_of(second) == {("input", "role"): "CONFLICT"}
    assert vice["membership"]["sinceYear"] is None
    assert vice["membership"]["chapter"]["officers"] == [
        {"role": "PRESIDENT", "alumnus": {"externalId": "S0001"}},
        {"role": "VICE_PRESIDENT", "alumnus": {"externalId": "S0002"}},
    ]


async def test_update_and_remove_need_an_existing_membership(api: Api, db: Database) -> None:
    # given a-1 is a member of the CS chapter only
    await given_institutions(db)
    await given_alumni(db, 1)
    # when
    update = await mutate(
        api, UPDATE_MEMBERSHIP, "updateMembership", member("a-1", "ch-gd", role="SECRETARY")
    )
    removed = await mutate(api, REMOVE_MEMBERSHIP, "removeMembership", member("a-1", "ch-cs"))
    again = await mutate(api, REMOVE_MEMBERSHIP, "removeMembership", member("a-1", "ch-cs"))
    # then
    assert errors_of(update) == {("input", "chapter"): "NOT_FOUND"}
    assert removed == {
        "alumnus": {"memberships": []},
        "chapter": {"members": {"totalCount": 0}},
        "userErrors": [],
    }
    assert errors_of(again) == {("input", "chapter"): "NOT_FOUND"}
    [entry] = await audit_entries(db, "removeMembership")
    assert json.loads(entry["changes"])["role"] == ["MEMBER", None]


async def test_an_officer_manages_memberships_of_own_alumni_only(api: Api, db: Database) -> None:
    # given a-1 (CS) and a-2 (EE)
    await given_institutions(db)
    await given_alumni(db, 2)
    officer = {"role": Role.COLLEGE_OFFICER, "college": "CS"}
    # when
    own = await mutate(api, ADD_MEMBERSHIP, "addMembership", member("a-1", "ch-bj"), **officer)
    other = await mutate(api, ADD_MEMBERSHIP, "addMembership", member("a-2", "ch-bj"), **officer)
    # then
    assert own["userErrors"] == []
    assert errors_of(other) == {("input", "alumnus"): "NOT_FOUND"}


async def test_members_connection_filters_by_role_and_hides_people_out_of_scope(
    api: Api, db: Database
) -> None:
    # given 6 members of the CS chapter: a-1 president; a-2, a-5 study at EE
    await given_institutions(db)
    await given_alumni(db, 6)
    await db.write_rows("MATCH (:Alumnus {id: 'a-1'})-[m:MEMBER_OF]->() SET m.role = 'PRESIDENT'")
    query = """
    query M($id: ID!, $role: MemberRole) {
      node(id: $id) { ... on Chapter { members(first: 10, role: $role) { totalCount nodes { alumnus { externalId } } } } }
    }
    """
    # when
    presidents = await api.data(query, {"id": gid("Chapter", "ch-cs"), "role": "PRESIDENT"})
    scoped = await api.data(query, {"id": gid("Chapter", "ch-cs")}, role=Role.COLLEGE_OFFICER, college="CS")
    # then
    assert presidents["node"]["members"] == {"totalCount": 1, "nodes": [{"alumnus": {"externalId": "S0001"}}]}
    assert [n["alumnus"]["externalId"] for n in scoped["node"]["members"]["nodes"]] == [
        "S0001",
        "S0003",
        "S0004",
        "S0006",
    ]
    assert scoped["node"]["members"]["totalCount"] == 4
