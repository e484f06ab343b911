"""One set of donation rules: the same bad input gets the same userErrors through every mutation.

Each case of the tables below goes through recordPledge / recordGift / recordPayment, through
createDonation, and through updateDonation (changing a valid donation of the same kind into the
bad one); all three must answer exactly the expected (field, code, message) list and change
nothing (graph.giving.donation_rules owns the rules).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from graph.core.db import Database
from schema.core.relay import to_global_id
from tests.conftest import Api
from tests.graph.reports.test_giving_reports import WORLD


def mutation(field: str, input_type: str) -> str:
    """A document calling one donation mutation, aliased `r`, showing the donation id and userErrors."""
    return (
        f"mutation($i: {input_type}!) {{ r: {field}(input: $i) {{"
        " donation { id } userErrors { field code message } } }"
    )


RECORD = {
    "GIFT": mutation("recordGift", "RecordGiftInput"),
    "PLEDGE": mutation("recordPledge", "RecordGiftInput"),
    "PAYMENT": mutation("recordPayment", "RecordPaymentInput"),
}
CREATE = mutation("createDonation", "CreateDonationInput")
UPDATE = mutation("updateDonation", "UpdateDonationInput")

# On top of WORLD (funds f and g OPEN, shut CLOSED; alumni wang, li…): donations with known ids.
# P1 (1,000.00) has PAY1 (400.00) paid: 600.00 open. P2 is cancelled; P-SHUT pledges to the closed
# fund (recorded before it closed). U-GIFT, U-PLEDGE and Q1 (a payment toward P3) are the
# donations the updates change.
DONATIONS = """
MATCH (wang:Alumnus {id: 'wang'})
UNWIND [
  {id: 'p1', r: 'P1', kind: 'PLEDGE', fen: 100000, fund: 'f', day: '2025-01-05'},
  {id: 'pay1', r: 'PAY1', kind: 'PAYMENT', fen: 40000, fund: 'f', day: '2025-02-05'},
  {id: 'p2', r: 'P2', kind: 'PLEDGE', fen: 50000, fund: 'f', day: '2025-01-06', cancelled: '2025-03-01'},
  {id: 'g1', r: 'G1', kind: 'GIFT', fen: 10000, fund: 'f', day: '2025-01-07'},
  {id: 'p-shut', r: 'P-SHUT', kind: 'PLEDGE', fen: 50000, fund: 'shut', day: '2024-01-01'},
  {id: 'u-gift', r: 'U-GIFT', kind: 'GIFT', fen: 10000, fund: 'f', day: '2025-02-01'},
  {id: 'u-pledge', r: 'U-PLEDGE', kind: 'PLEDGE', fen: 300000, fund: 'f', day: '2025-02-01'},
  {id: 'p3', r: 'P3', kind: 'PLEDGE', fen: 200000, fund: 'f', day: '2025-01-10'},
  {id: 'q1', r: 'Q1', kind: 'PAYMENT', fen: 5000, fund: 'f', day: '2025-04-01'}
] AS x
MATCH (fund:Fund {id: x.fund})
CREATE (d:Donation {id: x.id, receiptNo: x.r, kind: x.kind, currency: 'CNY', amountCnyFen: x.fen,
                    amount: toString(x.fen / 100) + '.00', amountCny: toString(x.fen / 100) + '.00',
                    date: date(x.day), anonymous: false, createdAt: datetime(), updatedAt: datetime()})
SET d.cancelledOn = date(x.cancelled), d.status = CASE WHEN x.cancelled IS NULL THEN null ELSE 'CANCELLED' END
CREATE (d)-[:TO]->(fund), (d)-[:FROM]->(wang)
"""
PAYS = """
UNWIND [['pay1', 'p1'], ['q1', 'p3']] AS pair
MATCH (d:Donation {id: pair[0]}), (p:Donation {id: pair[1]}) CREATE (d)-[:PAYS]->(p)
"""
SNAPSHOT = """
MATCH (d:Donation)
RETURN d.receiptNo AS receipt, properties(d) AS props,
       [(d)-[r]->(n) | [type(r), n.id]] AS links ORDER BY receipt
"""
OPEN_ON_P1 = """
MATCH (p:Donation {id: 'p1'})
RETURN p.amountCnyFen - reduce(s = 0, v IN [(x:Donation)-[:PAYS]->(p) | x.amountCnyFen] | s + v) AS open
"""
TOMORROW = (date.today() + timedelta(days=1)).isoformat()


def gid(kind: str, node_id: str) -> str:
    return str(to_global_id(kind, node_id))


# The pledges a payment case may name, with their fund and donor (createDonation names them too).
PLEDGES = {
    "p1": ("f", "wang"),
    "p2": ("f", "wang"),
    "g1": ("f", "wang"),
    "p-shut": ("shut", "wang"),
    "nope": ("f", "wang"),
}

# Cases for every kind: input changes → expected userErrors (field, code, message).
EVERY_KIND: dict[str, tuple[dict[str, Any], list[tuple[str, str, str]]]] = {
    "zero amount": ({"amount": "0"}, [("amount", "OUT_OF_RANGE", "the amount must be more than zero")]),
    "negative amount": ({"amount": "-5"}, [("amount", "OUT_OF_RANGE", "the amount must be more than zero")]),
    "three decimals": (
        {"amount": "1.005"},
        [("amount", "INVALID", "amount has more than 2 decimal places")],
    ),
    "not a number": ({"amount": "ten"}, [("amount", "INVALID", "not a decimal amount")]),
    "a trillion": (
        {"amount": "1000000000000"},
        [("amount", "OUT_OF_RANGE", "the amount must be less than a trillion")],
    ),
    "future date": ({"date": TOMORROW}, [("date", "OUT_OF_RANGE", "the date is in the future")]),
    "before 1890": ({"date": "1889-12-31"}, [("date", "OUT_OF_RANGE", "the date is before 1890")]),
    "CNY value unlike the amount": (
        {"amountCny": "99.00"},
        [("amountCny", "INVALID", "for a CNY donation amountCny equals the amount")],
    ),
    "foreign without CNY value": (
        {"currency": "USD"},
        [("amountCny", "REQUIRED", "give the CNY value of this USD donation")],
    ),
    "foreign CNY value zero": (
        {"currency": "USD", "amountCny": "0.00"},
        [("amountCny", "OUT_OF_RANGE", "the amount must be more than zero")],
    ),
    "bad currency": (
        {"currency": "US"},
        [("currency", "INVALID", "use a three-letter ISO 4217 currency code")],
    ),
    "bad receipt number": (
        {"receiptNo": "no spaces"},
        [("receiptNo", "INVALID", "use 1-40 letters, digits, '.', '_' or '-'")],
    ),
    "receipt number taken": (
        {"receiptNo": "G1"},
        [("receiptNo", "DUPLICATE", "a donation with receipt number G1 already exists")],
    ),
    "unknown solicitor": (
        {"solicitor": gid("Alumnus", "nobody")},
        [("solicitor", "NOT_FOUND", "no Alumnus with this ID")],
    ),
    "several problems": (
        {"receiptNo": "x y", "amount": "0", "currency": "usd1", "date": TOMORROW},
        [
            ("receiptNo", "INVALID", "use 1-40 letters, digits, '.', '_' or '-'"),
            ("amount", "OUT_OF_RANGE", "the amount must be more than zero"),
            ("currency", "INVALID", "use a three-letter ISO 4217 currency code"),
            ("date", "OUT_OF_RANGE", "the date is in the future"),
        ],
    ),
}
# Gifts and pledges: the donor and fund named.
GIVING: dict[str, tuple[dict[str, Any], list[tuple[str, str, str]]]] = {
    "closed fund": ({"fund": gid("Fund", "shut")}, [("fund", "INVALID", "the fund is closed to new gifts")]),
    "unknown fund": ({"fund": gid("Fund", "nope")}, [("fund", "NOT_FOUND", "no Fund with this ID")]),
    "not a fund": ({"fund": gid("Alumnus", "wang")}, [("fund", "INVALID", "expected the ID of a Fund")]),
    "unknown donor": (
        {"donor": gid("Alumnus", "nobody")},
        [("donor", "NOT_FOUND", "no Alumnus with this ID")],
    ),
    "everything at once": (
        {"amount": "1.001", "date": "1700-01-01", "fund": gid("Fund", "shut"), "solicitor": gid("Fund", "f")},
        [
            ("amount", "INVALID", "amount has more than 2 decimal places"),
            ("date", "OUT_OF_RANGE", "the date is before 1890"),
            ("fund", "INVALID", "the fund is closed to new gifts"),
            ("solicitor", "INVALID", "expected the ID of an Alumnus"),
        ],
    ),
}
# Payments: the pledge named (its fund and donor are the payment's).
PAYING: dict[str, tuple[dict[str, Any], list[tuple[str, str, str]]]] = {
    "above what is open": (
        {"amount": "600.01"},
        [("amount", "OUT_OF_RANGE", "the payment exceeds what is still open on the pledge (600.00 CNY)")],
    ),
    "foreign, above what is open in CNY": (
        {"amount": "100", "currency": "USD", "amountCny": "720.00"},
        [("amount", "OUT_OF_RANGE", "the payment exceeds what is still open on the pledge (600.00 CNY)")],
    ),
    "cancelled pledge": ({"pledge": "p2"}, [("pledge", "INVALID", "the pledge was cancelled")]),
    "not a pledge": ({"pledge": "g1"}, [("pledge", "INVALID", "the donation paid toward is not a PLEDGE")]),
    "unknown pledge": ({"pledge": "nope"}, [("pledge", "NOT_FOUND", "no pledge with this ID")]),
    "pledge to a closed fund": (
        {"pledge": "p-shut"},
        [("fund", "INVALID", "the fund is closed to new gifts")],
    ),
    "above what is open, and late": (
        {"amount": "600.01", "date": TOMORROW},
        [
            ("amount", "OUT_OF_RANGE", "the payment exceeds what is still open on the pledge (600.00 CNY)"),
            ("date", "OUT_OF_RANGE", "the date is in the future"),
        ],
    ),
}
# The valid donation each update changes, per kind.
UPDATED = {"GIFT": "u-gift", "PLEDGE": "u-pledge", "PAYMENT": "q1"}


def inputs(kind: str, change: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The record…, createDonation and updateDonation inputs of one case."""
    if kind == "PAYMENT":
        pledge = change.get("pledge", "p1")
        fund, donor = PLEDGES[pledge]
        named = {"pledge": gid("Donation", pledge)}
        links = named | {"fund": gid("Fund", fund), "donor": gid("Alumnus", donor)}
        base = {"receiptNo": "NEW", "amount": "100", "date": "2025-05-01"} | named
        record = base | change | named
        return (
            record,
            record | links | {"kind": kind},
            {"id": gid("Donation", UPDATED[kind])} | links | change | named,
        )
    base = {"receiptNo": "NEW", "donor": gid("Alumnus", "wang"), "fund": gid("Fund", "f")}
    base |= {"amount": "100", "date": "2025-05-01"}
    return base | change, base | change | {"kind": kind}, {"id": gid("Donation", UPDATED[kind])} | change


async def errors(api: Api, document: str, data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The userErrors of a mutation as (field below input, code, message); fails if it succeeded."""
    payload = (await api.data(document, {"i": data}))["r"]
    assert payload["donation"] is None, (data, payload)
    return [(".".join(e["field"][1:]), e["code"], e["message"]) for e in payload["userErrors"]]


async def answers(api: Api, kind: str, change: dict[str, Any]) -> dict[str, list[tuple[str, str, str]]]:
    """The userErrors of one case through each path."""
    record, create, update = inputs(kind, change)
    return {
        "record": await errors(api, RECORD[kind], record),
        "createDonation": await errors(api, CREATE, create),
        "updateDonation": await errors(api, UPDATE, update),
    }


async def given_donations(db: Database) -> list[dict[str, Any]]:
    """WORLD and DONATIONS; returns the snapshot of every donation."""
    await db.write_rows(WORLD)
    await db.write_rows(DONATIONS)
    await db.write_rows(PAYS)
    return await db.read_rows(SNAPSHOT)


async def assert_nothing_changed(db: Database, before: list[dict[str, Any]]) -> None:
    """Every donation (properties, links) as before; no audit entry; 600.00 still open on P1."""
    assert await db.read_rows(SNAPSHOT) == before
    assert await db.read_rows("MATCH (e:AuditEntry) RETURN count(e) AS n") == [{"n": 0}]
    assert await db.read_rows(OPEN_ON_P1) == [{"open": 60000}]


async def run_table(
    api: Api, kind: str, table: dict[str, tuple[dict[str, Any], list[tuple[str, str, str]]]]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(what each path answered, what was expected) per case."""
    got, expected = {}, {}
    for name, (change, wanted) in table.items():
        got[name] = await answers(api, kind, change)
        expected[name] = {path: wanted for path in got[name]}
    return got, expected


async def test_gifts_are_refused_alike_by_record_gift_create_and_update(api: Api, db: Database) -> None:
    # given
    before = await given_donations(db)
    # when
    got, expected = await run_table(api, "GIFT", EVERY_KIND | GIVING)
    # then
    assert got == expected
    await assert_nothing_changed(db, before)


async def test_pledges_are_refused_alike_by_record_pledge_create_and_update(api: Api, db: Database) -> None:
    # given
    before = await given_donations(db)
    # when
    got, expected = await run_table(api, "PLEDGE", EVERY_KIND | GIVING)
    # then
    assert got == expected
    await assert_nothing_changed(db, before)


async def test_payments_are_refused_alike_by_record_payment_create_and_update(api: Api, db: Database) -> None:
    # given: 600.00 open on P1; the update moves payment Q1 from P3 to the pledge named
    before = await given_donations(db)
    # when
    got, expected = await run_table(api, "PAYMENT", EVERY_KIND | PAYING)
    # then
    assert got == expected
    await assert_nothing_changed(db, before)


async def update_errors(api: Api, donation: str, **change: Any) -> list[tuple[str, str, str]]:
    """The userErrors of updating a donation (empty when it was changed)."""
    payload = (await api.data(UPDATE, {"i": {"id": gid("Donation", donation)} | change}))["r"]
    return [(".".join(e["field"][1:]), e["code"], e["message"]) for e in payload["userErrors"]]


async def open_on_p1(db: Database) -> int:
    return int((await db.read_rows(OPEN_ON_P1))[0]["open"])


async def test_updates_count_the_other_payments_and_what_was_paid_on_a_pledge(api: Api, db: Database) -> None:
    # given P1 (1,000.00) paid by PAY1 (400.00) and PAY2 (100.00)
    await given_donations(db)
    pay2 = {"receiptNo": "PAY2", "pledge": gid("Donation", "p1"), "amount": "100", "date": "2025-05-01"}
    assert (await api.data(RECORD["PAYMENT"], {"i": pay2}))["r"]["userErrors"] == []
    # when
    lowered = await update_errors(api, "p1", amount="499.99")
    raised = await update_errors(api, "pay1", amount="900.01")
    filled = await update_errors(api, "pay1", amount="900.00")
    one_more = await errors(api, RECORD["PAYMENT"], pay2 | {"receiptNo": "PAY3", "amount": "0.01"})
    lowered_again = await update_errors(api, "p1", amount="999.99", anonymous=True)
    regifted = await update_errors(api, "pay1", kind="GIFT")
    unpaid = await update_errors(api, "pay1", pledge=None)
    # then
    assert lowered == [
        ("amount", "OUT_OF_RANGE", "the pledge is less than what has been paid on it (500.00 CNY)")
    ]
    assert raised == [
        ("amount", "OUT_OF_RANGE", "the payment exceeds what is still open on the pledge (900.00 CNY)")
    ]
    assert filled == []
    assert one_more == [
        ("amount", "OUT_OF_RANGE", "the payment exceeds what is still open on the pledge (0.00 CNY)")
    ]
    assert lowered_again == [
        ("amount", "OUT_OF_RANGE", "the pledge is less than what has been paid on it (1000.00 CNY)")
    ]
    assert regifted == [("pledge", "INVALID", "only a PAYMENT pays toward a pledge")]
    assert unpaid == [("pledge", "REQUIRED", "a PAYMENT names the pledge it pays toward")]
    assert await open_on_p1(db) == 0
    p1 = await db.read_rows(
        "MATCH (p:Donation {id: 'p1'}) RETURN p.amount AS amount, p.anonymous AS anonymous"
    )
    assert p1 == [{"amount": "1000.00", "anonymous": False}]


async def test_a_donation_made_before_its_fund_closed_or_its_pledge_was_cancelled_can_be_corrected(
    api: Api, db: Database
) -> None:
    # given P-SHUT, pledged before its fund closed, and PAY-C (50.00), paid before P2 was cancelled
    await given_donations(db)
    await db.write_rows(
        "MATCH (p:Donation {id: 'p2'}), (f:Fund {id: 'f'}), (w:Alumnus {id: 'wang'})"
        " CREATE (c:Donation {id: 'pay-c', receiptNo: 'PAY-C', kind: 'PAYMENT', amount: '50.00', currency: 'CNY',"
        " amountCny: '50.00', amountCnyFen: 5000, date: date('2025-02-01'), anonymous: false})"
        " CREATE (c)-[:PAYS]->(p), (c)-[:TO]->(f), (c)-[:FROM]->(w)"
    )
    # when
    redated = await update_errors(api, "p-shut", date="2024-02-01")
    pledged_more = await update_errors(api, "p-shut", amount="500.01")
    anonymous = await update_errors(api, "pay-c", anonymous=True)
    paid_less = await update_errors(api, "pay-c", amount="40")
    paid_more = await update_errors(api, "pay-c", amount="60")
    # then
    assert (redated, anonymous, paid_less) == ([], [], [])
    assert pledged_more == [("fund", "INVALID", "the fund is closed to new gifts")]
    assert paid_more == [("pledge", "INVALID", "the pledge was cancelled")]
    rows = await db.read_rows(
        "MATCH (d:Donation) WHERE d.id IN ['p-shut', 'pay-c']"
        " RETURN d.id AS id, toString(d.date) AS day, d.amount AS amount, d.anonymous AS anonymous ORDER BY id"
    )
    assert rows == [
        {"id": "p-shut", "day": "2024-02-01", "amount": "500.00", "anonymous": False},
        {"id": "pay-c", "day": "2025-02-01", "amount": "40.00", "anonymous": True},
    ]


CANCEL = (
    "mutation($i: CancelPledgeInput!) { r: cancelPledge(input: $i) {"
    " donation { receiptNo } userErrors { field code message } } }"
)


async def test_a_cancellation_follows_the_date_rules_of_every_donation(api: Api, db: Database) -> None:
    # given P1, pledged on 2025-01-05
    before = await given_donations(db)
    p1 = gid("Donation", "p1")
    # when
    answered = {
        day: await errors(api, CANCEL, {"pledge": p1, "date": day})
        for day in (TOMORROW, "1889-12-31", "2025-01-04")
    }
    # then: nothing is cancelled, and the same day as the pledge is fine
    assert answered == {
        TOMORROW: [("date", "OUT_OF_RANGE", "the date is in the future")],
        "1889-12-31": [("date", "OUT_OF_RANGE", "the date is before 1890")],
        "2025-01-04": [("date", "OUT_OF_RANGE", "the date is before the pledge's date (2025-01-05)")],
    }
    await assert_nothing_changed(db, before)
    same_day = (await api.data(CANCEL, {"i": {"pledge": p1, "date": "2025-01-05"}}))["r"]
    assert same_day == {"donation": {"receiptNo": "P1"}, "userErrors": []}
