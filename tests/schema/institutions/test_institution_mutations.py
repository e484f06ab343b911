"""Colleges and classes: create, update, delete; codes, years, scope, IN_USE and audit."""

from __future__ import annotations

import json

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import audit_entries, count, errors_of, gid, given_alumni, given_institutions, mutate

CREATE_COLLEGE = """
mutation C($input: CreateCollegeInput!) {
  createCollege(input: $input) { college { id code name } userErrors { field code message } }
}
"""
UPDATE_COLLEGE = """
mutation U($input: UpdateCollegeInput!) {
  updateCollege(input: $input) { college { code name } userErrors { field code message } }
}
"""
DELETE_COLLEGE = """
mutation D($input: DeleteCollegeInput!) {
  deleteCollege(input: $input) { deletedId userErrors { field code message } }
}
"""
CREATE_CLASS = """
mutation C($input: CreateClassInput!) {
  createClass(input: $input) {
    class { id code name degree major entryYear graduationYear college { code } }
    userErrors { field code message }
  }
}
"""
UPDATE_CLASS = """
mutation U($input: UpdateClassInput!) {
  updateClass(input: $input) {
    class { code name major entryYear graduationYear college { code } }
    userErrors { field code message }
  }
}
"""
DELETE_CLASS = """
mutation D($input: DeleteClassInput!) {
  deleteClass(input: $input) { deletedId userErrors { field code message } }
}
"""

OFFICER = {"role": Role.COLLEGE_OFFICER, "college": "CS"}


def new_class(**overrides: object) -> dict[str, object]:
    """A valid createClass input for the CS college."""
    data: dict[str, object] = {
        "code": "CS-2020",
        "name": "计算机2020级",
        "college": gid("College", "col-cs"),
        "degree": "MASTER",
        "major": "软件工程",
        "entryYear": 2017,
        "graduationYear": 2020,
    }
    return data | overrides


async def test_create_college_and_refuse_its_code_twice(api: Api, db: Database) -> None:
    # when
    created = await mutate(api, CREATE_COLLEGE, "createCollege", {"code": "MED", "name": "医学院"})
    again = await mutate(api, CREATE_COLLEGE, "createCollege", {"code": "MED", "name": "另一个"})
    bad = await mutate(api, CREATE_COLLEGE, "createCollege", {"code": "has space", "name": ""})
    # then
    assert created["userErrors"] == [] and created["college"]["code"] == "MED"
    assert errors_of(again) == {("input", "code"): "DUPLICATE"}
    assert errors_of(bad) == {("input", "code"): "INVALID", ("input", "name"): "REQUIRED"}
    assert await count(db, "MATCH (c:College) RETURN count(c) AS n") == 1
    [entry] = await audit_entries(db, "createCollege")
    assert json.loads(entry["changes"])["code"] == [None, "MED"]


async def test_update_college_changes_given_fields_only(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    # when
    renamed = await mutate(
        api, UPDATE_COLLEGE, "updateCollege", {"id": gid("College", "col-cs"), "name": "计算机科学学院"}
    )
    clash = await mutate(api, UPDATE_COLLEGE, "updateCollege", {"id": gid("College", "col-cs"), "code": "EE"})
    missing = await mutate(api, UPDATE_COLLEGE, "updateCollege", {"id": gid("College", "gone"), "name": "x"})
    # then
    assert renamed == {"college": {"code": "CS", "name": "计算机科学学院"}, "userErrors": []}
    assert errors_of(clash) == {("input", "code"): "DUPLICATE"}
    assert errors_of(missing) == {("input", "id"): "NOT_FOUND"}
    assert len(await audit_entries(db, "updateCollege")) == 1


async def test_null_for_a_field_that_may_only_be_left_out_is_bad_input(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    api.reset_count()
    # when a client sends null for a name (which can be changed, never removed)
    body = await api.post(UPDATE_COLLEGE, {"input": {"id": gid("College", "col-cs"), "name": None}})
    # then a coded error in the request's own words, no Cypher, nothing changed
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "cannot be explicitly set to null" in error["message"]
    assert api.statements == 0
    assert (
        await count(db, "MATCH (c:College {code: 'CS'}) WHERE c.name IS NOT NULL RETURN count(c) AS n") == 1
    )
    assert await audit_entries(db, "updateCollege") == []


async def test_colleges_are_the_offices_to_change(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    # when
    variables = {"input": {"id": gid("College", "col-cs"), "name": "x"}}
    body = await api.post(UPDATE_COLLEGE, variables, role=Role.COLLEGE_OFFICER, college="CS")
    # then
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_delete_college_never_orphans_classes_even_with_detach(api: Api, db: Database) -> None:
    # given CS owns two classes and the CS chapter
    await given_institutions(db)
    # when
    payload = await mutate(
        api, DELETE_COLLEGE, "deleteCollege", {"id": gid("College", "col-cs"), "detach": True}
    )
    # then
    assert errors_of(payload) == {("input", "id"): "IN_USE"}
    assert "OF_COLLEGE" in payload["userErrors"][0]["message"]
    assert await count(db, "MATCH (c:College {id: 'col-cs'}) RETURN count(c) AS n") == 1


async def test_delete_college_with_only_staff_links_needs_detach(api: Api, db: Database) -> None:
    # given a college with no classes where a-1 worked
    await given_institutions(db)
    await given_alumni(db, 1)
    await db.write_rows(
        "CREATE (m:College {id: 'col-med', code: 'MED', name: '医学院'})"
        " WITH m MATCH (a:Alumnus {id: 'a-1'}) CREATE (a)-[:WORKED_AT_SCHOOL]->(m)"
    )
    # when
    refused = await mutate(api, DELETE_COLLEGE, "deleteCollege", {"id": gid("College", "col-med")})
    detached = await mutate(
        api, DELETE_COLLEGE, "deleteCollege", {"id": gid("College", "col-med"), "detach": True}
    )
    # then
    assert errors_of(refused) == {("input", "id"): "IN_USE"}
    assert detached == {"deletedId": gid("College", "col-med"), "userErrors": []}
    assert await count(db, "MATCH (a:Alumnus) RETURN count(a) AS n") == 1
    assert len(await audit_entries(db, "deleteCollege")) == 1


async def test_create_class_in_a_college(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    # when
    payload = await mutate(api, CREATE_CLASS, "createClass", new_class())
    # then
    assert payload["userErrors"] == []
    assert payload["class"]["college"] == {"code": "CS"}
    assert payload["class"]["degree"] == "MASTER"
    assert len(await audit_entries(db, "createClass")) == 1


async def test_create_class_checks_years_code_and_college(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    # when
    years = await mutate(api, CREATE_CLASS, "createClass", new_class(entryYear=2021, graduationYear=2020))
    range_ = await mutate(api, CREATE_CLASS, "createClass", new_class(graduationYear=3000))
    taken = await mutate(api, CREATE_CLASS, "createClass", new_class(code="CS-2010"))
    college = await mutate(api, CREATE_CLASS, "createClass", new_class(college=gid("College", "none")))
    # then
    assert errors_of(years) == {("input", "entryYear"): "OUT_OF_RANGE"}
    assert errors_of(range_) == {("input", "graduationYear"): "OUT_OF_RANGE"}
    assert errors_of(taken) == {("input", "code"): "DUPLICATE"}
    assert errors_of(college) == {("input", "college"): "NOT_FOUND"}
    assert await count(db, "MATCH (c:Class) RETURN count(c) AS n") == 3


async def test_an_officer_creates_and_edits_classes_of_their_college_only(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    # when
    own = await mutate(api, CREATE_CLASS, "createClass", new_class(), **OFFICER)
    other = await mutate(
        api,
        CREATE_CLASS,
        "createClass",
        new_class(code="EE-2020", college=gid("College", "col-ee")),
        **OFFICER,
    )
    edit_other = await mutate(
        api, UPDATE_CLASS, "updateClass", {"id": gid("Class", "cls-ee10"), "name": "x"}, **OFFICER
    )
    move_away = await mutate(
        api,
        UPDATE_CLASS,
        "updateClass",
        {"id": gid("Class", "cls-cs10"), "college": gid("College", "col-ee")},
        **OFFICER,
    )
    # then
    assert own["userErrors"] == []
    assert errors_of(other) == {("input", "college"): "FORBIDDEN"}
    assert errors_of(edit_other) == {("input", "id"): "FORBIDDEN"}
    assert errors_of(move_away) == {("input", "college"): "FORBIDDEN"}
    assert (
        await count(
            db, "MATCH (:Class {id: 'cls-cs10'})-[:OF_COLLEGE]->(:College {code: 'CS'}) RETURN count(*) AS n"
        )
        == 1
    )


async def test_update_class_checks_the_years_it_ends_up_with(api: Api, db: Database) -> None:
    # given CS-2010 entered 2006, graduated 2010
    await given_institutions(db)
    # when
    late_entry = await mutate(
        api, UPDATE_CLASS, "updateClass", {"id": gid("Class", "cls-cs10"), "entryYear": 2011}
    )
    fine = await mutate(
        api,
        UPDATE_CLASS,
        "updateClass",
        {"id": gid("Class", "cls-cs10"), "graduationYear": 2011, "major": None},
    )
    # then
    assert errors_of(late_entry) == {("input", "entryYear"): "OUT_OF_RANGE"}
    assert fine["userErrors"] == []
    assert fine["class"] == {
        "code": "CS-2010",
        "name": "计算机2010级",
        "major": None,
        "entryYear": 2006,
        "graduationYear": 2011,
        "college": {"code": "CS"},
    }


async def test_move_a_class_to_another_college(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    # when
    payload = await mutate(
        api,
        UPDATE_CLASS,
        "updateClass",
        {"id": gid("Class", "cls-cs10"), "college": gid("College", "col-ee")},
    )
    # then
    assert payload["class"]["college"] == {"code": "EE"}
    assert await count(db, "MATCH (:Class {id: 'cls-cs10'})-[r:OF_COLLEGE]->() RETURN count(r) AS n") == 1


async def test_delete_class_is_refused_while_alumni_study_in_it_unless_detached(
    api: Api, db: Database
) -> None:
    # given a-3 studies in CS-2010, a-1 in CS-2015
    await given_institutions(db)
    await given_alumni(db, 3)
    # when
    refused = await mutate(api, DELETE_CLASS, "deleteClass", {"id": gid("Class", "cls-cs10")})
    detached = await mutate(
        api, DELETE_CLASS, "deleteClass", {"id": gid("Class", "cls-cs10"), "detach": True}
    )
    also_used = await mutate(
        api, DELETE_CLASS, "deleteClass", {"id": gid("Class", "cls-cs15"), "detach": False}
    )
    # then
    assert errors_of(refused) == {("input", "id"): "IN_USE"}
    assert detached["userErrors"] == []
    assert errors_of(also_used) == {("input", "id"): "IN_USE"}
    assert await count(db, "MATCH (a:Alumnus) RETURN count(a) AS n") == 3
    assert await count(db, "MATCH (c:Class) RETURN count(c) AS n") == 2


async def test_delete_an_empty_class_needs_no_detach(api: Api, db: Database) -> None:
    # given a class nobody studied in (its own college link does not count)
    await given_institutions(db)
    # when
    payload = await mutate(api, DELETE_CLASS, "deleteClass", {"id": gid("Class", "cls-cs15")})
    # then
    assert payload["userErrors"] == []
    assert await count(db, "MATCH (c:College {code: 'CS'}) RETURN count(c) AS n") == 1
