"""donations.csv rows follow the donation rules that need the graph: what is open on a pledge, the
pledge's fund and donor, closed funds and cancelled pledges (the same rules as GraphQL's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.bundle.importer import import_bundle
from graph.core.db import Database
from tests.bundle_support import SMALL, dump, write
from tests.conftest import wipe

HEAD = "receipt_no,donor_external_id,donor_credit_code,fund_code,kind,amount,currency,amount_cny,date,pledge_receipt_no\n"
# In the small bundle: pledge R2023-0001 of S2006001 to CS-DEV, 1000000.00 CNY, paid 200000.00 by R2023-0002.
STORED_PAYMENT = "R2023-0002,S2006001,,CS-DEV,PAYMENT,200000,,,2023-06-01,R2023-0001"


@pytest.fixture
async def existing(db: Database) -> Database:
    """The small bundle is in the database already."""
    await import_bundle(db, SMALL)
    return db


def donations(folder: Path, *rows: str) -> Path:
    return write(folder, "donations.csv", HEAD + "\n".join(rows) + "\n")


async def receipts(db: Database, prefix: str) -> dict[str, int]:
    rows = await db.read_rows(
        "MATCH (d:Donation) WHERE d.receiptNo STARTS WITH $prefix RETURN d.receiptNo AS r, d.amountCnyFen AS fen",
        {"prefix": prefix},
    )
    return {r["r"]: r["fen"] for r in rows}


async def test_a_payment_above_what_is_open_is_refused_counting_stored_payments_and_other_rows(
    existing: Database, tmp_path: Path
) -> None:
    # given: G-1 comes after its first payment; R2023-0001 has 800000.00 open; payments count in
    # date order (then receipt number), whatever their order in the file
    bundle = donations(
        tmp_path / "g",
        "G-2,S2006001,,CS-DEV,PAYMENT,300,,,2024-02-01,G-1",
        "G-1,S2006001,,CS-DEV,PLEDGE,500,,,2024-01-01,",
        "G-3,S2006001,,CS-DEV,PAYMENT,300,,,2024-02-02,G-1",
        "G-4,S2006001,,CS-DEV,PAYMENT,800000.01,,,2024-02-03,R2023-0001",
        "G-5,S2006001,,CS-DEV,PAYMENT,800000.00,,,2024-02-03,R2023-0001",
        "G-6,S2006001,,CS-DEV,PAYMENT,10,USD,0.01,2024-02-04,R2023-0001",
        "R2023-0002,S2006001,,CS-DEV,PAYMENT,200000.01,,,2024-03-01,R2023-0001",
    )
    # when
    report = await import_bundle(existing, bundle)
    # then
    assert [str(p) for p in report.sorted_problems()] == [
        "donations.csv:4: amount: the payment exceeds what is still open on the pledge (200.00 CNY)",
        "donations.csv:5: amount: the payment exceeds what is still open on the pledge (800000.00 CNY)",
        "donations.csv:7: amount_cny: the payment exceeds what is still open on the pledge (0.00 CNY)",
        "donations.csv:8: amount: the payment exceeds what is still open on the pledge (200000.00 CNY)",
    ]
    assert await receipts(existing, "G-") == {"G-1": 50000, "G-2": 30000, "G-5": 80000000}
    assert await receipts(existing, "R2023-0002") == {"R2023-0002": 20000000}


async def test_a_payment_on_a_pledge_imported_before_counts_its_stored_payments(
    existing: Database, tmp_path: Path
) -> None:
    # given: the pledge and a first payment came in an earlier import
    await import_bundle(
        existing,
        donations(
            tmp_path / "first",
            "H-1,S2006001,,CS-DEV,PLEDGE,500,,,2024-01-01,",
            "H-2,S2006001,,CS-DEV,PAYMENT,100,,,2024-01-02,H-1",
        ),
    )
    later = donations(
        tmp_path / "later",
        "H-3,S2006001,,CS-DEV,PAYMENT,300,,,2024-02-01,H-1",
        "H-4,S2006001,,CS-DEV,PAYMENT,100.01,,,2024-02-02,H-1",
    )
    # when
    report = await import_bundle(existing, later)
    # then
    assert [str(p) for p in report.sorted_problems()] == [
        "donations.csv:3: amount: the payment exceeds what is still open on the pledge (100.00 CNY)",
    ]
    assert await receipts(existing, "H-") == {"H-1": 50000, "H-2": 10000, "H-3": 30000}


async def test_a_payment_toward_a_pledge_of_another_fund_or_donor_is_refused(
    existing: Database, tmp_path: Path
) -> None:
    # given
    bundle = donations(
        tmp_path / "p",
        "P-1,S1996004,,CS-DEV,PAYMENT,10,,,2024-02-01,R2023-0001",
        "P-2,S2006001,,SCH-01,PAYMENT,10,,,2024-02-01,R2023-0001",
        "P-3,,91440300MA5F000007,CS-DEV,PAYMENT,10,,,2024-02-01,R2023-0001",
    )
    # when
    report = await import_bundle(existing, bundle)
    # then
    assert [str(p) for p in report.sorted_problems()] == [
        "donations.csv:2: pledge_receipt_no: the pledge is from another donor or to another fund",
        "donations.csv:3: pledge_receipt_no: the pledge is from another donor or to another fund",
        "donations.csv:4: pledge_receipt_no: the pledge is from another donor or to another fund",
    ]
    assert await receipts(existing, "P-") == {}


async def test_no_new_donation_goes_to_a_closed_fund(existing: Database, tmp_path: Path) -> None:
    # given: CS-DEV closed after the small bundle's donations were recorded
    await existing.write_rows("MATCH (f:Fund {code: 'CS-DEV'}) SET f.status = 'CLOSED'")
    before = await dump(existing, full=True)
    bundle = donations(
        tmp_path / "c",
        "C-1,S2006001,,CS-DEV,GIFT,10,,,2024-02-01,",
        "C-2,S2006001,,CS-DEV,PAYMENT,10,,,2024-02-01,R2023-0001",
        STORED_PAYMENT,
        "R2023-0003,,91440300MA5F000007,CS-DEV,GIFT,50000.51,,,2023-09-10,",
        "C-3,S2006001,,SCH-01,GIFT,10,,,2024-02-01,",
    )
    # when
    report = await import_bundle(existing, bundle)
    # then: recorded before the fund closed, the stored payment imports again unchanged
    assert [str(p) for p in report.sorted_problems()] == [
        "donations.csv:2: fund_code: the fund is closed to new gifts",
        "donations.csv:3: fund_code: the fund is closed to new gifts",
        "donations.csv:5: fund_code: the fund is closed to new gifts",
    ]
    assert await receipts(existing, "C-") == {"C-3": 1000}
    nodes, rels = await dump(existing, full=True)
    assert [n for n in nodes if "C-3" not in n] == before[0]
    assert [r for r in rels if "C-3" not in r] == before[1]


async def test_no_new_payment_goes_toward_a_cancelled_pledge(existing: Database, tmp_path: Path) -> None:
    # given: R2023-0001 cancelled after its payment was recorded
    await existing.write_rows(
        "MATCH (p:Donation {receiptNo: 'R2023-0001'}) SET p.cancelledOn = date('2024-01-01'), p.status = 'CANCELLED'"
    )
    before = await dump(existing, full=True)
    bundle = donations(
        tmp_path / "x", "X-1,S2006001,,CS-DEV,PAYMENT,10,,,2024-02-01,R2023-0001", STORED_PAYMENT
    )
    more = donations(
        tmp_path / "more", "R2023-0002,S2006001,,CS-DEV,PAYMENT,200000.01,,,2023-06-01,R2023-0001"
    )
    # when
    report = await import_bundle(existing, bundle)
    grown = await import_bundle(existing, more)
    # then: the payment recorded before the cancellation imports again unchanged, but does not grow
    assert [str(p) for p in report.sorted_problems()] == [
        "donations.csv:2: pledge_receipt_no: the pledge was cancelled",
    ]
    assert [str(p) for p in grown.sorted_problems()] == [
        "donations.csv:2: pledge_receipt_no: the pledge was cancelled",
    ]
    assert await dump(existing, full=True) == before


async def test_a_payment_needs_the_pledge_column(existing: Database, tmp_path: Path) -> None:
    # given: a header without pledge_receipt_no
    head = "receipt_no,donor_external_id,fund_code,kind,amount,date\n"
    bundle = write(
        tmp_path / "n",
        "donations.csv",
        head + "N-1,S2006001,CS-DEV,PAYMENT,10,2024-02-01\nN-2,S2006001,CS-DEV,GIFT,10,2024-02-01\n",
    )
    # when
    report = await import_bundle(existing, bundle)
    # then
    assert [str(p) for p in report.sorted_problems()] == [
        "donations.csv:2: pledge_receipt_no: missing column: a PAYMENT pays a pledge",
    ]
    assert await receipts(existing, "N-") == {"N-2": 1000}


async def test_importing_pledges_and_payments_again_changes_nothing(
    existing: Database, tmp_path: Path
) -> None:
    # given: pledges paid in full, the payments before and after their pledges, one stored pledge
    bundle = donations(
        tmp_path / "i",
        "I-2,S2006001,,CS-DEV,PAYMENT,200,,,2024-02-01,I-1",
        "I-1,S2006001,,CS-DEV,PLEDGE,500,,,2024-01-01,",
        "I-3,S2006001,,CS-DEV,PAYMENT,300,,,2024-02-02,I-1",
        "I-4,S1996004,,SCH-01,PLEDGE,100,USD,715,2024-01-01,",
        "I-5,S1996004,,SCH-01,PAYMENT,100,USD,715,2024-03-01,I-4",
        "I-6,S2006001,,CS-DEV,PAYMENT,800000,,,2024-03-01,R2023-0001",
        STORED_PAYMENT,
    )
    first = await import_bundle(existing, bundle)
    assert first.problems == [] and first.rows_imported == 7
    before = await dump(existing, full=True)
    # when
    again = await import_bundle(existing, bundle)
    # then
    assert again.problems == [] and again.file_problems == []
    assert again.rows_imported == 7
    assert again.counts.changes == 0
    assert await dump(existing, full=True) == before


async def test_a_restated_pledge_is_never_lowered_below_what_was_paid_on_it(
    existing: Database, tmp_path: Path
) -> None:
    # given: R2023-0001 (1000000.00) paid 200000.00 by R2023-0002
    before = await dump(existing, full=True)
    refused = [
        donations(tmp_path / "low", "R2023-0001,S2006001,,CS-DEV,PLEDGE,199999.99,,,2023-01-15,"),
        donations(tmp_path / "gift", "R2023-0001,S2006001,,CS-DEV,GIFT,1000000,,,2023-01-15,"),
        donations(tmp_path / "moved", "R2023-0001,S2006001,,SCH-01,PLEDGE,1000000,,,2023-01-15,"),
        donations(tmp_path / "donor", "R2023-0001,S1996004,,CS-DEV,PLEDGE,1000000,,,2023-01-15,"),
    ]
    paid_in_file = donations(
        tmp_path / "file",
        "L-1,S2006001,,CS-DEV,PAYMENT,60000,,,2024-02-01,R2023-0001",
        "R2023-0001,S2006001,,CS-DEV,PLEDGE,250000,,,2023-01-15,",
    )
    # when
    reports = [await import_bundle(existing, bundle) for bundle in refused]
    unharmed = await dump(existing, full=True)
    report = await import_bundle(existing, paid_in_file)
    # then: the same rule and wording as updateDonation; nothing stored is harmed
    stay = "payments toward this pledge need it to stay a PLEDGE of their fund and donor"
    assert [[str(p) for p in r.sorted_problems()] for r in reports] == [
        ["donations.csv:2: amount: the pledge is less than what has been paid on it (200000.00 CNY)"],
        [f"donations.csv:2: kind: {stay}"],
        [f"donations.csv:2: fund_code: {stay}"],
        [f"donations.csv:2: donor_external_id: {stay}"],
    ]
    assert unharmed == before
    assert [str(p) for p in report.sorted_problems()] == [
        "donations.csv:3: amount: the pledge is less than what has been paid on it (260000.00 CNY)",
    ]
    assert await receipts(existing, "R2023-000") == {
        "R2023-0001": 100000000,
        "R2023-0002": 20000000,
        "R2023-0003": 5000050,
    }
    assert await receipts(existing, "L-") == {"L-1": 6000000}


# Stored: R2023-0001 (1000000.00) paid 200000.00 by R2023-0002; M-1 (800.00) paid 600.00 by M-2.
STORED_M = (
    "M-1,S2006001,,CS-DEV,PLEDGE,800,,,2024-01-01,",
    "M-2,S2006001,,CS-DEV,PAYMENT,600,,,2024-01-02,M-1",
)
WHOLE_FILE = (
    "R2023-0001,S2006001,,CS-DEV,PLEDGE,1100000,,,2023-01-15,",  # restated higher
    "Z-1,S2006001,,CS-DEV,PAYMENT,900000,,,2024-03-01,R2023-0001",
    "Z-2,S2006001,,CS-DEV,PAYMENT,100000.01,,,2024-03-02,R2023-0001",
    "R2023-0002,S2006001,,CS-DEV,PAYMENT,100000,,,2023-06-01,R2023-0001",  # lowered
    "K-1,S2006001,,CS-DEV,PLEDGE,500,,,2024-01-01,",
    "K-2,S2006001,,CS-DEV,PAYMENT,300,,,2024-02-01,K-1",
    "K-3,S2006001,,CS-DEV,PAYMENT,300,,,2024-02-02,K-1",
    "M-1,S2006001,,CS-DEV,PLEDGE,400,,,2024-01-01,",  # lowered, and so is its payment
    "M-2,S2006001,,CS-DEV,PAYMENT,300,,,2024-01-02,M-1",
)


async def outcome(
    db: Database, folder: Path, rows: tuple[str, ...]
) -> tuple[list[str], tuple[list[str], list[str]]]:
    """Import the rows on top of the small bundle and M-1/M-2: (refused receipts with reasons, graph)."""
    await wipe(db)
    await import_bundle(db, SMALL)
    await import_bundle(db, donations(folder / "m", *STORED_M))
    report = await import_bundle(db, donations(folder / "rows", *rows))
    receipt_of = {line: row.split(",")[0] for line, row in enumerate(rows, start=2)}
    refused = sorted(f"{receipt_of[p.line]}: {p.column}: {p.reason}" for p in report.problems)
    return refused, await dump(db)


async def test_within_one_file_the_outcome_does_not_depend_on_the_order_of_the_rows(
    existing: Database, tmp_path: Path
) -> None:
    # given the same rows in file order and in reverse order
    # when
    forward = await outcome(existing, tmp_path / "forward", WHOLE_FILE)
    backward = await outcome(existing, tmp_path / "backward", WHOLE_FILE[::-1])
    again = await import_bundle(existing, donations(tmp_path / "again", *WHOLE_FILE))
    # then: each payment is checked against its pledge as the whole file leaves it
    assert forward[0] == [
        "K-3: amount: the payment exceeds what is still open on the pledge (200.00 CNY)",
        "Z-2: amount: the payment exceeds what is still open on the pledge (100000.00 CNY)",
    ]
    assert backward == forward
    assert await receipts(existing, "") == {
        "R2023-0001": 110000000,
        "R2023-0002": 10000000,
        "R2023-0003": 5000050,
        "R2024-0001": 7150000,
        "Z-1": 90000000,
        "K-1": 50000,
        "K-2": 30000,
        "M-1": 40000,
        "M-2": 30000,
    }
    assert again.counts.changes == 0 and len(again.problems) == 2
