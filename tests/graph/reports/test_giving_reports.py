"""Recording gifts and the yearly reports, on a hand-made graph where every figure is known."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial

import pytest

from graph.core.db import Database, Tx
from graph.core.errors import Rejected
from graph.core.model import PartyRef
from graph.core.scope import FULL, Scope
from graph.giving.donation_rules import Draft
from graph.giving.gifts import cancel_pledge, record
from graph.reports.funds import fund_report, year_donations
from graph.reports.retention import Segment, all_counts, all_segments, page_of
from graph.reports.scorecards import chapter_activity, college_scorecard

WORLD = """
MATCH (city:Region {code: '440300'})
CREATE (cs:College {id: 'cs', code: 'CS', name: '计算机学院'}), (ee:College {id: 'ee', code: 'EE', name: '电子学院'})
CREATE (f:Fund {id: 'f', code: 'CS-DEV', name: '计算机发展基金', status: 'OPEN'})-[:OF_COLLEGE]->(cs)
CREATE (g:Fund {id: 'g', code: 'CS-SCH', name: '奖学金', status: 'OPEN'})-[:OF_COLLEGE]->(cs)
CREATE (:Fund {id: 'shut', code: 'OLD', name: '旧基金', status: 'CLOSED'})-[:OF_COLLEGE]->(cs)
CREATE (k:Class {id: 'k', code: 'CS-2010', name: '计算机2010级', graduationYear: 2010})-[:OF_COLLEGE]->(cs)
CREATE (wang:Alumnus {id: 'wang', externalId: 'W', name: '王', email: 'w@x.cn', consentContact: true})-[:STUDIED_IN]->(k)
CREATE (li:Alumnus {id: 'li', externalId: 'L', name: '李', consentContact: true})-[:STUDIED_IN]->(k)
CREATE (zhao:Alumnus {id: 'zhao', externalId: 'Z', name: '赵', phone: '13800138000', consentContact: false})-[:STUDIED_IN]->(k)
CREATE (sun:Alumnus {id: 'sun', externalId: 'S', name: '孙', email: 's@x.cn', consentContact: true})
CREATE (co:Company {id: 'co', creditCode: 'C', name: '王氏科技'})
CREATE (wang)-[:WORKS_AT {role: 'FOUNDER'}]->(co)
CREATE (wang)-[:LIVES_IN]->(city)
CREATE (ch:Chapter {id: 'ch', code: 'CS-CH', name: '计算机校友会', kind: 'COLLEGE'})-[:OF_COLLEGE]->(cs)
CREATE (e1:Event {id: 'e1', code: 'E1', name: '返校', kind: 'HOMECOMING', date: date('2025-10-01')})-[:ORGANIZED_BY]->(ch)
CREATE (e2:Event {id: 'e2', code: 'E2', name: '讲座', kind: 'LECTURE', date: date('2025-05-01')})-[:ORGANIZED_BY]->(cs)
CREATE (:Event {id: 'e3', code: 'E3', name: '旧', kind: 'GALA', date: date('2024-05-01')})-[:ORGANIZED_BY]->(cs)
CREATE (wang)-[:ATTENDED {role: 'GUEST'}]->(e1), (li)-[:ATTENDED {role: 'SPEAKER'}]->(e1), (li)-[:ATTENDED]->(e2)
CREATE (:Interaction {id: 'i1', kind: 'VISIT', date: date('2025-03-03')})-[:WITH]->(wang)
CREATE (:Interaction {id: 'i2', kind: 'MEETING', date: date('2025-04-04')})-[:WITH]->(ch)
CREATE (sun)-[:MEMBER_OF {role: 'MEMBER', sinceYear: 2025}]->(ch), (li)-[:MEMBER_OF {role: 'PRESIDENT', sinceYear: 2019}]->(ch)
"""


def gift(
    kind: str,
    receipt: str,
    amount: str,
    on: str,
    donor: str = "wang",
    label: str = "Alumnus",
    fund: str | None = "f",
    currency: str = "CNY",
    amount_cny: str | None = None,
    pledge: str | None = None,
    anonymous: bool = False,
) -> Draft:
    return Draft(
        kind=kind,
        receipt_no=receipt,
        donor=PartyRef(label, donor),
        fund_id=fund,
        amount=amount,
        currency=currency,
        amount_cny=amount_cny,
        on=date.fromisoformat(on),
        anonymous=anonymous,
        pledge_id=pledge,
    )


async def given_history(db: Database) -> dict[str, str]:
    """The giving history of the tests (ids of the pledges by receipt)."""
    await db.write_rows(WORLD)
    ids: dict[str, str] = {}

    async def put(tx: Tx, *, d: Draft) -> None:
        if d.pledge_id:
            d = replace(d, pledge_id=ids[d.pledge_id])
        ids[str(d.receipt_no)] = (await record(tx, d, FULL)).id

    history = [
        # 王 pledges 10,000.00 in 2024 and pays it in parts across the year end
        gift("PLEDGE", "P1", "10000.00", "2024-06-01"),
        gift("PAYMENT", "PAY1", "3000.00", "2024-12-20", pledge="P1"),
        gift("PAYMENT", "PAY2", "2500.50", "2025-01-15", pledge="P1"),
        # 李 gives in 2023 and 2025 (skips 2024): recaptured in 2025
        gift("GIFT", "G1", "200.00", "2023-05-05", donor="li"),
        gift("GIFT", "G2", "300.25", "2025-09-09", donor="li", anonymous=True),
        # 赵 gave in 2024 only: LYBUNT for 2025
        gift("GIFT", "G3", "50.00", "2024-02-02", donor="zhao"),
        # 孙 gave in 2022 only: SYBUNT for 2025; pledged in 2025 and cancelled
        gift("GIFT", "G4", "80.00", "2022-08-08", donor="sun"),
        gift("PLEDGE", "P2", "5000.00", "2025-03-01", donor="sun"),
        # 王氏科技 (王's company) gives USD 1,000 = CNY 7,123.45 in 2025: a new donor
        gift(
            "GIFT",
            "G5",
            "1000.00",
            "2025-11-11",
            donor="co",
            label="Company",
            currency="USD",
            amount_cny="7123.45",
        ),
        # a gift to the other fund of the college
        gift("GIFT", "G6", "10.01", "2025-12-31", donor="wang", fund="g"),
    ]
    for d in history:
        await db.write(partial(put, d=d))
    await db.write(lambda tx: cancel_pledge(tx, ids["P2"], date(2025, 6, 1)))
    return ids


async def test_fund_report_is_exact_to_the_cent(db: Database) -> None:
    # given
    await given_history(db)
    # when
    y2024 = await fund_report(db, FULL, "f", 2024)
    y2025 = await fund_report(db, FULL, "f", 2025)
    # then: 2024 received PAY1 + G3; pledged P1; outstanding 10000 - 3000
    assert (y2024.received, y2024.pledged, y2024.outstanding_pledges) == ("3050.00", "10000.00", "7000.00")
    assert (y2024.donor_count, y2024.new_donor_count) == (2, 2)  # 王 and 赵, both first giving in 2024
    # 2025: PAY2 2500.50 + G2 300.25 + G5 7123.45; P2 cancelled within the year
    assert (y2025.received, y2025.pledged, y2025.outstanding_pledges) == ("9924.20", "0.00", "4499.50")
    assert (y2025.donor_count, y2025.new_donor_count) == (3, 1)
    donations = await year_donations(db, FULL, "f", 2025)
    # P2 was cancelled but is dated 2025; G6 went to another fund; by date
    assert [d.receipt_no for d in donations] == ["PAY2", "P2", "G2", "G5"]


async def test_stewardship_lists_every_donor_and_hides_anonymous_ones_from_officers(db: Database) -> None:
    # given
    await given_history(db)
    officer = Scope(college_code="CS", directory=True)
    # when
    full = await fund_report(db, FULL, "f", 2025)
    masked = await fund_report(db, officer, "f", 2025)
    # then
    rows = {(s.donor_id, str(s.last_gift_on), s.contactable, s.anonymous) for s in full.stewardship}
    assert rows == {
        ("co", "2025-11-11", True, False),  # its founder 王 may be contacted
        ("li", "2025-09-09", False, True),  # consented, but no email or phone
        ("wang", "2025-01-15", True, False),
        ("zhao", "2024-02-02", False, False),
        ("sun", "2022-08-08", True, False),
    }
    assert [s.donor_id for s in masked.stewardship if s.anonymous] == [None]


async def test_outstanding_pledges_at_each_year_end(db: Database) -> None:
    # given 孙's pledge of 2025-03-01 was cancelled on 2025-06-01
    await given_history(db)
    # when
    y2026 = await fund_report(db, FULL, "f", 2026)
    # then: only 王's 10000 - 3000 - 2500.50 is open
    assert y2026.outstanding_pledges == "4499.50"
    assert y2026.received == "0.00"


async def test_retention_segments(db: Database) -> None:
    # given
    await given_history(db)
    # when
    seg = await all_counts(db, FULL, 2025, "f", None)
    segments = await all_segments(db, FULL, 2025, "f", None)
    names = {s: [d.id for d, _ in page_of(segments[s], 10, None)[0]] for s in Segment}
    # then: 王 gave 2024 (PAY1) and 2025 (PAY2); 李 recaptured; 赵 lybunt; 孙 sybunt; company new
    assert names == {
        Segment.RETAINED: ["wang"],
        Segment.RECAPTURED: ["li"],
        Segment.LYBUNT: ["zhao"],
        Segment.SYBUNT: ["sun"],
        Segment.NEW: ["co"],
    }
    assert seg == {
        Segment.RETAINED: 1,
        Segment.RECAPTURED: 1,
        Segment.LYBUNT: 1,
        Segment.SYBUNT: 1,
        Segment.NEW: 1,
    }


async def test_college_scorecard(db: Database) -> None:
    # given
    await given_history(db)
    # when
    rows = {r.college_id: r for r in await college_scorecard(db, FULL, 2025)}
    # then
    cs = rows["cs"]
    assert (cs.alumni_count, cs.complete_profiles) == (3, 1)  # 王 has email, a city and a job
    assert (cs.events_held, cs.attendance) == (2, 3)  # e1 by its chapter, e2 by the college
    assert cs.interactions == 2
    # 王 (PAY2, G6), 李 (G2) and the company (G5); 孙 only pledged
    assert (cs.raised_cny, cs.donor_count, cs.largest_gift_cny) == ("9934.21", 3, "7123.45")
    ee = rows["ee"]  # a college with no funds
    assert (ee.alumni_count, ee.raised_cny, ee.donor_count, ee.largest_gift_cny) == (0, "0.00", 0, "0.00")


async def test_chapter_activity(db: Database) -> None:
    # given
    await given_history(db)
    # when
    rows = await chapter_activity(db, FULL, 2025)
    # then
    assert [
        (r.chapter_id, r.events_organized, r.attendance, r.member_count, r.new_members, r.interactions)
        for r in rows
    ] == [("ch", 1, 2, 2, 1, 1)]


async def test_recording_rules(db: Database) -> None:
    # given
    ids = await given_history(db)
    attempts = {
        "duplicate receipt": gift("GIFT", "G1", "1.00", "2025-01-01"),
        "overpaid pledge": gift("PAYMENT", "PAY3", "4499.51", "2025-02-01", pledge=ids["P1"]),
        "cancelled pledge": gift("PAYMENT", "PAY4", "1.00", "2025-07-01", donor="sun", pledge=ids["P2"]),
        "closed fund": gift("GIFT", "G7", "1.00", "2025-01-01", fund="shut"),
        "unknown donor": gift("GIFT", "G8", "1.00", "2025-01-01", donor="nobody"),
        "wrong payer": gift("PAYMENT", "PAY5", "1.00", "2025-02-01", donor="li", pledge=ids["P1"]),
    }
    # when / then
    reasons = {}
    for name, d in attempts.items():
        with pytest.raises(Rejected) as caught:
            await db.write(partial(record, d=d, scope=FULL))
        reasons[name] = (caught.value.field, caught.value.reason)
    assert reasons == {
        "duplicate receipt": ("receiptNo", "DUPLICATE"),
        "overpaid pledge": ("amount", "OUT_OF_RANGE"),
        "cancelled pledge": ("pledge", "INVALID"),
        "closed fund": ("fund", "INVALID"),
        "unknown donor": ("donor", "NOT_FOUND"),
        "wrong payer": ("pledge", "CONFLICT"),
    }
    exact = gift("PAYMENT", "PAY6", "4499.50", "2025-02-01", pledge=ids["P1"])
    await db.write(lambda tx: record(tx, exact, FULL))
    assert (await fund_report(db, FULL, "f", 2025)).outstanding_pledges == "0.00"
