"""Funds through HTTP: CRUD, college scope, exact sums raised, giving visibility, round trips."""

from __future__ import annotations

import json

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import audit_ops, count, error_paths, gid, given_college_alumni, given_colleges

FUND = "fund { code name kind goalCny status college { code } raisedCny progress }"
CREATE = (
    "mutation C($input: CreateFundInput!) { createFund(input: $input) { "
    + FUND
    + " userErrors { field code message } } }"
)
UPDATE = (
    "mutation U($input: UpdateFundInput!) { updateFund(input: $input) { "
    + FUND
    + " userErrors { field code message } } }"
)
SET_COLLEGE = "mutation S($input: SetFundCollegeInput!) { setFundCollege(input: $input) { fund { college { code } } userErrors { field code } } }"
DELETE = "mutation D($input: DeleteFundInput!) { deleteFund(input: $input) { deletedId userErrors { field code message } } }"
SHOW = "query F($id: ID!) { node(id: $id) { ... on Fund { raisedCny progress donations { totalCount nodes { receiptNo } } } } }"
LIST = "query L($filter: FundFilter) { funds(filter: $filter) { nodes { code } } }"
COLLEGE = "query C($id: ID!) { node(id: $id) { ... on College { funds { code } } } }"
NESTED = """
{
  funds(first: 100) {
    nodes { code raisedCny college { name }
      donations(first: 10) { totalCount nodes { amountCny donor { __typename ... on Alumnus { name } ... on Company { name } } } } }
  }
}
"""


async def given_funds(db: Database) -> None:
    """Fund F-CS (CS, goal 1000.00) with gifts 0.10 and 0.20 ×5, a pledge 500 and a payment 0.05; F-EE empty."""
    await given_colleges(db)
    [alumnus] = await given_college_alumni(db, 1)
    await db.write_rows(
        """
        MATCH (cs:College {id: 'col-cs'}), (ee:College {id: 'col-ee'}), (a:Alumnus {id: $a})
        CREATE (f:Fund {id: 'f-cs', code: 'F-CS', name: '计算机发展基金', kind: 'COLLEGE_DEVELOPMENT',
                        goalCny: '1000.00', goalCnyFen: 100000, status: 'OPEN'})-[:OF_COLLEGE]->(cs)
        CREATE (:Fund {id: 'f-ee', code: 'F-EE', name: '电子奖学金', kind: 'SCHOLARSHIP', status: 'CLOSED'})
               -[:OF_COLLEGE]->(ee)
        WITH f, a
        UNWIND range(1, 10) AS i
        CREATE (d:Donation {id: 'd' + toString(i), receiptNo: 'R' + right('0' + toString(i), 2), kind: 'GIFT',
                            amount: CASE i % 2 WHEN 0 THEN '0.20' ELSE '0.10' END, currency: 'CNY',
                            amountCny: CASE i % 2 WHEN 0 THEN '0.20' ELSE '0.10' END,
                            amountCnyFen: CASE i % 2 WHEN 0 THEN 20 ELSE 10 END,
                            date: date('2024-01-01') + duration({days: i})})
        CREATE (d)-[:TO]->(f), (d)-[:FROM]->(a)
        WITH DISTINCT f, a
        CREATE (p:Donation {id: 'p1', receiptNo: 'P1', kind: 'PLEDGE', amount: '500.00', currency: 'CNY',
                            amountCny: '500.00', amountCnyFen: 50000, date: date('2023-06-01')})
        CREATE (y:Donation {id: 'y1', receiptNo: 'Y1', kind: 'PAYMENT', amount: '0.05', currency: 'CNY',
                            amountCny: '0.05', amountCnyFen: 5, date: date('2024-02-01')})
        CREATE (p)-[:TO]->(f), (p)-[:FROM]->(a), (y)-[:TO]->(f), (y)-[:FROM]->(a), (y)-[:PAYS]->(p)
        """,
        {"a": alumnus},
    )


async def test_create_fund_with_goal_and_college(api: Api, db: Database) -> None:
    # given
    await given_colleges(db)
    # when
    data = await api.data(
        CREATE,
        {
            "input": {
                "code": "F-1",
                "name": "创新基金",
                "kind": "STUDENT_INNOVATION",
                "goalCny": "1000000",
                "college": gid("College", "col-cs"),
            }
        },
    )
    # then
    assert data["createFund"] == {
        "fund": {
            "code": "F-1",
            "name": "创新基金",
            "kind": "STUDENT_INNOVATION",
            "goalCny": "1000000.00",
            "status": "OPEN",
            "college": {"code": "CS"},
            "raisedCny": "0.00",
            "progress": 0.0,
        },
        "userErrors": [],
    }
    stored = await db.read_rows("MATCH (f:Fund) RETURN f.goalCnyFen AS fen")
    assert stored == [{"fen": 100000000}]
    assert json.loads((await audit_ops(db))[0]["changes"])["goalCny"] == [None, "1000000.00"]


async def test_create_fund_refuses_bad_input(api: Api, db: Database) -> None:
    # given
    await given_funds(db)
    # when
    bad = await api.data(CREATE, {"input": {"code": "a b", "name": "", "kind": "OTHER", "goalCny": "12.345"}})
    taken = await api.data(CREATE, {"input": {"code": "F-CS", "name": "x", "kind": "OTHER"}})
    unknown = await api.data(
        CREATE, {"input": {"code": "F-9", "name": "x", "kind": "OTHER", "college": gid("College", "none")}}
    )
    # then
    assert error_paths(bad["createFund"]) == {
        "input.code": "INVALID",
        "input.name": "REQUIRED",
        "input.goalCny": "INVALID",
    }
    assert error_paths(taken["createFund"]) == {"input.code": "DUPLICATE"}
    assert error_paths(unknown["createFund"]) == {"input.college": "NOT_FOUND"}
    assert await count(db, "MATCH (f:Fund) RETURN count(f) AS n") == 2


async def test_college_officers_manage_their_own_colleges_funds(api: Api, db: Database) -> None:
    # given
    await given_funds(db)
    base = {"name": "x", "kind": "OTHER"}
    # when
    own = await api.data(
        CREATE,
        {"input": {**base, "code": "F-A", "college": gid("College", "col-cs")}},
        role=Role.COLLEGE_OFFICER,
        college="CS",
    )
    other = await api.data(
        CREATE,
        {"input": {**base, "code": "F-B", "college": gid("College", "col-ee")}},
        role=Role.COLLEGE_OFFICER,
        college="CS",
    )
    none = await api.data(CREATE, {"input": {**base, "code": "F-C"}}, role=Role.COLLEGE_OFFICER, college="CS")
    close_own = await api.data(
        UPDATE,
        {"input": {"id": gid("Fund", "f-cs"), "status": "CLOSED"}},
        role=Role.COLLEGE_OFFICER,
        college="CS",
    )
    close_other = await api.data(
        UPDATE,
        {"input": {"id": gid("Fund", "f-ee"), "status": "OPEN"}},
        role=Role.COLLEGE_OFFICER,
        college="CS",
    )
    fundraiser = await api.post(CREATE, {"input": {**base, "code": "F-D"}}, role=Role.FUNDRAISER)
    # then
    assert own["createFund"]["userErrors"] == []
    assert error_paths(other["createFund"]) == {"input.college": "FORBIDDEN"}
    assert error_paths(none["createFund"]) == {"input.college": "REQUIRED"}
    assert close_own["updateFund"]["fund"]["status"] == "CLOSED"
    assert error_paths(close_other["updateFund"]) == {"input.id": "FORBIDDEN"}
    assert fundraiser["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_update_fund_clears_the_goal(api: Api, db: Database) -> None:
    # given
    await given_funds(db)
    # when
    data = await api.data(UPDATE, {"input": {"id": gid("Fund", "f-cs"), "goalCny": None, "name": "新名"}})
    # then
    fund = data["updateFund"]["fund"]
    assert (fund["name"], fund["goalCny"], fund["progress"]) == ("新名", None, None)
    assert await count(db, "MATCH (f:Fund {id: 'f-cs'}) WHERE f.goalCnyFen IS NULL RETURN count(f) AS n") == 1


async def test_raised_is_exact_to_the_cent_and_counts_gifts_and_payments_only(api: Api, db: Database) -> None:
    # given gifts of 0.10 and 0.20 (five each), a 500.00 pledge and a 0.05 payment toward it
    await given_funds(db)
    # when
    fund = (await api.data(SHOW, {"id": gid("Fund", "f-cs")}, role=Role.FUNDRAISER))["node"]
    # then
    assert fund["raisedCny"] == "1.55"
    assert fund["progress"] == 0.0016
    assert fund["donations"]["totalCount"] == 12
    assert fund["donations"]["nodes"][0]["receiptNo"] == "Y1"


async def test_giving_data_is_hidden_from_roles_outside_giving(api: Api, db: Database) -> None:
    # given
    await given_funds(db)
    fund = gid("Fund", "f-cs")
    # when
    organizer = (await api.data(SHOW, {"id": fund}, role=Role.CHAPTER_ORGANIZER, chapter="SZ"))["node"]
    own_officer = (await api.data(SHOW, {"id": fund}, role=Role.COLLEGE_OFFICER, college="CS"))["node"]
    other_officer = (await api.data(SHOW, {"id": fund}, role=Role.COLLEGE_OFFICER, college="EE"))["node"]
    # then
    assert organizer == {"raisedCny": None, "progress": None, "donations": {"totalCount": 0, "nodes": []}}
    assert own_officer["raisedCny"] == "1.55"
    assert own_officer["donations"]["totalCount"] == 12
    assert other_officer["raisedCny"] is None


async def test_delete_fund_is_refused_while_donations_go_to_it(api: Api, db: Database) -> None:
    # given
    await given_funds(db)
    # when
    refused = (await api.data(DELETE, {"input": {"id": gid("Fund", "f-cs")}}))["deleteFund"]
    detached = (await api.data(DELETE, {"input": {"id": gid("Fund", "f-cs"), "detach": True}}))["deleteFund"]
    # then
    assert error_paths(refused) == {"input.id": "IN_USE"}
    assert "12 TO" in refused["userErrors"][0]["message"]
    assert detached["userErrors"] == []
    assert await count(db, "MATCH (d:Donation) RETURN count(d) AS n") == 12
    assert await count(db, "MATCH (f:Fund) RETURN count(f) AS n") == 1


async def test_set_fund_college_and_filters(api: Api, db: Database) -> None:
    # given
    await given_funds(db)
    # when
    moved = await api.data(
        SET_COLLEGE, {"input": {"fund": gid("Fund", "f-ee"), "college": gid("College", "col-cs")}}
    )
    of_cs = await api.data(LIST, {"filter": {"college": gid("College", "col-cs")}})
    closed = await api.data(LIST, {"filter": {"status": "CLOSED"}})
    scholarships = await api.data(LIST, {"filter": {"kinds": ["SCHOLARSHIP"]}})
    college = await api.data(COLLEGE, {"id": gid("College", "col-cs")})
    # then
    assert moved["setFundCollege"]["fund"]["college"] == {"code": "CS"}
    assert of_cs["funds"]["nodes"] == [{"code": "F-CS"}, {"code": "F-EE"}]
    assert closed["funds"]["nodes"] == [{"code": "F-EE"}]
    assert scholarships["funds"]["nodes"] == [{"code": "F-EE"}]
    assert college["node"]["funds"] == [{"code": "F-CS"}, {"code": "F-EE"}]
    assert [e["op"] for e in await audit_ops(db)] == ["setFundCollege"]


async def test_funds_donations_donors_cost_a_bounded_number_of_statements(
    roomy_api: Api, db: Database
) -> None:
    # given 60 funds, each with a gift from an alumnus and one from a company
    await given_colleges(db)
    alumni = await given_college_alumni(db, 60)
    await db.write_rows(
        """
        MATCH (c:College {id: 'col-cs'})
        UNWIND range(0, 59) AS k
        MATCH (a:Alumnus {id: $ids[k]})
        CREATE (f:Fund {id: 'f' + toString(k), code: 'F' + right('0' + toString(k), 2), name: 'x',
                        kind: 'OTHER'})-[:OF_COLLEGE]->(c)
        CREATE (co:Company {id: 'c' + toString(k), creditCode: 'X-' + toString(k), name: 'Co' + toString(k)})
        CREATE (d1:Donation {id: 'da' + toString(k), receiptNo: 'A' + toString(k), kind: 'GIFT', amount: '1.00',
                             currency: 'CNY', amountCny: '1.00', amountCnyFen: 100, date: date('2024-01-01')})
        CREATE (d2:Donation {id: 'dc' + toString(k), receiptNo: 'C' + toString(k), kind: 'GIFT', amount: '2.50',
                             currency: 'CNY', amountCny: '2.50', amountCnyFen: 250, date: date('2024-01-02')})
        CREATE (d1)-[:TO]->(f), (d1)-[:FROM]->(a), (d2)-[:TO]->(f), (d2)-[:FROM]->(co)
        """,
        {"ids": alumni},
    )
    roomy_api.reset_count()
    # when
    data = await roomy_api.data(NESTED, role=Role.FUNDRAISER)
    # then
    funds = data["funds"]["nodes"]
    assert len(funds) == 60
    assert all(f["raisedCny"] == "3.50" and f["donations"]["totalCount"] == 2 for f in funds)
    assert {d["donor"]["__typename"] for d in funds[0]["donations"]["nodes"]} == {"Alumnus", "Company"}
    # one compiled statement (by the resolvers: page, raised sums, colleges, donation pages,
    # donation counts, alumni donors, company donors: 7)
    assert roomy_api.statements == 1
