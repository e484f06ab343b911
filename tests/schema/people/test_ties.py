"""Education, class liaisons, residence and acquaintances: add, remove, scope and audit."""

from __future__ import annotations

import json

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import audit_entries, count, errors_of, gid, given_alumni, given_institutions, mutate

ADD_EDUCATION = """
mutation A($input: AddEducationInput!) {
  addEducation(input: $input) { alumnus { education { code } } class { code } userErrors { field code message } }
}
"""
REMOVE_EDUCATION = """
mutation R($input: RemoveEducationInput!) {
  removeEducation(input: $input) { alumnus { education { code } } class { code } userErrors { field code message } }
}
"""
ADD_LIAISON = """
mutation A($input: AddLiaisonInput!) {
  addLiaison(input: $input) { alumnus { liaisonFor { code } } class { liaisons { externalId } } userErrors { field code } }
}
"""
REMOVE_LIAISON = """
mutation R($input: RemoveLiaisonInput!) {
  removeLiaison(input: $input) { class { liaisons { externalId } } userErrors { field code } }
}
"""
SET_RESIDENCE = """
mutation S($input: SetResidenceInput!) {
  setResidence(input: $input) { alumnus { city { code } } userErrors { field code message } }
}
"""
ADD_ACQUAINTANCE = """
mutation A($input: AddAcquaintanceInput!) {
  addAcquaintance(input: $input) {
    alumnus { acquaintances { alumnus { externalId } kind strength } }
    other { acquaintances { alumnus { externalId } } }
    userErrors { field code message }
  }
}
"""
REMOVE_ACQUAINTANCE = """
mutation R($input: RemoveAcquaintanceInput!) {
  removeAcquaintance(input: $input) { alumnus { acquaintances { kind } } userErrors { field code message } }
}
"""

OFFICER = {"role": Role.COLLEGE_OFFICER, "college": "CS"}


def pair(alumnus: str, klass: str) -> dict[str, str]:
    """An alumnus-and-class input."""
    return {"alumnus": gid("Alumnus", alumnus), "class": gid("Class", klass)}


async def test_add_and_remove_education(api: Api, db: Database) -> None:
    # given a-1 studies in CS-2015
    await given_institutions(db)
    await given_alumni(db, 1)
    # when
    added = await mutate(api, ADD_EDUCATION, "addEducation", pair("a-1", "cls-ee10"))
    again = await mutate(api, ADD_EDUCATION, "addEducation", pair("a-1", "cls-ee10"))
    removed = await mutate(api, REMOVE_EDUCATION, "removeEducation", pair("a-1", "cls-cs15"))
    absent = await mutate(api, REMOVE_EDUCATION, "removeEducation", pair("a-1", "cls-cs15"))
    # then
    assert added == {
        "alumnus": {"education": [{"code": "EE-2010"}, {"code": "CS-2015"}]},
        "class": {"code": "EE-2010"},
        "userErrors": [],
    }
    assert errors_of(again) == {("input", "class"): "DUPLICATE"}
    assert removed["alumnus"] == {"education": [{"code": "EE-2010"}]}
    assert errors_of(absent) == {("input", "class"): "NOT_FOUND"}
    [entry] = await audit_entries(db, "addEducation")
    assert entry["nodeIds"] == ["a-1", "cls-ee10"]
    assert len(await audit_entries(db, "removeEducation")) == 1


async def test_education_refuses_unknown_and_mistyped_ids(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    await given_alumni(db, 1)
    # when
    unknown = await mutate(api, ADD_EDUCATION, "addEducation", pair("nobody", "nothing"))
    mistyped = await mutate(
        api, ADD_EDUCATION, "addEducation", {"alumnus": gid("Class", "cls-cs10"), "class": "not-an-id"}
    )
    # then
    assert errors_of(unknown) == {("input", "alumnus"): "NOT_FOUND"}
    assert errors_of(mistyped) == {("input", "alumnus"): "INVALID", ("input", "class"): "INVALID"}
    assert await audit_entries(db, "addEducation") == []


async def test_an_officer_links_own_alumni_to_own_classes_only(api: Api, db: Database) -> None:
    # given a-1 in CS-2015 (CS), a-2 in EE-2010 (EE)
    await given_institutions(db)
    await given_alumni(db, 2)
    # when
    own = await mutate(api, ADD_EDUCATION, "addEducation", pair("a-1", "cls-cs10"), **OFFICER)
    other_class = await mutate(api, ADD_EDUCATION, "addEducation", pair("a-1", "cls-ee10"), **OFFICER)
    other_alumnus = await mutate(api, ADD_EDUCATION, "addEducation", pair("a-2", "cls-cs10"), **OFFICER)
    # then
    assert own["userErrors"] == []
    assert errors_of(other_class) == {("input", "class"): "FORBIDDEN"}
    assert errors_of(other_alumnus) == {("input", "alumnus"): "NOT_FOUND"}
    assert await count(db, "MATCH (:Alumnus {id: 'a-2'})-[r:STUDIED_IN]->() RETURN count(r) AS n") == 1


async def test_add_and_remove_a_liaison(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    await given_alumni(db, 3)
    # when
    added = await mutate(api, ADD_LIAISON, "addLiaison", pair("a-3", "cls-cs10"))
    removed = await mutate(api, REMOVE_LIAISON, "removeLiaison", pair("a-3", "cls-cs10"))
    absent = await mutate(api, REMOVE_LIAISON, "removeLiaison", pair("a-3", "cls-cs10"))
    # then
    assert added["alumnus"] == {"liaisonFor": [{"code": "CS-2010"}]}
    assert added["class"] == {"liaisons": [{"externalId": "S0003"}]}
    assert removed == {"class": {"liaisons": []}, "userErrors": []}
    assert errors_of(absent) == {("input", "class"): "NOT_FOUND"}
    assert len(await audit_entries(db, "addLiaison")) == 1


async def test_set_residence_replaces_and_clears(api: Api, db: Database) -> None:
    # given a-1 lives in Shenzhen
    await given_institutions(db)
    await given_alumni(db, 1)
    beijing = (await db.read_rows("MATCH (r:Region {code: '110000'}) RETURN r.id AS id"))[0]["id"]
    # when
    moved = await mutate(
        api,
        SET_RESIDENCE,
        "setResidence",
        {"alumnus": gid("Alumnus", "a-1"), "region": gid("Region", beijing)},
    )
    cleared = await mutate(
        api, SET_RESIDENCE, "setResidence", {"alumnus": gid("Alumnus", "a-1"), "region": None}
    )
    unknown = await mutate(
        api, SET_RESIDENCE, "setResidence", {"alumnus": gid("Alumnus", "a-1"), "region": gid("Region", "x")}
    )
    # then
    assert moved == {"alumnus": {"city": {"code": "110000"}}, "userErrors": []}
    assert cleared == {"alumnus": {"city": None}, "userErrors": []}
    assert errors_of(unknown) == {("input", "region"): "NOT_FOUND"}
    entries = await audit_entries(db, "setResidence")
    assert [json.loads(e["changes"])["region"][1] for e in entries] == [beijing, None]


async def test_acquaintance_is_one_tie_per_pair_read_from_both_sides(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    await given_alumni(db, 2)
    ids = {"alumnus": gid("Alumnus", "a-1"), "other": gid("Alumnus", "a-2")}
    reverse = {"alumnus": ids["other"], "other": ids["alumnus"]}
    # when
    added = await mutate(api, ADD_ACQUAINTANCE, "addAcquaintance", ids | {"kind": "MENTOR", "strength": 5})
    reversed_again = await mutate(api, ADD_ACQUAINTANCE, "addAcquaintance", reverse)
    # then
    assert added["alumnus"] == {
        "acquaintances": [{"alumnus": {"externalId": "S0002"}, "kind": "MENTOR", "strength": 5}]
    }
    assert added["other"] == {"acquaintances": [{"alumnus": {"externalId": "S0001"}}]}
    assert errors_of(reversed_again) == {("input", "other"): "DUPLICATE"}
    assert await count(db, "MATCH ()-[k:KNOWS]->() RETURN count(k) AS n") == 1


async def test_acquaintance_input_rules(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    await given_alumni(db, 2)
    me = gid("Alumnus", "a-1")
    # when
    self_loop = await mutate(api, ADD_ACQUAINTANCE, "addAcquaintance", {"alumnus": me, "other": me})
    strength = await mutate(
        api,
        ADD_ACQUAINTANCE,
        "addAcquaintance",
        {"alumnus": me, "other": gid("Alumnus", "a-2"), "strength": 9},
    )
    # then
    assert errors_of(self_loop) == {("input", "other"): "INVALID"}
    assert errors_of(strength) == {("input", "strength"): "OUT_OF_RANGE"}
    assert await count(db, "MATCH ()-[k:KNOWS]->() RETURN count(k) AS n") == 0


async def test_remove_acquaintance_recorded_in_either_direction(api: Api, db: Database) -> None:
    # given a-2 recorded that they know a-1
    await given_institutions(db)
    await given_alumni(db, 2)
    await db.write_rows(
        "MATCH (a:Alumnus {id: 'a-1'}), (b:Alumnus {id: 'a-2'}) CREATE (b)-[:KNOWS {kind: 'FRIEND'}]->(a)"
    )
    ids = {"alumnus": gid("Alumnus", "a-1"), "other": gid("Alumnus", "a-2")}
    # when
    removed = await mutate(api, REMOVE_ACQUAINTANCE, "removeAcquaintance", ids)
    again = await mutate(api, REMOVE_ACQUAINTANCE, "removeAcquaintance", ids)
    # then
    assert removed == {"alumnus": {"acquaintances": []}, "userErrors": []}
    assert errors_of(again) == {("input", "other"): "NOT_FOUND"}
    [entry] = await audit_entries(db, "removeAcquaintance")
    assert json.loads(entry["changes"])["kind"] == ["FRIEND", None]


async def test_an_officer_records_acquaintances_of_own_alumni_with_anyone_visible(
    api: Api, db: Database
) -> None:
    # given a-1 (CS), a-2 (EE, in the directory), a-5 (EE, not in the directory)
    await given_institutions(db)
    await given_alumni(db, 5)
    await db.write_rows("MATCH (a:Alumnus {id: 'a-2'}) SET a.consentDirectory = true")
    # when
    visible = await mutate(
        api,
        ADD_ACQUAINTANCE,
        "addAcquaintance",
        {"alumnus": gid("Alumnus", "a-1"), "other": gid("Alumnus", "a-2")},
        **OFFICER,
    )
    hidden = await mutate(
        api,
        ADD_ACQUAINTANCE,
        "addAcquaintance",
        {"alumnus": gid("Alumnus", "a-1"), "other": gid("Alumnus", "a-5")},
        **OFFICER,
    )
    not_mine = await mutate(
        api,
        ADD_ACQUAINTANCE,
        "addAcquaintance",
        {"alumnus": gid("Alumnus", "a-2"), "other": gid("Alumnus", "a-1")},
        **OFFICER,
    )
    # then
    assert visible["userErrors"] == []
    assert errors_of(hidden) == {("input", "other"): "NOT_FOUND"}
    assert errors_of(not_mine) == {("input", "alumnus"): "FORBIDDEN"}
