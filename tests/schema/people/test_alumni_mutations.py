"""createAlumnus with classes and city, updateAlumnus, deleteAlumnus: input rules, scope, audit."""

from __future__ import annotations

import json

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import audit_entries, count, errors_of, gid, given_alumni, given_institutions, mutate

CREATE = """
mutation Create($input: CreateAlumnusInput!) {
  createAlumnus(input: $input) {
    alumnus { id externalId name email education { code } city { code } }
    userErrors { field code message }
  }
}
"""

UPDATE = """
mutation Update($input: UpdateAlumnusInput!) {
  updateAlumnus(input: $input) {
    alumnus { id externalId name gender birthYear kinds email phone notable notableNote consentContact }
    userErrors { field code message }
  }
}
"""

DELETE = """
mutation Delete($input: DeleteAlumnusInput!) {
  deleteAlumnus(input: $input) { deletedId userErrors { field code message } }
}
"""


async def test_create_alumnus_with_classes_and_city(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    shenzhen = (await db.read_rows("MATCH (r:Region {code: '440300'}) RETURN r.id AS id"))[0]["id"]
    # when
    payload = await mutate(
        api,
        CREATE,
        "createAlumnus",
        {
            "externalId": "2015001",
            "name": "陈静",
            "education": [gid("Class", "cls-cs15"), gid("Class", "cls-ee10")],
            "city": gid("Region", shenzhen),
        },
    )
    # then
    assert payload["userErrors"] == []
    assert payload["alumnus"]["education"] == [{"code": "EE-2010"}, {"code": "CS-2015"}]
    assert payload["alumnus"]["city"] == {"code": "440300"}
    rows = await db.read_rows(
        "MATCH (a:Alumnus {externalId: '2015001'}) RETURN a.namePinyin AS p, a.nameInitials AS i"
    )
    assert rows == [{"p": "chenjing chen jing", "i": "cj"}]


async def test_create_alumnus_refuses_unknown_and_foreign_ids(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    # when
    bad_type = await mutate(
        api,
        CREATE,
        "createAlumnus",
        {"externalId": "X1", "name": "甲", "education": [gid("College", "col-cs")]},
    )
    unknown = await mutate(
        api, CREATE, "createAlumnus", {"externalId": "X1", "name": "甲", "education": [gid("Class", "nope")]}
    )
    # then
    assert errors_of(bad_type) == {("input", "education", "0"): "INVALID"}
    assert errors_of(unknown) == {("input", "education", "0"): "NOT_FOUND"}
    assert await count(db, "MATCH (a:Alumnus) RETURN count(a) AS n") == 0


async def test_an_officer_creates_alumni_only_into_their_own_college(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    officer = {"role": Role.COLLEGE_OFFICER, "college": "CS"}
    # when
    no_class = await mutate(api, CREATE, "createAlumnus", {"externalId": "O1", "name": "乙"}, **officer)
    other = await mutate(
        api,
        CREATE,
        "createAlumnus",
        {"externalId": "O1", "name": "乙", "education": [gid("Class", "cls-ee10")]},
        **officer,
    )
    own = await mutate(
        api,
        CREATE,
        "createAlumnus",
        {"externalId": "O1", "name": "乙", "education": [gid("Class", "cls-cs10")]},
        **officer,
    )
    # then
    assert errors_of(no_class) == {("input", "education"): "REQUIRED"}
    assert errors_of(other) == {("input", "education", "0"): "FORBIDDEN"}
    assert own["userErrors"] == [] and own["alumnus"]["education"] == [{"code": "CS-2010"}]


async def test_update_changes_only_the_fields_given(api: Api, db: Database) -> None:
    # given a-2 with an email, consenting to contact
    await given_institutions(db)
    await given_alumni(db, 2)
    # when
    payload = await mutate(
        api,
        UPDATE,
        "updateAlumnus",
        {"id": gid("Alumnus", "a-2"), "name": "王小明", "phone": "+86 139-0013-9000", "birthYear": 1988},
    )
    # then
    assert payload["userErrors"] == []
    alumnus = payload["alumnus"]
    assert alumnus["name"] == "王小明"
    assert alumnus["phone"] == "+8613900139000"
    assert alumnus["birthYear"] == 1988
    assert alumnus["email"] == "a2@example.com"  # untouched
    assert alumnus["kinds"] == ["STUDENT"]
    rows = await db.read_rows("MATCH (a:Alumnus {id: 'a-2'}) RETURN a.namePinyin AS p, a.nameInitials AS i")
    assert rows == [{"p": "wangxiaoming wang xiao ming", "i": "wxm"}]


async def test_update_with_null_clears_a_field_and_email_is_normalised(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    await given_alumni(db, 2)
    # when
    cleared = await mutate(api, UPDATE, "updateAlumnus", {"id": gid("Alumnus", "a-2"), "email": None})
    changed = await mutate(
        api, UPDATE, "updateAlumnus", {"id": gid("Alumnus", "a-2"), "email": " New@Example.ORG "}
    )
    # then
    assert cleared["alumnus"]["email"] is None
    assert await count(db, "MATCH (a:Alumnus {id: 'a-2'}) WHERE a.email IS NULL RETURN count(a) AS n") == 0
    assert changed["alumnus"]["email"] == "new@example.org"


async def test_update_refuses_bad_values_and_changes_nothing(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    await given_alumni(db, 2)
    # when
    payload = await mutate(
        api,
        UPDATE,
        "updateAlumnus",
        {
            "id": gid("Alumnus", "a-1"),
            "name": " ",
            "email": "nope",
            "phone": "123",
            "birthYear": 1500,
            "kinds": [],
        },
    )
    # then
    assert payload["alumnus"] is None
    assert errors_of(payload) == {
        ("input", "name"): "REQUIRED",
        ("input", "email"): "INVALID",
        ("input", "phone"): "INVALID",
        ("input", "birthYear"): "OUT_OF_RANGE",
        ("input", "kinds"): "REQUIRED",
    }
    assert await count(db, "MATCH (a:Alumnus {id: 'a-1', name: '校友0001'}) RETURN count(a) AS n") == 1
    assert await audit_entries(db, "updateAlumnus") == []


async def test_update_to_a_taken_number_is_duplicate(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    await given_alumni(db, 2)
    # when
    taken = await mutate(api, UPDATE, "updateAlumnus", {"id": gid("Alumnus", "a-1"), "externalId": "S0002"})
    own = await mutate(api, UPDATE, "updateAlumnus", {"id": gid("Alumnus", "a-1"), "externalId": "S0001"})
    # then
    assert errors_of(taken) == {("input", "externalId"): "DUPLICATE"}
    assert own["userErrors"] == []


async def test_update_of_an_unknown_alumnus_is_not_found(api: Api, db: Database) -> None:
    # when
    missing = await mutate(api, UPDATE, "updateAlumnus", {"id": gid("Alumnus", "nobody"), "name": "丙"})
    wrong = await mutate(api, UPDATE, "updateAlumnus", {"id": gid("Class", "x"), "name": "丙"})
    # then
    assert errors_of(missing) == {("input", "id"): "NOT_FOUND"}
    assert errors_of(wrong) == {("input", "id"): "INVALID"}


async def test_update_is_audited_with_before_and_after(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    await given_alumni(db, 2)
    # when
    await mutate(
        api, UPDATE, "updateAlumnus", {"id": gid("Alumnus", "a-1"), "notable": True, "email": "x@example.com"}
    )
    # then
    [entry] = await audit_entries(db, "updateAlumnus")
    assert entry["nodeIds"] == ["a-1"]
    assert entry["actor"] == "test-admin"
    changes = json.loads(entry["changes"])
    assert changes["notable"] == [None, True]
    assert changes["email"] == ["<redacted>", "<redacted>"]


async def test_an_officer_edits_own_alumni_and_is_refused_others(api: Api, db: Database) -> None:
    # given a-1 in CS-2015, a-2 in EE-2010 (consented to the directory, so visible to all officers), a-5 in EE
    await given_institutions(db)
    await given_alumni(db, 5)
    await db.write_rows("MATCH (a:Alumnus {id: 'a-2'}) SET a.consentDirectory = true")
    officer = {"role": Role.COLLEGE_OFFICER, "college": "CS"}
    # when
    own = await mutate(
        api, UPDATE, "updateAlumnus", {"id": gid("Alumnus", "a-1"), "notable": True}, **officer
    )
    visible = await mutate(
        api, UPDATE, "updateAlumnus", {"id": gid("Alumnus", "a-2"), "notable": True}, **officer
    )
    hidden = await mutate(
        api, UPDATE, "updateAlumnus", {"id": gid("Alumnus", "a-5"), "notable": True}, **officer
    )
    # then
    assert own["userErrors"] == [] and own["alumnus"]["notable"] is True
    assert errors_of(visible) == {("input", "id"): "FORBIDDEN"}
    assert errors_of(hidden) == {("input", "id"): "NOT_FOUND"}
    assert await count(db, "MATCH (a:Alumnus) WHERE a.notable RETURN count(a) AS n") == 1


async def test_other_roles_may_not_edit_alumni(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    await given_alumni(db, 1)
    # when
    body = await api.post(
        UPDATE, {"input": {"id": gid("Alumnus", "a-1"), "notable": True}}, role=Role.FUNDRAISER
    )
    # then
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_delete_is_refused_while_the_alumnus_has_ties(api: Api, db: Database) -> None:
    # given a-1 studies in a class, lives in a city and is a chapter member
    await given_institutions(db)
    await given_alumni(db, 1)
    # when
    payload = await mutate(api, DELETE, "deleteAlumnus", {"id": gid("Alumnus", "a-1")})
    # then
    assert payload["deletedId"] is None
    assert errors_of(payload) == {("input", "id"): "IN_USE"}
    assert "STUDIED_IN" in payload["userErrors"][0]["message"]
    assert await count(db, "MATCH (a:Alumnus) RETURN count(a) AS n") == 1


async def test_delete_with_detach_removes_the_ties_but_no_other_node(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    await given_alumni(db, 1)
    # when
    payload = await mutate(api, DELETE, "deleteAlumnus", {"id": gid("Alumnus", "a-1"), "detach": True})
    # then
    assert payload == {"deletedId": gid("Alumnus", "a-1"), "userErrors": []}
    assert await count(db, "MATCH (a:Alumnus) RETURN count(a) AS n") == 0
    assert await count(db, "MATCH (c:Class) RETURN count(c) AS n") == 3
    assert await count(db, "MATCH (c:Chapter) RETURN count(c) AS n") == 6
    [entry] = await audit_entries(db, "deleteAlumnus")
    assert json.loads(entry["changes"])["links"][0] == {"LIVES_IN": 1, "MEMBER_OF": 1, "STUDIED_IN": 1}


async def test_delete_of_an_unlinked_alumnus_needs_no_detach(api: Api, db: Database) -> None:
    # given
    created = await mutate(api, CREATE, "createAlumnus", {"externalId": "L1", "name": "丁"})
    # when
    payload = await mutate(api, DELETE, "deleteAlumnus", {"id": created["alumnus"]["id"]})
    # then
    assert payload["userErrors"] == []
    assert await count(db, "MATCH (a:Alumnus) RETURN count(a) AS n") == 0


async def test_only_the_office_deletes_alumni(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    await given_alumni(db, 1)
    # when
    body = await api.post(
        DELETE, {"input": {"id": gid("Alumnus", "a-1")}}, role=Role.COLLEGE_OFFICER, college="CS"
    )
    # then
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_an_id_of_another_type_is_named_the_same_way_everywhere(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    college = (await db.read_rows("MATCH (c:College) RETURN c.id AS id LIMIT 1"))[0]["id"]
    # when: a College ID where an Alumnus is expected, in a mutation input and in a root argument
    update = await api.post(UPDATE, {"input": {"id": gid("College", college), "name": "x"}})
    recommend = await api.post(
        "query($id: ID!) { chapterRecommendations(alumnus: $id) { rank } }", {"id": gid("College", college)}
    )
    # then
    assert update["data"]["updateAlumnus"]["userErrors"] == [
        {"field": ["input", "id"], "code": "INVALID", "message": "expected the ID of an Alumnus"}
    ]
    assert recommend["errors"][0]["message"] == "expected the ID of an Alumnus"
    assert recommend["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
