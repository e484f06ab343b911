"""Recording gifts, fundReport, donorRetention and partnerCompanies through HTTP."""

from __future__ import annotations

from typing import Any

from graph.core.db import Database
from schema.core.permissions import Principal, Role
from schema.core.relay import to_global_id
from tests.conftest import Api
from tests.graph.insights.test_insights_graph import ENTERPRISES
from tests.graph.reports.test_giving_reports import WORLD, given_history
from tests.schema.compiled_support import RESOLVERS, answer

PLEDGE = """
mutation($i: RecordGiftInput!) { recordPledge(input: $i) { donation { id receiptNo kind amountCny } userErrors { field code } } }
"""
GIFT = """
mutation($i: RecordGiftInput!) { recordGift(input: $i) { donation { receiptNo kind amount currency amountCny } userErrors { field code message } } }
"""
PAYMENT = """
mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { donation { receiptNo kind amountCny } userErrors { field code message } } }
"""
CANCEL = "mutation($i: CancelPledgeInput!) { cancelPledge(input: $i) { donation { receiptNo } userErrors { field code } } }"
ADMIN = Principal("t-admin", Role.ADMIN)
REPORT = """
query($fund: ID!, $year: Int!) {
  fundReport(fund: $fund, year: $year) {
    received pledged outstandingPledges donorCount newDonorCount
    donations { receiptNo }
    stewardship { donor { __typename ... on Alumnus { externalId } ... on Company { creditCode } } lastGiftOn contactable anonymous }
  }
}
"""
RETENTION = """
query($fund: ID) {
  donorRetention(year: 2025, fund: $fund) {
    retained { totalCount nodes { __typename ... on Alumnus { externalId } } }
    lybunt { totalCount nodes { ... on Alumnus { externalId } } }
    sybunt { totalCount nodes { ... on Alumnus { externalId } } }
    newDonors { totalCount nodes { __typename ... on Company { creditCode } } }
    recaptured { totalCount nodes { ... on Alumnus { externalId } } }
  }
}
"""
PARTNERS = """
query($industry: String!, $region: String) {
  partnerCompanies(industry: $industry, region: $region) {
    company { name } founderCount executiveCount alumniCount alumni { role alumnus { externalId } }
  }
}
"""


def gid(kind: str, node_id: str) -> str:
    return str(to_global_id(kind, node_id))


def gift(receipt: str, amount: str, **extra: Any) -> dict[str, Any]:
    return {
        "receiptNo": receipt,
        "donor": gid("Alumnus", "wang"),
        "fund": gid("Fund", "f"),
        "amount": amount,
        "date": "2025-03-01",
    } | extra


async def test_pledge_payments_and_cancellation(api: Api, db: Database) -> None:
    # given
    await db.write_rows(WORLD)
    pledge = (await api.data(PLEDGE, {"i": gift("P1", "1000")}))["recordPledge"]["donation"]
    # when
    part = await api.data(
        PAYMENT,
        {"i": {"receiptNo": "PAY1", "pledge": pledge["id"], "amount": "400.10", "date": "2025-04-01"}},
        role=Role.FUNDRAISER,
    )
    over = await api.data(
        PAYMENT,
        {"i": {"receiptNo": "PAY2", "pledge": pledge["id"], "amount": "599.91", "date": "2025-05-01"}},
        role=Role.FUNDRAISER,
    )
    cancelled = await api.data(CANCEL, {"i": {"pledge": pledge["id"], "date": "2025-06-01"}})
    late = await api.data(
        PAYMENT, {"i": {"receiptNo": "PAY3", "pledge": pledge["id"], "amount": "1.00", "date": "2025-07-01"}}
    )
    # then
    assert pledge == {"id": pledge["id"], "receiptNo": "P1", "kind": "PLEDGE", "amountCny": "1000.00"}
    assert part["recordPayment"] == {
        "donation": {"receiptNo": "PAY1", "kind": "PAYMENT", "amountCny": "400.10"},
        "userErrors": [],
    }
    assert [(e["field"], e["code"]) for e in over["recordPayment"]["userErrors"]] == [
        (["input", "amount"], "OUT_OF_RANGE")
    ]
    assert "599.90" in over["recordPayment"]["userErrors"][0]["message"]
    assert cancelled["cancelPledge"]["userErrors"] == []
    assert late["recordPayment"]["userErrors"][0]["code"] == "INVALID"


async def test_gift_rules(api: Api, db: Database) -> None:
    # given
    await db.write_rows(WORLD)
    # when
    usd = await api.data(GIFT, {"i": gift("G1", "100", currency="usd", amountCny="712.34")})
    twice = await api.data(GIFT, {"i": gift("G1", "5")})
    no_cny = await api.data(GIFT, {"i": gift("G2", "100", currency="EUR")})
    bad = await api.data(GIFT, {"i": gift("G3", "-1", date="2999-01-01")})
    closed = await api.data(GIFT, {"i": gift("G4", "1", fund=gid("Fund", "shut"))})
    forbidden = await api.post(GIFT, {"i": gift("G5", "1")}, role=Role.CHAPTER_ORGANIZER, chapter="X")
    # then
    assert usd["recordGift"]["donation"] == {
        "receiptNo": "G1",
        "kind": "GIFT",
        "amount": "100.00",
        "currency": "USD",
        "amountCny": "712.34",
    }
    assert twice["recordGift"]["userErrors"][0]["code"] == "DUPLICATE"
    assert [e["field"][-1] for e in no_cny["recordGift"]["userErrors"]] == ["amountCny"]
    assert {e["field"][-1] for e in bad["recordGift"]["userErrors"]} == {"amount", "date"}
    assert closed["recordGift"]["userErrors"][0]["field"] == ["input", "fund"]
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    audit = await db.read_rows("MATCH (e:AuditEntry) RETURN collect(e.operation) AS ops")
    assert audit[0]["ops"] == ["recordGift"]


async def test_fund_report_and_retention_over_http(api: Api, db: Database) -> None:
    # given
    await given_history(db)
    # when
    report = (await api.data(REPORT, {"fund": gid("Fund", "f"), "year": 2025}))["fundReport"]
    officer = (
        await api.data(
            REPORT, {"fund": gid("Fund", "f"), "year": 2025}, role=Role.COLLEGE_OFFICER, college="CS"
        )
    )["fundReport"]
    outsider = await api.post(
        REPORT, {"fund": gid("Fund", "f"), "year": 2025}, role=Role.COLLEGE_OFFICER, college="EE"
    )
    retention = (await api.data(RETENTION, {"fund": gid("Fund", "f")}))["donorRetention"]
    # then
    assert (report["received"], report["pledged"], report["outstandingPledges"]) == (
        "9924.20",
        "0.00",
        "4499.50",
    )
    assert (report["donorCount"], report["newDonorCount"]) == (3, 1)
    assert [d["receiptNo"] for d in report["donations"]] == ["PAY2", "P2", "G2", "G5"]
    assert report["stewardship"][0] == {
        "donor": {"__typename": "Company", "creditCode": "C"},
        "lastGiftOn": "2025-11-11",
        "contactable": True,
        "anonymous": False,
    }
    hidden = [s for s in officer["stewardship"] if s["anonymous"]]
    assert hidden == [{"donor": None, "lastGiftOn": "2025-09-09", "contactable": False, "anonymous": True}]
    # 孙 is not a CS alumnus: the CS officer sees the gift, not who gave it
    sun = {"lastGiftOn": "2022-08-08", "contactable": True, "anonymous": False}
    assert [s for s in report["stewardship"] if s["lastGiftOn"] == "2022-08-08"] == [
        {"donor": {"__typename": "Alumnus", "externalId": "S"}} | sun
    ]
    assert [s for s in officer["stewardship"] if s["lastGiftOn"] == "2022-08-08"] == [{"donor": None} | sun]
    assert outsider["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert retention["retained"] == {"totalCount": 1, "nodes": [{"__typename": "Alumnus", "externalId": "W"}]}
    assert retention["lybunt"]["nodes"] == [{"externalId": "Z"}]
    assert retention["sybunt"]["nodes"] == [{"externalId": "S"}]
    assert retention["newDonors"]["nodes"] == [{"__typename": "Company", "creditCode": "C"}]
    assert retention["recaptured"]["nodes"] == [{"externalId": "L"}]


async def test_partner_companies_over_http(api: Api, db: Database) -> None:
    # given
    await db.write_rows(ENTERPRISES)
    # when
    data = (await api.data(PARTNERS, {"industry": "65", "region": "440000"}))["partnerCompanies"]
    organizer = await api.post(PARTNERS, {"industry": "65"}, role=Role.CHAPTER_ORGANIZER, chapter="X")
    alumnus = await api.post(PARTNERS, {"industry": "65"}, role=Role.ALUMNUS, alumnus="p1")
    unknown = await api.post(PARTNERS, {"industry": "ZZ"})
    # then
    assert [(m["company"]["name"], m["founderCount"], m["alumniCount"]) for m in data] == [
        ("D数据", 1, 1),
        ("A软件", 0, 3),
    ]
    assert data[0]["alumni"] == [{"role": "FOUNDER", "alumnus": {"externalId": "P4"}}]
    assert "errors" not in organizer
    assert alumnus["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert unknown["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_fund_report_reads_the_years_donations_in_one_batch(api: Api, db: Database) -> None:
    # given a fund with four donations in 2025
    await given_history(db)
    api.reset_count()
    variables = {"fund": gid("Fund", "f"), "year": 2025}
    # when it is read compiled (the API) and by the resolvers
    report = (await api.data(REPORT, variables))["fundReport"]
    compiled = list(api.app_db.counter.statements)
    await answer(RESOLVERS, db, REPORT, variables, ADMIN)
    # then compiled, the whole report is one statement; by the resolvers the donations cost one
    # statement, not one each (read from the fund, not looked up by id)
    assert len(report["donations"]) == 4
    assert len(compiled) == 1 and "UNWIND $ids" not in compiled[0]
    donation_reads = [s for s in db.counter.statements if "n:Donation" in s]
    assert len(donation_reads) == 1, db.counter.statements
    assert "UNWIND $ids" not in donation_reads[0]


async def test_fund_report_reads_donor_records_only_when_asked_even_through_fragments(
    api: Api, db: Database
) -> None:
    # given
    await given_history(db)
    plain = "query($f: ID!) { fundReport(fund: $f, year: 2025) { stewardship { lastGiftOn } } }"
    spread = """
    query($f: ID!) { fundReport(fund: $f, year: 2025) { ...R } }
    fragment R on FundReport { stewardship { ... on Stewardship { donor { ...D } } } }
    fragment D on Alumnus { externalId }
    """
    # when each is read by the resolvers, and compiled (the API)
    without = (await answer(RESOLVERS, db, plain, {"f": gid("Fund", "f")}, ADMIN)).response
    without_statements = list(db.counter.statements)
    with_donors = (await answer(RESOLVERS, db, spread, {"f": gid("Fund", "f")}, ADMIN)).response
    with_statements = list(db.counter.statements)
    api.reset_count()
    assert (await api.data(plain, {"f": gid("Fund", "f")})) == without["data"]
    compiled_without = list(api.app_db.counter.statements)
    api.reset_count()
    assert (await api.data(spread, {"f": gid("Fund", "f")})) == with_donors["data"]
    # then: no alumni records are read for a list that does not show donors
    assert len(without["data"]["fundReport"]["stewardship"]) == 5
    assert not any("OPTIONAL CALL" in s or ":Alumnus {id: wanted}" in s for s in without_statements)
    stewards = with_donors["data"]["fundReport"]["stewardship"]
    assert sorted(s["donor"]["externalId"] for s in stewards if s["donor"]) == ["L", "S", "W", "Z"]
    assert any("OPTIONAL CALL" in s for s in with_statements)
    # and compiled, one statement each, the donors' union projected only when shown
    assert len(compiled_without) == 1 and ":Alumnus AND" not in compiled_without[0]
    assert [":Alumnus AND" in s for s in api.app_db.counter.statements] == [True]


async def test_retention_totals_alone_are_counted_in_one_statement(api: Api, db: Database) -> None:
    # given
    await given_history(db)
    totals = "{ donorRetention(year: 2025) { a: retained { totalCount } lybunt { totalCount }"
    totals += " sybunt { totalCount } newDonors { totalCount } recaptured { totalCount } } }"
    # when
    full = (await api.data(RETENTION, {"fund": None}))["donorRetention"]
    api.reset_count()
    counted = (await api.data(totals))["donorRetention"]
    # then: the same sizes as the lists give, from one statement
    assert api.statements == 1
    assert counted == {
        "a": {"totalCount": full["retained"]["totalCount"]},
        **{s: {"totalCount": full[s]["totalCount"]} for s in ("lybunt", "sybunt", "newDonors", "recaptured")},
    }
    assert [full[s]["totalCount"] for s in ("retained", "lybunt", "sybunt", "newDonors", "recaptured")] == [
        1,
        1,
        1,
        1,
        1,
    ]
