"""Cooperations (DESIGN §7) through GraphQL on the real Neo4j: CRUD, lists, fields and scopes."""

from __future__ import annotations

import json

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.cooperation_givens import given_answers, given_world
from tests.schema.given import audit_ops, count, error_paths, gid

CREATE = """
mutation($input: CreateCooperationInput!) {
  createCooperation(input: $input) {
    cooperation { id code status startDate valueCny company { name } college { code }
                  answers { description } brokers { externalId } }
    userErrors { field code message }
  }
}
"""
UPDATE = """
mutation($input: UpdateCooperationInput!) {
  updateCooperation(input: $input) {
    cooperation { code status endDate valueCny college { code } answers { description } }
    userErrors { field code message }
  }
}
"""
DELETE = """
mutation($id: ID!) { deleteCooperation(input: {id: $id}) { deletedId userErrors { field code } } }
"""
LIST = """
query($filter: CooperationFilter, $first: Int, $after: String) {
  cooperations(filter: $filter, first: $first, after: $after) {
    totalCount edges { node { code status } } pageInfo { hasNextPage endCursor }
  }
}
"""
FIELDS = """
{
  companies(first: 10) { edges { node { name cooperations { totalCount edges { node { code } } }
    needs { description answeredBy { code status } } } } }
}
"""
BROKERED = """query($id: ID!) { node(id: $id) { ... on Alumnus { brokered { code } } } }"""
COLLEGE_COOPS = """
query($id: ID!) { node(id: $id) { ... on College { cooperations { edges { node { code } } } } } }
"""


def _input(**extra: object) -> dict[str, object]:
    base: dict[str, object] = {
        "code": "K-1",
        "title": "视觉联合实验室",
        "kind": "RD_CENTER",
        "status": "ACTIVE",
        "company": gid("Company", "co-1"),
        "startDate": "2024-03-01",
        "valueCny": "150000.5",
        "college": gid("College", "col-cs"),
        "needs": [gid("Need", "n-tech")],
        "brokers": [gid("Alumnus", "a-cs-1")],
    }
    return base | extra


async def test_create_cooperation_with_its_links_and_an_audit_entry(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    # when
    out = (await api.data(CREATE, {"input": _input()}))["createCooperation"]
    # then
    assert out["userErrors"] == []
    coop = out["cooperation"]
    assert (coop["code"], coop["valueCny"], coop["company"]["name"], coop["college"]["code"]) == (
        "K-1",
        "150000.50",
        "甲科技",
        "CS",
    )
    assert [n["description"] for n in coop["answers"]] == ["视觉算法"]
    assert [b["externalId"] for b in coop["brokers"]] == ["CS0001"]
    ops = await audit_ops(db)
    assert [o["op"] for o in ops] == ["createCooperation"]
    assert json.loads(ops[0]["changes"])["code"] == [None, "K-1"]


async def test_bad_input_is_refused_with_user_errors_and_nothing_is_written(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    await api.data(CREATE, {"input": _input()})
    # when
    bad = await api.data(
        CREATE, {"input": _input(code="K-2", valueCny="12.345", startDate="2024-05-01", endDate="2024-01-01")}
    )
    foreign = await api.data(CREATE, {"input": _input(code="K-3", needs=[gid("Need", "n-c2")])})
    duplicate = await api.data(CREATE, {"input": _input()})
    wrong_id = await api.data(CREATE, {"input": _input(code="K-4", company=gid("College", "col-cs"))})
    # then
    assert error_paths(bad["createCooperation"]) == {
        "input.valueCny": "INVALID",
        "input.endDate": "OUT_OF_RANGE",
    }
    assert error_paths(foreign["createCooperation"]) == {"input.needs": "INVALID"}
    assert error_paths(duplicate["createCooperation"]) == {"input.code": "DUPLICATE"}
    assert error_paths(wrong_id["createCooperation"]) == {"input.company": "INVALID"}
    assert await count(db, "MATCH (n:Cooperation) RETURN count(n) AS n") == 1


async def test_update_replaces_links_and_delete_removes_it(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    created = (await api.data(CREATE, {"input": _input()}))["createCooperation"]["cooperation"]
    # when
    changed = await api.data(
        UPDATE,
        {
            "input": {
                "id": created["id"],
                "status": "COMPLETED",
                "endDate": "2024-12-31",
                "valueCny": None,
                "college": None,
                "needs": [gid("Need", "n-talent"), gid("Need", "n-legal")],
            }
        },
    )
    gone = await api.data(DELETE, {"id": created["id"]})
    # then
    coop = changed["updateCooperation"]["cooperation"]
    assert (coop["status"], coop["endDate"], coop["valueCny"], coop["college"]) == (
        "COMPLETED",
        "2024-12-31",
        None,
        None,
    )
    assert sorted(n["description"] for n in coop["answers"]) == ["合规", "招聘"]
    assert gone["deleteCooperation"]["deletedId"] == created["id"]
    assert await count(db, "MATCH (n:Cooperation) RETURN count(n) AS n") == 0
    assert [o["op"] for o in await audit_ops(db)] == [
        "createCooperation",
        "updateCooperation",
        "deleteCooperation",
    ]


async def test_a_college_officer_writes_only_their_college_s_cooperations(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    ee_officer = {"role": Role.COLLEGE_OFFICER, "college": "EE"}
    cs_officer = {"role": Role.COLLEGE_OFFICER, "college": "CS"}
    # when
    other = await api.data(CREATE, {"input": _input(brokers=[])}, **ee_officer)  # type: ignore[arg-type]
    none = await api.data(CREATE, {"input": _input(college=None, brokers=[])}, **cs_officer)  # type: ignore[arg-type]
    own = await api.data(CREATE, {"input": _input()}, **cs_officer)  # type: ignore[arg-type]
    coop_id = own["createCooperation"]["cooperation"]["id"]
    edit = await api.data(UPDATE, {"input": {"id": coop_id, "title": "x"}}, **ee_officer)  # type: ignore[arg-type]
    leave = await api.data(UPDATE, {"input": {"id": coop_id, "college": None}}, **cs_officer)  # type: ignore[arg-type]
    # then
    assert error_paths(other["createCooperation"]) == {"input.college": "FORBIDDEN"}
    assert error_paths(none["createCooperation"]) == {"input.college": "FORBIDDEN"}
    assert own["createCooperation"]["userErrors"] == []
    assert error_paths(edit["updateCooperation"]) == {"input.id": "FORBIDDEN"}
    assert error_paths(leave["updateCooperation"]) == {"input.college": "FORBIDDEN"}


async def test_the_list_filters_pages_and_counts(api: Api, db: Database) -> None:
    # given: four cooperations, all starting 2024-01-01
    await given_world(db)
    await given_answers(db)
    # when
    active = await api.data(LIST, {"filter": {"activeIn": 2024}})
    proposed = await api.data(LIST, {"filter": {"status": "PROPOSED", "company": gid("Company", "co-1")}})
    page = await api.data(LIST, {"first": 3})
    rest = await api.data(LIST, {"first": 3, "after": page["cooperations"]["pageInfo"]["endCursor"]})
    none = await api.data(LIST, {"filter": {"activeIn": 2023}})
    # then
    assert sorted(e["node"]["code"] for e in active["cooperations"]["edges"]) == ["k-active", "k-completed"]
    assert [e["node"]["code"] for e in proposed["cooperations"]["edges"]] == ["k-proposed"]
    assert page["cooperations"]["pageInfo"]["hasNextPage"] is True
    assert page["cooperations"]["totalCount"] == 4
    assert len(rest["cooperations"]["edges"]) == 1
    assert none["cooperations"]["totalCount"] == 0


async def test_nested_fields_are_batched(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    await given_answers(db)
    api.reset_count()
    # when
    data = await api.data(FIELDS)
    # then: companies, their cooperations page and count, needs, answers — one statement each
    by_name = {e["node"]["name"]: e["node"] for e in data["companies"]["edges"]}
    assert by_name["甲科技"]["cooperations"]["totalCount"] == 4
    assert by_name["乙科技"]["cooperations"]["totalCount"] == 0
    answered = {n["description"]: [k["status"] for k in n["answeredBy"]] for n in by_name["甲科技"]["needs"]}
    assert answered["融资"] == ["ACTIVE"]
    assert api.statements <= 6


async def test_every_role_but_alumnus_reads_cooperations(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    await api.data(CREATE, {"input": _input()})
    alumnus = {"role": Role.ALUMNUS, "alumnus": "a-cs-1"}
    # when
    listed = await api.post(LIST, {}, **alumnus)  # type: ignore[arg-type]
    nested = await api.data(FIELDS, **alumnus)  # type: ignore[arg-type]
    brokered = await api.data(BROKERED, {"id": gid("Alumnus", "a-cs-1")}, **alumnus)  # type: ignore[arg-type]
    fundraiser = await api.data(LIST, {}, role=Role.FUNDRAISER)
    organizer = await api.data(
        COLLEGE_COOPS, {"id": gid("College", "col-cs")}, role=Role.CHAPTER_ORGANIZER, chapter="SZ"
    )
    # then
    assert listed["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    for edge in nested["companies"]["edges"]:
        assert edge["node"]["cooperations"]["totalCount"] == 0
        assert all(n["answeredBy"] == [] for n in edge["node"]["needs"])
    assert brokered["node"]["brokered"] == []
    assert fundraiser["cooperations"]["totalCount"] == 1
    assert [e["node"]["code"] for e in organizer["node"]["cooperations"]["edges"]] == ["K-1"]


async def test_required_fields_cannot_be_cleared(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    coop_id = (await api.data(CREATE, {"input": _input()}))["createCooperation"]["cooperation"]["id"]
    # when
    out = await api.data(
        UPDATE, {"input": {"id": coop_id, "title": None, "startDate": None, "needs": None, "company": None}}
    )
    # then
    assert error_paths(out["updateCooperation"]) == {
        "input.title": "REQUIRED",
        "input.startDate": "REQUIRED",
        "input.needs": "REQUIRED",
        "input.company": "REQUIRED",
    }
    assert await count(db, "MATCH (n:Cooperation {title: '视觉联合实验室'}) RETURN count(n) AS n") == 1


DELETE_COMPANY = """
mutation($input: DeleteCompanyInput!) { deleteCompany(input: $input) { deletedId userErrors { field code message } } }
"""


async def test_a_company_with_cooperations_is_not_deleted_even_with_detach(api: Api, db: Database) -> None:
    # given co-1 with four cooperations answering its needs
    await given_world(db)
    await given_answers(db)
    # when the office deletes the company, detaching its links
    out = await api.data(DELETE_COMPANY, {"input": {"id": gid("Company", "co-1"), "detach": True}})
    # then it is refused and every cooperation keeps its company
    payload = out["deleteCompany"]
    assert payload["deletedId"] is None
    assert error_paths(payload) == {"input.id": "IN_USE"}
    assert "4 WITH" in payload["userErrors"][0]["message"]
    assert await count(db, "MATCH (k:Cooperation)-[:WITH]->(:Company {id: 'co-1'}) RETURN count(k) AS n") == 4
    assert "deleteCompany" not in [e["op"] for e in await audit_ops(db)]
