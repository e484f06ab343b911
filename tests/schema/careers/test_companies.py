"""Companies through HTTP: CRUD, industry and location, needs, filters, deletes and audit."""

from __future__ import annotations

import json

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import (
    audit_ops,
    count,
    credit_code,
    error_paths,
    gid,
    given_college_alumni,
    given_colleges,
    ref_id,
)

CREATE = """
mutation Create($input: CreateCompanyInput!) {
  createCompany(input: $input) {
    company { id creditCode name size website industry { code } city { code } alumniCount }
    userErrors { field code message }
  }
}
"""
UPDATE = """
mutation Update($input: UpdateCompanyInput!) {
  updateCompany(input: $input) {
    company { id creditCode name size website }
    userErrors { field code message }
  }
}
"""
DELETE = """
mutation Delete($input: DeleteCompanyInput!) {
  deleteCompany(input: $input) { deletedId userErrors { field code message } }
}
"""
SET_INDUSTRY = """
mutation Set($input: SetCompanyIndustryInput!) {
  setCompanyIndustry(input: $input) { company { industry { code } } userErrors { field code } }
}
"""
SET_LOCATION = """
mutation Set($input: SetCompanyLocationInput!) {
  setCompanyLocation(input: $input) { company { city { code } } userErrors { field code } }
}
"""
ADD_NEED = """
mutation Add($input: AddNeedInput!) {
  addNeed(input: $input) { need { id kind description company { name } } userErrors { field code } }
}
"""
REMOVE_NEED = """
mutation Remove($input: RemoveNeedInput!) {
  removeNeed(input: $input) { need { id kind } userErrors { field code } }
}
"""
LIST = """
query List($filter: CompanyFilter, $order: CompanySort, $first: Int, $after: String) {
  companies(filter: $filter, orderBy: $order, first: $first, after: $after) {
    totalCount
    nodes { name }
    pageInfo { hasNextPage endCursor }
  }
}
"""
NODE = "query Node($id: ID!) { node(id: $id) { id ... on Company { name needs { kind } } } }"


async def create(api: Api, **fields: object) -> dict[str, object]:
    """Create a company through the API and return its payload."""
    data = await api.data(CREATE, {"input": fields})
    payload: dict[str, object] = data["createCompany"]
    return payload


async def test_create_company_stores_it_with_industry_city_and_audit(api: Api, db: Database) -> None:
    # given
    software = gid("Industry", await ref_id(db, "Industry", "6513"))
    shenzhen = gid("Region", await ref_id(db, "Region", "440300"))
    code = credit_code(1)
    # when
    payload = await create(
        api,
        creditCode=code.lower(),
        name="腾飞科技",
        size="SMALL",
        website="https://tengfei.example",
        industry=software,
        city=shenzhen,
    )
    # then
    assert payload["userErrors"] == []
    company = payload["company"]
    assert isinstance(company, dict)
    assert company["creditCode"] == code
    assert company["industry"] == {"code": "6513"}
    assert company["city"] == {"code": "440300"}
    assert company["alumniCount"] == 0
    entries = await audit_ops(db)
    assert [e["op"] for e in entries] == ["createCompany"]
    assert json.loads(entries[0]["changes"])["creditCode"] == [None, code]


async def test_a_foreign_company_uses_an_x_id(api: Api) -> None:
    # when
    payload = await create(api, creditCode="X-DE-HRB12345", name="Müller GmbH")
    # then
    assert payload["userErrors"] == []


async def test_create_company_refuses_a_bad_check_digit_and_bad_fields(api: Api, db: Database) -> None:
    # given a code whose last character is wrong
    good = credit_code(2)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    # when
    payload = await create(api, creditCode=bad, name=" ", website="ftp://nope", industry="bm90LWFuLWlk")
    # then
    assert payload["company"] is None
    assert error_paths(payload) == {
        "input.creditCode": "INVALID",
        "input.name": "REQUIRED",
        "input.website": "INVALID",
        "input.industry": "INVALID",
    }
    assert await count(db, "MATCH (c:Company) RETURN count(c) AS n") == 0


async def test_unknown_industry_is_not_found_and_nothing_is_written(api: Api, db: Database) -> None:
    # when
    payload = await create(api, creditCode=credit_code(3), name="甲", industry=gid("Industry", "missing"))
    # then
    assert error_paths(payload) == {"input.industry": "NOT_FOUND"}
    assert await count(db, "MATCH (c:Company) RETURN count(c) AS n") == 0
    assert await audit_ops(db) == []


async def test_the_same_credit_code_twice_is_a_duplicate(api: Api) -> None:
    # given
    await create(api, creditCode=credit_code(4), name="甲")
    # when
    payload = await create(api, creditCode=credit_code(4), name="乙")
    # then
    assert error_paths(payload) == {"input.creditCode": "DUPLICATE"}


async def test_update_company_changes_only_the_fields_sent(api: Api, db: Database) -> None:
    # given
    created = await create(
        api, creditCode=credit_code(5), name="旧名", size="LARGE", website="http://a.example"
    )
    company_id = created["company"]["id"]  # type: ignore[index]
    # when
    data = await api.data(UPDATE, {"input": {"id": company_id, "name": "新名", "size": None}})
    # then
    company = data["updateCompany"]["company"]
    assert company == {
        "id": company_id,
        "creditCode": credit_code(5),
        "name": "新名",
        "size": None,
        "website": "http://a.example",
    }
    changes = json.loads((await audit_ops(db))[-1]["changes"])
    assert changes["name"] == ["旧名", "新名"]
    assert changes["size"] == ["LARGE", None]


async def test_update_company_to_another_companys_code_is_a_duplicate(api: Api) -> None:
    # given
    await create(api, creditCode=credit_code(6), name="甲")
    second = await create(api, creditCode=credit_code(7), name="乙")
    # when
    data = await api.data(UPDATE, {"input": {"id": second["company"]["id"], "creditCode": credit_code(6)}})  # type: ignore[index]
    # then
    assert error_paths(data["updateCompany"]) == {"input.creditCode": "DUPLICATE"}


async def test_update_of_an_unknown_company_is_not_found(api: Api) -> None:
    # when
    data = await api.data(UPDATE, {"input": {"id": gid("Company", "nope"), "name": "x"}})
    # then
    assert error_paths(data["updateCompany"]) == {"input.id": "NOT_FOUND"}


async def test_delete_is_refused_while_alumni_work_there_unless_detached(api: Api, db: Database) -> None:
    # given a company with a need and an employee
    await given_colleges(db)
    [alumnus] = await given_college_alumni(db, 1)
    created = await create(api, creditCode=credit_code(8), name="甲")
    company_id = str(created["company"]["id"])  # type: ignore[index]
    await api.data(ADD_NEED, {"input": {"company": company_id, "kind": "TECH", "description": "AI 合作"}})
    await db.write_rows(
        "MATCH (a:Alumnus {id: $a}), (c:Company {creditCode: $c}) CREATE (a)-[:WORKS_AT]->(c)",
        {"a": alumnus, "c": credit_code(8)},
    )
    # when
    refused = (await api.data(DELETE, {"input": {"id": company_id}}))["deleteCompany"]
    detached = (await api.data(DELETE, {"input": {"id": company_id, "detach": True}}))["deleteCompany"]
    # then
    assert error_paths(refused) == {"input.id": "IN_USE"}
    assert "1 WORKS_AT" in refused["userErrors"][0]["message"]
    assert detached == {"deletedId": company_id, "userErrors": []}
    assert await count(db, "MATCH (n) WHERE n:Company OR n:Need RETURN count(n) AS n") == 0
    assert await count(db, "MATCH (a:Alumnus) RETURN count(a) AS n") == 1
    assert [e["op"] for e in await audit_ops(db)][-1] == "deleteCompany"


async def test_delete_of_an_unreferenced_company(api: Api, db: Database) -> None:
    # given
    created = await create(api, creditCode=credit_code(9), name="甲")
    # when
    data = await api.data(DELETE, {"input": {"id": created["company"]["id"]}})  # type: ignore[index]
    # then
    assert data["deleteCompany"]["userErrors"] == []
    assert await count(db, "MATCH (c:Company) RETURN count(c) AS n") == 0


async def test_set_industry_and_location_replace_and_clear(api: Api, db: Database) -> None:
    # given
    created = await create(api, creditCode=credit_code(10), name="甲")
    company_id = created["company"]["id"]  # type: ignore[index]
    software = gid("Industry", await ref_id(db, "Industry", "65"))
    chips = gid("Industry", await ref_id(db, "Industry", "39"))
    beijing = gid("Region", await ref_id(db, "Region", "110100"))
    # when
    await api.data(SET_INDUSTRY, {"input": {"company": company_id, "industry": software}})
    second = await api.data(SET_INDUSTRY, {"input": {"company": company_id, "industry": chips}})
    located = await api.data(SET_LOCATION, {"input": {"company": company_id, "city": beijing}})
    cleared = await api.data(SET_LOCATION, {"input": {"company": company_id, "city": None}})
    # then
    assert second["setCompanyIndustry"]["company"]["industry"] == {"code": "39"}
    assert located["setCompanyLocation"]["company"]["city"] == {"code": "110100"}
    assert cleared["setCompanyLocation"]["company"]["city"] is None
    assert await count(db, "MATCH (:Company)-[r:IN_INDUSTRY]->() RETURN count(r) AS n") == 1


async def test_set_industry_of_unknown_company_is_not_found(api: Api, db: Database) -> None:
    # given
    software = gid("Industry", await ref_id(db, "Industry", "65"))
    # when
    data = await api.data(SET_INDUSTRY, {"input": {"company": gid("Company", "x"), "industry": software}})
    # then
    assert error_paths(data["setCompanyIndustry"]) == {"input.company": "NOT_FOUND"}


async def test_add_and_remove_needs(api: Api, db: Database) -> None:
    # given
    created = await create(api, creditCode=credit_code(11), name="甲")
    company_id = created["company"]["id"]  # type: ignore[index]
    need = {"company": company_id, "kind": "LEGAL", "description": " 知识产权 "}
    # when
    first = (await api.data(ADD_NEED, {"input": need}))["addNeed"]
    again = (await api.data(ADD_NEED, {"input": need}))["addNeed"]
    shown = await api.data(NODE, {"id": company_id})
    removed = (await api.data(REMOVE_NEED, {"input": {"id": first["need"]["id"]}}))["removeNeed"]
    missing = (await api.data(REMOVE_NEED, {"input": {"id": first["need"]["id"]}}))["removeNeed"]
    # then
    assert first["need"]["description"] == "知识产权"
    assert first["need"]["company"] == {"name": "甲"}
    assert again["need"]["id"] == first["need"]["id"]
    assert shown["node"]["needs"] == [{"kind": "LEGAL"}]
    assert removed["need"] == {"id": first["need"]["id"], "kind": "LEGAL"}
    assert error_paths(missing) == {"input.id": "NOT_FOUND"}
    assert await count(db, "MATCH (n:Need) RETURN count(n) AS n") == 0


async def test_add_need_needs_a_description(api: Api) -> None:
    # given
    created = await create(api, creditCode=credit_code(12), name="甲")
    # when
    data = await api.data(
        ADD_NEED,
        {"input": {"company": created["company"]["id"], "kind": "TECH", "description": ""}},  # type: ignore[index]
    )
    # then
    assert error_paths(data["addNeed"]) == {"input.description": "REQUIRED"}


async def test_companies_filters_by_industry_and_region_subtrees_size_alumni_and_need(
    api: Api, db: Database
) -> None:
    # given three companies: software in Shenzhen with an alumnus and a need, chips in Beijing, bare
    await given_colleges(db)
    [alumnus] = await given_college_alumni(db, 1)
    await db.write_rows(
        """
        MATCH (i6513:Industry {code: '6513'}), (i39:Industry {code: '39'})
        MATCH (sz:Region {code: '440300'}), (bj:Region {code: '110100'}), (a:Alumnus {id: $a})
        CREATE (c1:Company {id: 'c1', creditCode: 'X-1', name: '软件公司', size: 'SMALL'})
        CREATE (c2:Company {id: 'c2', creditCode: 'X-2', name: '芯片公司', size: 'LARGE'})
        CREATE (c3:Company {id: 'c3', creditCode: 'X-3', name: '空壳公司'})
        CREATE (c1)-[:IN_INDUSTRY]->(i6513), (c1)-[:LOCATED_IN]->(sz)
        CREATE (c2)-[:IN_INDUSTRY]->(i39), (c2)-[:LOCATED_IN]->(bj)
        CREATE (a)-[:WORKS_AT {role: 'FOUNDER'}]->(c1)
        CREATE (c1)-[:NEEDS]->(:Need {id: 'n1', kind: 'TALENT', description: '工程师'})
        """,
        {"a": alumnus},
    )
    section_i = gid("Industry", await ref_id(db, "Industry", "I"))
    guangdong = gid("Region", await ref_id(db, "Region", "440000"))

    async def names(flt: dict[str, object]) -> list[str]:
        return [n["name"] for n in (await api.data(LIST, {"filter": flt}))["companies"]["nodes"]]

    # when / then
    assert await names({"industry": section_i}) == ["软件公司"]
    assert await names({"region": guangdong}) == ["软件公司"]
    assert await names({"sizes": ["LARGE", "MICRO"]}) == ["芯片公司"]
    assert await names({"hasAlumni": True}) == ["软件公司"]
    assert sorted(await names({"hasAlumni": False})) == ["空壳公司", "芯片公司"]
    assert await names({"needKind": "TALENT"}) == ["软件公司"]
    assert await names({"name": "X-2"}) == ["芯片公司"]


async def test_companies_are_found_by_pinyin_of_the_name(api: Api) -> None:
    # given
    await create(api, creditCode=credit_code(14), name="腾飞科技")
    # when
    data = await api.data(LIST, {"filter": {"name": "teng fei"}})
    # then
    assert [n["name"] for n in data["companies"]["nodes"]] == ["腾飞科技"]


async def test_companies_pages_by_name(api: Api, db: Database) -> None:
    # given
    await db.write_rows(
        "UNWIND range(1, 12) AS i CREATE (:Company {id: 'c' + toString(i), creditCode: 'X-' + toString(i),"
        " name: 'Co' + right('00' + toString(i), 2)})"
    )
    seen: list[str] = []
    after = None
    # when
    while True:
        page = (await api.data(LIST, {"first": 5, "after": after, "order": "NAME"}))["companies"]
        seen += [n["name"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    # then
    assert seen == [f"Co{i:02d}" for i in range(1, 13)]
    assert page["totalCount"] == 12


async def test_only_admins_change_companies(api: Api) -> None:
    # when
    body = await api.post(
        CREATE, {"input": {"creditCode": credit_code(13), "name": "甲"}}, role=Role.FUNDRAISER
    )
    # then
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
