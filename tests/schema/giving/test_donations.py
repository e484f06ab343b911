"""Donations through HTTP: validated CRUD, pledges and payments, giving scope, filters, deletes."""

from __future__ import annotations

import json

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

DONATION = """
donation {
  receiptNo kind amount currency amountCny date anonymous paidCny
  donor { __typename ... on Alumnus { name } ... on Company { name } }
  fund { code } pledge { receiptNo } payments { receiptNo } solicitor { name }
}
"""
CREATE = (
    "mutation C($input: CreateDonationInput!) { createDonation(input: $input) { "
    + DONATION
    + " userErrors { field code message } } }"
)
UPDATE = (
    "mutation U($input: UpdateDonationInput!) { updateDonation(input: $input) { "
    + DONATION
    + " userErrors { field code message } } }"
)
DELETE = "mutation D($input: DeleteDonationInput!) { deleteDonation(input: $input) { deletedId userErrors { field code } } }"
LIST = """
query L($filter: DonationFilter, $order: DonationSort, $desc: Boolean, $first: Int, $after: String) {
  donations(filter: $filter, orderBy: $order, descending: $desc, first: $first, after: $after) {
    totalCount nodes { receiptNo } pageInfo { hasNextPage endCursor }
  }
}
"""
ALUMNUS = "query A($id: ID!) { node(id: $id) { ... on Alumnus { donations { receiptNo } } } }"
COMPANY = "query C($id: ID!) { node(id: $id) { ... on Company { donations { receiptNo amountCny } } } }"


async def given_givers(db: Database) -> tuple[str, str]:
    """Funds F-CS (of CS) and F-EE (of EE), donor alumnus and solicitor alumnus (CS), company c1."""
    await given_colleges(db)
    donor, solicitor = await given_college_alumni(db, 2)
    await db.write_rows(
        """
        MATCH (cs:College {id: 'col-cs'}), (ee:College {id: 'col-ee'})
        CREATE (:Fund {id: 'f-cs', code: 'F-CS', name: 'cs', kind: 'OTHER'})-[:OF_COLLEGE]->(cs)
        CREATE (:Fund {id: 'f-ee', code: 'F-EE', name: 'ee', kind: 'OTHER'})-[:OF_COLLEGE]->(ee)
        CREATE (:Company {id: 'c1', creditCode: 'X-1', name: '甲公司'})
        """
    )
    return donor, solicitor


def gift(giver: str, receipt: str = "R1", /, **fields: object) -> dict[str, object]:
    """Input of a CNY gift to F-CS."""
    base: dict[str, object] = {
        "receiptNo": receipt,
        "kind": "GIFT",
        "amount": "1200",
        "date": "2024-03-01",
        "donor": gid("Alumnus", giver),
        "fund": gid("Fund", "f-cs"),
    }
    return base | fields


async def test_create_gift_stores_exact_amounts_and_is_audited(api: Api, db: Database) -> None:
    # given
    donor, solicitor = await given_givers(db)
    # when
    data = await api.data(
        CREATE, {"input": gift(donor, solicitor=gid("Alumnus", solicitor))}, role=Role.FUNDRAISER
    )
    # then
    assert data["createDonation"] == {
        "donation": {
            "receiptNo": "R1",
            "kind": "GIFT",
            "amount": "1200.00",
            "currency": "CNY",
            "amountCny": "1200.00",
            "date": "2024-03-01",
            "anonymous": False,
            "paidCny": None,
            "donor": {"__typename": "Alumnus", "name": "校友cs1"},
            "fund": {"code": "F-CS"},
            "pledge": None,
            "payments": [],
            "solicitor": {"name": "校友cs2"},
        },
        "userErrors": [],
    }
    assert (await db.read_rows("MATCH (d:Donation) RETURN d.amountCnyFen AS fen")) == [{"fen": 120000}]
    entry = (await audit_ops(db))[0]
    assert (entry["op"], entry["role"]) == ("createDonation", "FUNDRAISER")
    assert json.loads(entry["changes"])["amountCny"] == [None, "1200.00"]


async def test_foreign_currency_needs_its_cny_value(api: Api, db: Database) -> None:
    # given
    donor, _ = await given_givers(db)
    # when
    missing = await api.data(CREATE, {"input": gift(donor, currency="usd", amount="100")})
    given = await api.data(CREATE, {"input": gift(donor, currency="USD", amount="100", amountCny="719.85")})
    mismatch = await api.data(CREATE, {"input": gift(donor, "R2", amountCny="1000")})
    # then
    assert error_paths(missing["createDonation"]) == {"input.amountCny": "REQUIRED"}
    shown = given["createDonation"]["donation"]
    assert (shown["amount"], shown["currency"], shown["amountCny"]) == ("100.00", "USD", "719.85")
    assert error_paths(mismatch["createDonation"]) == {"input.amountCny": "INVALID"}


async def test_bad_amounts_and_references_are_user_errors(api: Api, db: Database) -> None:
    # given
    donor, _ = await given_givers(db)
    # when
    negative = await api.data(CREATE, {"input": gift(donor, amount="-5")})
    fraction = await api.data(CREATE, {"input": gift(donor, amount="10.001")})
    words = await api.data(CREATE, {"input": gift(donor, amount="ten", receiptNo="no spaces")})
    wrong = await api.data(
        CREATE, {"input": gift(donor, donor=gid("Fund", "f-cs"), fund=gid("Alumnus", donor))}
    )
    unknown = await api.data(CREATE, {"input": gift(donor, fund=gid("Fund", "nope"))})
    no_donor = await api.data(CREATE, {"input": gift(donor, donor=gid("Company", "nope"))})
    # then
    assert error_paths(negative["createDonation"]) == {"input.amount": "OUT_OF_RANGE"}
    assert error_paths(fraction["createDonation"]) == {"input.amount": "INVALID"}
    assert error_paths(words["createDonation"]) == {"input.amount": "INVALID", "input.receiptNo": "INVALID"}
    assert error_paths(wrong["createDonation"]) == {"input.donor": "INVALID", "input.fund": "INVALID"}
    assert error_paths(unknown["createDonation"]) == {"input.fund": "NOT_FOUND"}
    assert error_paths(no_donor["createDonation"]) == {"input.donor": "NOT_FOUND"}
    assert await count(db, "MATCH (d:Donation) RETURN count(d) AS n") == 0


async def test_a_receipt_number_is_used_once(api: Api, db: Database) -> None:
    # given
    donor, _ = await given_givers(db)
    await api.data(CREATE, {"input": gift(donor)})
    # when
    again = await api.data(CREATE, {"input": gift(donor)})
    # then
    assert error_paths(again["createDonation"]) == {"input.receiptNo": "DUPLICATE"}


async def test_payments_must_match_their_pledge(api: Api, db: Database) -> None:
    # given a pledge by the alumnus to F-CS and a gift
    donor, other = await given_givers(db)
    pledge = (await api.data(CREATE, {"input": gift(donor, "P1", kind="PLEDGE", amount="1000")}))[
        "createDonation"
    ]
    plain = (await api.data(CREATE, {"input": gift(donor, "G1")}))["createDonation"]
    pledge_id = gid(
        "Donation", (await db.read_rows("MATCH (d:Donation {receiptNo: 'P1'}) RETURN d.id AS id"))[0]["id"]
    )
    gift_id = gid(
        "Donation", (await db.read_rows("MATCH (d:Donation {receiptNo: 'G1'}) RETURN d.id AS id"))[0]["id"]
    )
    assert pledge["userErrors"] == plain["userErrors"] == []
    # when
    paid = await api.data(
        CREATE, {"input": gift(donor, "Y1", kind="PAYMENT", amount="250.10", pledge=pledge_id)}
    )
    paid_again = await api.data(
        CREATE, {"input": gift(donor, "Y2", kind="PAYMENT", amount="0.20", pledge=pledge_id)}
    )
    other_fund = await api.data(
        CREATE,
        {"input": gift(donor, "Y3", kind="PAYMENT", amount="1", fund=gid("Fund", "f-ee"), pledge=pledge_id)},
    )
    other_donor = await api.data(
        CREATE, {"input": gift(other, "Y4", kind="PAYMENT", amount="1", pledge=pledge_id)}
    )
    not_a_pledge = await api.data(CREATE, {"input": gift(donor, "Y5", kind="PAYMENT", pledge=gift_id)})
    not_a_payment = await api.data(CREATE, {"input": gift(donor, "Y6", pledge=pledge_id)})
    shown = await api.data(UPDATE, {"input": {"id": pledge_id}})
    # then
    assert paid["createDonation"]["donation"]["pledge"] == {"receiptNo": "P1"}
    assert paid_again["createDonation"]["userErrors"] == []
    assert error_paths(other_fund["createDonation"]) == {"input.pledge": "CONFLICT"}
    assert error_paths(other_donor["createDonation"]) == {"input.pledge": "CONFLICT"}
    assert error_paths(not_a_pledge["createDonation"]) == {"input.pledge": "INVALID"}
    assert error_paths(not_a_payment["createDonation"]) == {"input.pledge": "INVALID"}
    pledge_now = shown["updateDonation"]["donation"]
    assert pledge_now["paidCny"] == "250.30"
    assert sorted(p["receiptNo"] for p in pledge_now["payments"]) == ["Y1", "Y2"]
    assert await count(db, "MATCH (d:Donation) RETURN count(d) AS n") == 4


async def test_update_donation_settles_amounts_and_keeps_pledges_consistent(api: Api, db: Database) -> None:
    # given a USD gift and a pledge with a payment
    donor, _ = await given_givers(db)
    await api.data(CREATE, {"input": gift(donor, "U1", currency="USD", amount="100", amountCny="720")})
    await api.data(CREATE, {"input": gift(donor, "P1", kind="PLEDGE")})
    ids = {
        r["r"]: gid("Donation", r["id"])
        for r in await db.read_rows("MATCH (d:Donation) RETURN d.receiptNo AS r, d.id AS id")
    }
    await api.data(CREATE, {"input": gift(donor, "Y1", kind="PAYMENT", pledge=ids["P1"])})
    # when
    no_cny = await api.data(UPDATE, {"input": {"id": ids["U1"], "amount": "200"}})
    revalued = await api.data(UPDATE, {"input": {"id": ids["U1"], "amount": "200", "amountCny": "1440.50"}})
    anonymous = await api.data(UPDATE, {"input": {"id": ids["U1"], "anonymous": True, "solicitor": None}})
    re_kind = await api.data(UPDATE, {"input": {"id": ids["P1"], "kind": "GIFT"}})
    re_fund = await api.data(UPDATE, {"input": {"id": ids["P1"], "fund": gid("Fund", "f-ee")}})
    no_fund = await api.data(UPDATE, {"input": {"id": ids["P1"], "fund": None}})
    # then
    assert error_paths(no_cny["updateDonation"]) == {"input.amountCny": "REQUIRED"}
    assert revalued["updateDonation"]["donation"]["amountCny"] == "1440.50"
    assert anonymous["updateDonation"]["donation"]["anonymous"] is True
    assert error_paths(re_kind["updateDonation"]) == {"input.id": "CONFLICT"}
    assert error_paths(re_fund["updateDonation"]) == {"input.id": "CONFLICT"}
    assert error_paths(no_fund["updateDonation"]) == {"input.fund": "REQUIRED"}
    fen = await db.read_rows("MATCH (d:Donation {receiptNo: 'U1'}) RETURN d.amountCnyFen AS fen")
    assert fen == [{"fen": 144050}]


async def test_delete_a_paid_pledge_needs_detach(api: Api, db: Database) -> None:
    # given
    donor, _ = await given_givers(db)
    await api.data(CREATE, {"input": gift(donor, "P1", kind="PLEDGE")})
    pledge = gid("Donation", (await db.read_rows("MATCH (d:Donation) RETURN d.id AS id"))[0]["id"])
    await api.data(CREATE, {"input": gift(donor, "Y1", kind="PAYMENT", pledge=pledge)})
    # when
    forbidden = await api.post(DELETE, {"input": {"id": pledge}}, role=Role.FUNDRAISER)
    refused = await api.data(DELETE, {"input": {"id": pledge}})
    detached = await api.data(DELETE, {"input": {"id": pledge, "detach": True}})
    # then
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert error_paths(refused["deleteDonation"]) == {"input.id": "IN_USE"}
    assert detached["deleteDonation"]["deletedId"] == pledge
    assert await count(db, "MATCH (d:Donation) RETURN count(d) AS n") == 1


async def test_donations_are_seen_by_giving_roles_only(api: Api, db: Database) -> None:
    # given a gift to each college's fund from the alumnus (a member of chapter SZ)
    donor, _ = await given_givers(db)
    await given_member(db, donor)
    await api.data(CREATE, {"input": gift(donor, "R-CS")})
    await api.data(CREATE, {"input": gift(donor, "R-EE", fund=gid("Fund", "f-ee"))})
    # when
    fundraiser = await api.data(LIST, {"order": "RECEIPT_NO"}, role=Role.FUNDRAISER)
    officer = await api.data(LIST, {}, role=Role.COLLEGE_OFFICER, college="CS")
    organizer = await api.post(LIST, {}, role=Role.CHAPTER_ORGANIZER, chapter="SZ")
    alumnus = await api.post(LIST, {}, role=Role.ALUMNUS, alumnus=donor)
    organizer_view = await api.data(
        ALUMNUS, {"id": gid("Alumnus", donor)}, role=Role.CHAPTER_ORGANIZER, chapter="SZ"
    )
    fundraiser_view = await api.data(ALUMNUS, {"id": gid("Alumnus", donor)}, role=Role.FUNDRAISER)
    # then
    assert fundraiser["donations"]["nodes"] == [{"receiptNo": "R-CS"}, {"receiptNo": "R-EE"}]
    assert officer["donations"]["nodes"] == [{"receiptNo": "R-CS"}]
    assert organizer["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert alumnus["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert organizer_view["node"]["donations"] == []
    assert len(fundraiser_view["node"]["donations"]) == 2


async def test_donations_filters_and_date_order(api: Api, db: Database) -> None:
    # given
    donor, _ = await given_givers(db)
    company = gid("Company", "c1")
    for receipt, day, extra in [
        ("A", "2024-01-05", {}),
        ("B", "2023-12-31", {"kind": "PLEDGE"}),
        ("C", "2024-02-10", {"donor": company, "fund": gid("Fund", "f-ee"), "amount": "88.8"}),
    ]:
        done = await api.data(CREATE, {"input": gift(donor, receipt, date=day, **extra)})
        assert done["createDonation"]["userErrors"] == []

    async def receipts(flt: dict[str, object], desc: bool = False) -> list[str]:
        data = await api.data(LIST, {"filter": flt, "desc": desc, "first": 1})
        page = data["donations"]
        got = [n["receiptNo"] for n in page["nodes"]]
        while page["pageInfo"]["hasNextPage"]:
            data = await api.data(
                LIST, {"filter": flt, "desc": desc, "first": 1, "after": page["pageInfo"]["endCursor"]}
            )
            page = data["donations"]
            got += [n["receiptNo"] for n in page["nodes"]]
        return got

    # when / then
    assert await receipts({}) == ["B", "A", "C"]
    assert await receipts({}, desc=True) == ["C", "A", "B"]
    assert await receipts({"kinds": ["PLEDGE"]}) == ["B"]
    assert await receipts({"fund": gid("Fund", "f-cs")}) == ["B", "A"]
    assert await receipts({"dateFrom": "2024-01-01", "dateTo": "2024-01-31"}) == ["A"]
    assert await receipts({"donor": company}) == ["C"]
    shown = await api.data(COMPANY, {"id": company})
    assert shown["node"]["donations"] == [{"receiptNo": "C", "amountCny": "88.80"}]
