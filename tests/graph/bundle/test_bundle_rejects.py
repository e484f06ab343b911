"""Bad rows are reported as `file:line: column: reason` and skipped; the valid rows are imported."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from graph.bundle.importer import import_bundle
from graph.core.db import Database
from tests.bundle_support import SMALL, write

ALUMNI = """external_id,name,gender,birth_year,kinds,email,phone,city_code,notable,notable_note,consent_contact,consent_directory
N001,新人甲,X,1990,STUDENT,ok@example.com,,440300,false,,true,true
N002,新人乙,F,19x0,STUDENT,,,,,,,
N003,新人丙,F,1990,ALUMNUS,,,,,,,
N004,新人丁,F,1990,STUDENT,not-an-email,,,,,,
N005,新人戊,F,1990,STUDENT,,12345,,,,,
N006,新人己,F,1990,STUDENT,,,999999,,,,
N007,新人庚,F,1990,STUDENT,,,,yes,,,
,无号,F,1990,STUDENT,,,,,,,
N008,好人,M,1991,STUDENT,good@example.com,13800138001,440300,false,,true,true
N008,重复,M,1991,STUDENT,,,,,,,
N009,多列,M,1991,STUDENT,,,,,,,,extra
N010,少列,M
"""
COLLEGES = "code,name\nNEWCOL,新学院\n"
CLASSES = """code,college_code,name,degree,major,entry_year,graduation_year
C 1,CS,坏代码,BACHELOR,,2010,2014
C-2,NOPE,未知学院,BACHELOR,,2010,2014
C-3,CS,倒序,BACHELOR,,2014,2010
C-4,NEWCOL,新学院班,BACHELOR,,2010,2014
"""
COMPANIES = """credit_code,name,industry_code,city_code,size,website
91440300MA5F000008,坏校验,651,440300,SMALL,
91440300MA5F00,短码,651,440300,SMALL,
X-GOOD,外企,99,US-SFO,SMALL,
X-GOOD2,外企二,651,US-SFO,HUGE,
"""
EDUCATION = """external_id,class_code
S2006001,CS-2010
N008,C-4
NOBODY,CS-2010
N001,CS-2010
"""
DONATIONS = """receipt_no,donor_external_id,donor_credit_code,fund_code,kind,amount,currency,amount_cny,date,pledge_receipt_no,solicitor_external_id,anonymous
D-1,S2006001,,CS-DEV,GIFT,12.345,,,2024-01-01,,,false
D-2,S2006001,,CS-DEV,GIFT,1000,USD,,2024-01-01,,,false
D-3,S2006001,,CS-DEV,GIFT,1000,,,2024-13-01,,,false
D-4,S2006001,,CS-DEV,PAYMENT,100,,,2024-01-01,R2023-0003,,false
D-5,S2006001,,CS-DEV,PAYMENT,100,,,2024-01-01,D-6,,false
D-6,S2006001,,CS-DEV,PLEDGE,500,,,2024-01-01,,,false
D-7,S2006001,,CS-DEV,GIFT,1000,,,2024-01-01,,,false
D-8,S2006001,,CS-DEV,GIFT,abc,,,2024-01-01,,,false
D-9,,,CS-DEV,GIFT,10,,,2024-01-01,,,false
D-10,S2006001,,CS-DEV,PAYMENT,10,,,2024-01-01,D-404,,maybe
"""

EXPECTED = [
    "classes.csv:2: code: use 1-40 letters, digits, '.', '_' or '-'",
    "classes.csv:3: college_code: unknown college NOPE",
    "classes.csv:4: graduation_year: before entry_year",
    "companies.csv:2: credit_code: bad check digit or characters in the unified social credit code",
    "companies.csv:3: credit_code: a unified social credit code has 18 characters",
    "companies.csv:4: industry_code: unknown industry code 99",
    "companies.csv:5: size: HUGE is not one of MICRO, SMALL, MEDIUM, LARGE",
    "alumni.csv:2: gender: X is not one of M, F",
    "alumni.csv:3: birth_year: not a year (a whole number such as 2015)",
    "alumni.csv:4: kinds: ALUMNUS is not one of STUDENT, TRAINEE, STAFF, HONORARY",
    "alumni.csv:5: email: not a valid email address",
    "alumni.csv:6: phone: not a Chinese mobile number or an E.164 number (+country code and digits)",
    "alumni.csv:7: city_code: unknown region code 999999",
    "alumni.csv:8: notable: not true or false",
    "alumni.csv:9: external_id: missing value",
    "alumni.csv:11: external_id: duplicate of line 10 (same external_id)",
    "alumni.csv:12: row: 13 cells but the header has 12 columns",
    "education.csv:4: external_id: unknown alumnus NOBODY",
    "education.csv:5: external_id: unknown alumnus N001",
    "donations.csv:2: amount: amount has more than 2 decimal places",
    "donations.csv:3: amount_cny: required when the currency is USD (not CNY)",
    "donations.csv:4: date: not a date in the form YYYY-MM-DD",
    "donations.csv:5: pledge_receipt_no: R2023-0003 is a GIFT, not a PLEDGE",
    "donations.csv:9: amount: not a decimal amount",
    "donations.csv:10: donor_external_id: give exactly one donor: donor_external_id or donor_credit_code",
    "donations.csv:11: anonymous: not true or false",
]


@pytest.fixture
async def existing(db: Database) -> Database:
    """The small bundle is in the database already."""
    await import_bundle(db, SMALL)
    return db


async def test_each_bad_row_is_reported_with_file_line_column_and_reason(
    existing: Database, tmp_path: Path
) -> None:
    # given
    bundle = tmp_path / "bad"
    for file, text in [
        ("colleges.csv", COLLEGES),
        ("classes.csv", CLASSES),
        ("companies.csv", COMPANIES),
        ("alumni.csv", ALUMNI),
        ("education.csv", EDUCATION),
        ("donations.csv", DONATIONS),
    ]:
        write(bundle, file, text)
    # when
    report = await import_bundle(existing, bundle)
    # then
    assert [str(p) for p in report.sorted_problems()] == EXPECTED
    assert report.file_problems == []
    counts = {f.file: (f.read, f.imported, f.rejected) for f in report.files.values()}
    assert counts == {
        "colleges.csv": (1, 1, 0),
        "classes.csv": (4, 1, 3),
        "companies.csv": (4, 0, 4),
        "alumni.csv": (12, 2, 10),
        "education.csv": (4, 2, 2),
        "donations.csv": (10, 3, 7),
    }


async def test_valid_rows_of_a_file_with_bad_rows_are_imported(existing: Database, tmp_path: Path) -> None:
    # given
    bundle = write(tmp_path / "bad", "classes.csv", CLASSES)
    write(bundle, "colleges.csv", COLLEGES)
    write(bundle, "alumni.csv", ALUMNI)
    write(bundle, "education.csv", EDUCATION)
    write(bundle, "donations.csv", DONATIONS)
    # when
    await import_bundle(existing, bundle)
    # then
    rows = await existing.read_rows(
        "MATCH (a:Alumnus) WHERE a.externalId STARTS WITH 'N' RETURN a.externalId AS id, a.name AS name,"
        " [(a)-[:STUDIED_IN]->(c) | c.code] AS classes ORDER BY id"
    )
    assert rows == [
        {"id": "N008", "name": "好人", "classes": ["C-4"]},
        {"id": "N010", "name": "少列", "classes": []},
    ]
    paid = await existing.read_rows(
        "MATCH (p:Donation)-[:PAYS]->(q:Donation) WHERE p.receiptNo STARTS WITH 'D-' RETURN p.receiptNo AS p, q.receiptNo AS q"
    )
    assert paid == [{"p": "D-5", "q": "D-6"}]
    [gift] = await existing.read_rows(
        "MATCH (d:Donation {receiptNo: 'D-7'}) RETURN d.currency AS c, d.amountCny AS cny"
    )
    assert gift == {"c": "CNY", "cny": "1000.00"}


async def test_chapters_pointing_at_each_other_or_below_themselves_are_rejected(
    existing: Database, tmp_path: Path
) -> None:
    # given: A and B name each other as parent; GEN would become part of its own member SZ
    bundle = write(
        tmp_path / "cyc",
        "chapters.csv",
        "code,name,kind,parent_code\nA,甲会,REGIONAL,B\nB,乙会,REGIONAL,A\nGEN,校友总会,GENERAL,SZ\nC,丙会,REGIONAL,C\n",
    )
    # when
    report = await import_bundle(existing, bundle)
    # then
    assert [str(p) for p in report.sorted_problems()] == [
        "chapters.csv:2: parent_code: B is not imported: these rows refer to each other",
        "chapters.csv:3: parent_code: A is not imported: these rows refer to each other",
        "chapters.csv:4: parent_code: SZ is already part of GEN: that would make a cycle",
        "chapters.csv:5: parent_code: a chapter cannot be part of itself",
    ]
    assert await existing.read_rows("MATCH (c:Chapter) WHERE c.code IN ['A', 'B', 'C'] RETURN c") == []


async def test_relations_are_one_per_pair_whatever_the_order(existing: Database, tmp_path: Path) -> None:
    # given
    bundle = write(
        tmp_path / "rel",
        "relations.csv",
        "external_id_a,external_id_b,kind,strength\nS1996004,S2006001,FRIEND,5\nS2006001,S1996004,,\n"
        "S2006001,S2006001,,\nS2006001,T0001,COLLEAGUE,9\n",
    )
    # when
    report = await import_bundle(existing, bundle)
    # then: the reversed pair updates the existing tie (direction kept)
    assert [str(p) for p in report.sorted_problems()] == [
        "relations.csv:3: external_id_a: duplicate of line 2 (same external_id_a and external_id_b)",
        "relations.csv:4: external_id_b: an alumnus cannot know themselves",
        "relations.csv:5: strength: must be between 1 and 5",
    ]
    assert report.counts.relationships_updated == 1
    rows = await existing.read_rows(
        "MATCH (a:Alumnus)-[k:KNOWS]->(b:Alumnus) WHERE 'S1996004' IN [a.externalId, b.externalId]"
        " RETURN a.externalId AS a, b.externalId AS b, k.strength AS strength"
    )
    assert rows == [{"a": "S2006001", "b": "S1996004", "strength": 5}]


async def test_donation_rows_follow_the_amount_and_date_rules_of_every_donation(
    existing: Database, tmp_path: Path
) -> None:
    # given: the same amount and date rules as recordGift and createDonation (graph.giving.donation_rules)
    tomorrow = date.today() + timedelta(days=1)
    head = "receipt_no,donor_external_id,fund_code,kind,amount,currency,amount_cny,date\n"
    rows = [
        "Z-1,S2006001,CS-DEV,GIFT,0,,,2024-01-01",
        "Z-2,S2006001,CS-DEV,GIFT,1000000000000,,,2024-01-01",
        "Z-3,S2006001,CS-DEV,GIFT,10,USD,0.00,2024-01-01",
        f"Z-4,S2006001,CS-DEV,GIFT,10,,,{tomorrow.isoformat()}",
        "Z-5,S2006001,CS-DEV,GIFT,10,,,1889-12-31",
        "Z-6,S2006001,CS-DEV,GIFT,0,,,1889-12-31",
        "Z-7,S2006001,CS-DEV,GIFT,999999999999.99,,,1890-01-01",
    ]
    bundle = write(tmp_path / "z", "donations.csv", head + "\n".join(rows) + "\n")
    # when
    report = await import_bundle(existing, bundle)
    # then
    assert [str(p) for p in report.sorted_problems()] == [
        "donations.csv:2: amount: the amount must be more than zero",
        "donations.csv:3: amount: the amount must be less than a trillion",
        "donations.csv:4: amount_cny: the amount must be more than zero",
        "donations.csv:5: date: the date is in the future",
        "donations.csv:6: date: the date is before 1890",
        "donations.csv:7: amount: the amount must be more than zero",
        "donations.csv:7: date: the date is before 1890",
    ]
    stored = await existing.read_rows(
        "MATCH (d:Donation) WHERE d.receiptNo STARTS WITH 'Z-' RETURN d.receiptNo AS r, d.amountCnyFen AS fen"
    )
    assert stored == [{"r": "Z-7", "fen": 99999999999999}]
