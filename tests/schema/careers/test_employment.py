"""Employment through HTTP: add, update, end, remove; current vs former; scope; round trips."""

from __future__ import annotations

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import (
    audit_ops,
    count,
    error_paths,
    gid,
    given_college_alumni,
    given_colleges,
    given_member,
)

FIELDS = "employment { title role startYear endYear current alumnus { name } company { name } }"
ADD = (
    "mutation Add($input: AddEmploymentInput!) { addEmployment(input: $input) { "
    + FIELDS
    + " userErrors { field code message } } }"
)
UPDATE = (
    "mutation U($input: UpdateEmploymentInput!) { updateEmployment(input: $input) { "
    + FIELDS
    + " userErrors { field code message } } }"
)
END = (
    "mutation E($input: EndEmploymentInput!) { endEmployment(input: $input) { "
    + FIELDS
    + " userErrors { field code message } } }"
)
REMOVE = (
    "mutation R($input: RemoveEmploymentInput!) { removeEmployment(input: $input) { "
    + FIELDS
    + " userErrors { field code message } } }"
)
ALUMNUS = """
query A($id: ID!) {
  node(id: $id) {
    ... on Alumnus {
      all: employments { company { name } current }
      now: employments(current: true) { company { name } }
      before: employments(current: false) { company { name } }
    }
  }
}
"""
COMPANY = """
query C($id: ID!) {
  node(id: $id) {
    ... on Company {
      alumniCount
      alumni { role alumnus { name email } }
      everyone: alumni(includeFormer: true) { alumnus { name } current }
    }
  }
}
"""
NESTED = """
{
  companies(first: 100) {
    nodes {
      name alumniCount industry { name } city { name } needs { kind }
      alumni { title alumnus { name education { name college { name } } } company { name } }
    }
  }
}
"""


async def given_companies(db: Database, n: int) -> None:
    """Companies c1..cn (names Co01…) in Shenzhen, software industry, each with a need."""
    await db.write_rows(
        """
        MATCH (i:Industry {code: '6513'}), (r:Region {code: '440300'})
        UNWIND range(1, $n) AS k
        CREATE (c:Company {id: 'c' + toString(k), creditCode: 'X-' + toString(k),
                           name: 'Co' + right('00' + toString(k), 2)})
        CREATE (c)-[:IN_INDUSTRY]->(i), (c)-[:LOCATED_IN]->(r)
        CREATE (c)-[:NEEDS]->(:Need {id: 'n' + toString(k), kind: 'TECH', description: 'x'})
        """,
        {"n": n},
    )


async def test_add_employment_returns_it_and_is_audited(api: Api, db: Database) -> None:
    # given
    await given_colleges(db)
    [alumnus] = await given_college_alumni(db, 1)
    await given_companies(db, 1)
    # when
    data = await api.data(
        ADD,
        {
            "input": {
                "alumnus": gid("Alumnus", alumnus),
                "company": gid("Company", "c1"),
                "title": "CTO",
                "role": "EXECUTIVE",
                "startYear": 2015,
            }
        },
    )
    # then
    assert data["addEmployment"] == {
        "employment": {
            "title": "CTO",
            "role": "EXECUTIVE",
            "startYear": 2015,
            "endYear": None,
            "current": True,
            "alumnus": {"name": "校友cs1"},
            "company": {"name": "Co01"},
        },
        "userErrors": [],
    }
    assert [(e["op"], e["nodeIds"]) for e in await audit_ops(db)] == [("addEmployment", [alumnus, "c1"])]


async def test_add_employment_refuses_duplicates_unknowns_and_bad_years(api: Api, db: Database) -> None:
    # given
    await given_colleges(db)
    [alumnus] = await given_college_alumni(db, 1)
    await given_companies(db, 1)
    pair = {"alumnus": gid("Alumnus", alumnus), "company": gid("Company", "c1")}
    await api.data(ADD, {"input": pair})
    # when
    again = (await api.data(ADD, {"input": pair}))["addEmployment"]
    unknown = (await api.data(ADD, {"input": {**pair, "company": gid("Company", "zz")}}))["addEmployment"]
    years = (await api.data(ADD, {"input": {**pair, "startYear": 1700, "endYear": 3000}}))["addEmployment"]
    backwards = (
        await api.data(
            ADD,
            {
                "input": {
                    "alumnus": pair["alumnus"],
                    "company": gid("Company", "c1"),
                    "startYear": 2020,
                    "endYear": 2010,
                }
            },
        )
    )["addEmployment"]
    # then
    assert error_paths(again) == {"input.company": "DUPLICATE"}
    assert error_paths(unknown) == {"input.company": "NOT_FOUND"}
    assert error_paths(years) == {"input.startYear": "OUT_OF_RANGE", "input.endYear": "OUT_OF_RANGE"}
    assert error_paths(backwards) == {"input.company": "DUPLICATE"}
    assert await count(db, "MATCH ()-[w:WORKS_AT]->() RETURN count(w) AS n") == 1


async def test_update_end_and_remove_employment(api: Api, db: Database) -> None:
    # given
    await given_colleges(db)
    [alumnus] = await given_college_alumni(db, 1)
    await given_companies(db, 1)
    pair = {"alumnus": gid("Alumnus", alumnus), "company": gid("Company", "c1")}
    await api.data(ADD, {"input": {**pair, "title": "工程师", "startYear": 2012}})
    # when
    updated = (await api.data(UPDATE, {"input": {**pair, "role": "FOUNDER", "title": None}}))[
        "updateEmployment"
    ]
    too_early = (await api.data(END, {"input": {**pair, "endYear": 2011}}))["endEmployment"]
    ended = (await api.data(END, {"input": {**pair, "endYear": 2020}}))["endEmployment"]
    removed = (await api.data(REMOVE, {"input": pair}))["removeEmployment"]
    gone = (await api.data(REMOVE, {"input": pair}))["removeEmployment"]
    # then
    assert updated["employment"]["role"] == "FOUNDER"
    assert updated["employment"]["title"] is None
    assert updated["employment"]["startYear"] == 2012
    assert error_paths(too_early) == {"input.endYear": "OUT_OF_RANGE"}
    assert ended["employment"]["endYear"] == 2020
    assert ended["employment"]["current"] is False
    assert removed["employment"]["endYear"] == 2020
    assert error_paths(gone) == {"input.company": "NOT_FOUND"}
    ops = [e["op"] for e in await audit_ops(db)]
    assert ops == ["addEmployment", "updateEmployment", "endEmployment", "removeEmployment"]


async def test_current_and_former_employments(api: Api, db: Database) -> None:
    # given an alumnus now at Co01 and formerly at Co02
    await given_colleges(db)
    [alumnus] = await given_college_alumni(db, 1)
    await given_companies(db, 2)
    await db.write_rows(
        "MATCH (a:Alumnus {id: $a}), (c1:Company {id: 'c1'}), (c2:Company {id: 'c2'})"
        " CREATE (a)-[:WORKS_AT {startYear: 2018}]->(c1), (a)-[:WORKS_AT {startYear: 2010, endYear: 2017}]->(c2)",
        {"a": alumnus},
    )
    # when
    person = (await api.data(ALUMNUS, {"id": gid("Alumnus", alumnus)}))["node"]
    former_employer = (await api.data(COMPANY, {"id": gid("Company", "c2")}))["node"]
    # then
    assert person["all"] == [
        {"company": {"name": "Co01"}, "current": True},
        {"company": {"name": "Co02"}, "current": False},
    ]
    assert person["now"] == [{"company": {"name": "Co01"}}]
    assert person["before"] == [{"company": {"name": "Co02"}}]
    assert former_employer["alumni"] == []
    assert former_employer["alumniCount"] == 0
    assert former_employer["everyone"] == [{"alumnus": {"name": "校友cs1"}, "current": False}]


async def test_company_alumni_respect_the_callers_scope(api: Api, db: Database) -> None:
    # given two current employees, only one a member of the organizer's chapter
    await given_colleges(db)
    member, other = await given_college_alumni(db, 2)
    await given_member(db, member)
    await given_companies(db, 1)
    await db.write_rows(
        "MATCH (a:Alumnus) WHERE a.id IN $ids MATCH (c:Company {id: 'c1'}) CREATE (a)-[:WORKS_AT]->(c)",
        {"ids": [member, other]},
    )
    # when
    seen = await api.data(COMPANY, {"id": gid("Company", "c1")}, role=Role.CHAPTER_ORGANIZER, chapter="SZ")
    # then the organizer sees the member (with contact details), but the count covers everyone
    company = seen["node"]
    assert company["alumni"] == [{"role": None, "alumnus": {"name": "校友cs1", "email": "cs1@example.com"}}]
    assert company["alumniCount"] == 2


async def test_a_college_officer_edits_employment_of_their_own_alumni_only(api: Api, db: Database) -> None:
    # given an alumnus of CS and one of EE
    await given_colleges(db)
    [ours] = await given_college_alumni(db, 1, "cs")
    [theirs] = await given_college_alumni(db, 1, "ee")
    await given_companies(db, 1)
    # when
    mine = await api.data(
        ADD,
        {"input": {"alumnus": gid("Alumnus", ours), "company": gid("Company", "c1")}},
        role=Role.COLLEGE_OFFICER,
        college="CS",
    )
    other = await api.data(
        ADD,
        {"input": {"alumnus": gid("Alumnus", theirs), "company": gid("Company", "c1")}},
        role=Role.COLLEGE_OFFICER,
        college="CS",
    )
    # then: EE's alumnus is outside the officer's view altogether
    assert mine["addEmployment"]["userErrors"] == []
    assert [e["code"] for e in other["addEmployment"]["userErrors"]] == ["NOT_FOUND"]
    rows = await db.read_rows("MATCH (a:Alumnus)-[:WORKS_AT]->() RETURN collect(a.id) AS ids")
    assert rows[0]["ids"] == [ours]


async def test_employment_changes_are_not_for_fundraisers(api: Api, db: Database) -> None:
    # when
    body = await api.post(
        ADD,
        {"input": {"alumnus": gid("Alumnus", "a"), "company": gid("Company", "c")}},
        role=Role.FUNDRAISER,
    )
    # then
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_nested_companies_alumni_education_cost_a_bounded_number_of_statements(
    roomy_api: Api, db: Database
) -> None:
    # given 60 companies, each employing two alumni
    await given_colleges(db)
    alumni = await given_college_alumni(db, 120)
    await given_companies(db, 60)
    await db.write_rows(
        "UNWIND range(0, size($ids) - 1) AS i MATCH (a:Alumnus {id: $ids[i]})"
        " MATCH (c:Company {id: 'c' + toString(i % 60 + 1)}) CREATE (a)-[:WORKS_AT {title: 'x'}]->(c)",
        {"ids": alumni},
    )
    roomy_api.reset_count()
    # when
    data = await roomy_api.data(NESTED)
    # then
    nodes = data["companies"]["nodes"]
    assert len(nodes) == 60
    assert all(len(n["alumni"]) == 2 and n["alumniCount"] == 2 for n in nodes)
    assert nodes[0]["alumni"][0]["alumnus"]["education"][0]["college"] == {"name": "计算机学院"}
    # one compiled statement for the whole root field (by resolvers: one per level, 10), whatever
    # the number of companies
    assert roomy_api.statements == 1
