"""Importing the small bundle: what it creates, that a second import changes nothing, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.bundle import export
from graph.bundle.export import export_bundle
from graph.bundle.importer import import_bundle
from graph.core.db import Database
from tests.bundle_support import SMALL, dump, label_counts, rel_counts, small_bundle, write
from tests.conftest import wipe

LABELS = {
    "College": 3,
    "Class": 4,
    "Company": 4,
    "Chapter": 5,
    "Alumnus": 7,
    "Need": 3,
    "Fund": 2,
    "Event": 3,
    "Donation": 4,
    "Interaction": 3,
    "Award": 3,
}
RELATIONSHIPS = {
    "OF_COLLEGE": 6,  # 4 classes, 1 chapter, 1 fund
    "IN_INDUSTRY": 4,
    "LOCATED_IN": 4,
    "PART_OF": 4,
    "IN_REGION": 5,  # 2 chapters, 3 events
    "FOCUSES_ON": 1,
    "LIVES_IN": 6,
    "STUDIED_IN": 6,
    "WORKED_AT_SCHOOL": 2,
    "WORKS_AT": 5,
    "NEEDS": 3,
    "MEMBER_OF": 5,
    "LIAISON_FOR": 2,
    "KNOWS": 2,
    "ORGANIZED_BY": 4,
    "ATTENDED": 4,
    "FROM": 4,
    "TO": 7,  # 4 donations, 3 awards
    "PAYS": 1,
    "SOLICITED_BY": 2,
    "BY": 2,
    "WITH": 4,
}


async def test_small_bundle_creates_every_label_and_relationship(db: Database) -> None:
    # when
    report = await import_bundle(db, SMALL)
    # then
    assert report.problems == [] and report.file_problems == []
    assert await label_counts(db) == LABELS
    assert await rel_counts(db) == RELATIONSHIPS
    assert report.rows_read == report.rows_imported == 67
    assert report.counts.nodes_created == sum(LABELS.values())
    assert report.counts.relationships_created == sum(RELATIONSHIPS.values())


async def test_imported_values_are_normalised_and_typed(db: Database) -> None:
    # when
    await import_bundle(db, SMALL)
    # then
    [alumnus] = await db.read_rows(
        "MATCH (n:Alumnus {externalId: 'S2006002'}) RETURN n.email AS email, n.phone AS phone,"
        " n.namePinyin AS pinyin, n.nameInitials AS initials, n.kinds AS kinds, n.notable AS notable, n.id AS id"
    )
    assert alumnus | {"id": None} == {
        "email": "li.na@example.com",
        "phone": "13900139000",
        "pinyin": "lina li na",
        "initials": "ln",
        "kinds": ["STUDENT"],
        "notable": False,
        "id": None,
    }
    assert len(alumnus["id"]) == 36
    [gift] = await db.read_rows(
        "MATCH (d:Donation {receiptNo: 'R2024-0001'}) RETURN d.amount AS amount, d.currency AS currency,"
        " d.amountCny AS cny, d.amountCnyFen AS fen, toString(d.date) AS date"
    )
    assert gift == {
        "amount": "10000.00",
        "currency": "USD",
        "cny": "71500.00",
        "fen": 7150000,
        "date": "2024-02-01",
    }
    [pledge] = await db.read_rows("MATCH (d:Donation {receiptNo: 'R2023-0001'}) RETURN d.amountCnyFen AS fen")
    assert pledge == {"fen": 100000000}


async def test_second_import_of_the_same_bundle_changes_nothing(db: Database) -> None:
    # given
    await import_bundle(db, SMALL)
    before = await dump(db, full=True)
    # when
    again = await import_bundle(db, SMALL)
    # then
    assert again.counts.changes == 0
    assert again.rows_imported == 67
    assert await dump(db, full=True) == before


async def test_changed_rows_update_only_what_changed(db: Database, tmp_path: Path) -> None:
    # given
    await import_bundle(db, SMALL)
    before = {
        r["k"]: r["u"]
        for r in await db.read_rows("MATCH (n:Alumnus) RETURN n.externalId AS k, n.updatedAt AS u")
    }
    bundle = write(
        tmp_path / "b",
        "alumni.csv",
        "external_id,name,city_code\nS2006001,张伟,310000\nS2006002,李娜,310000\n",
    )
    # when
    report = await import_bundle(db, bundle)
    # then: one alumnus moved (its home link replaced), the other is untouched
    assert (report.counts.nodes_updated, report.counts.relationships_created) == (0, 1)
    assert report.counts.relationships_deleted == 1
    after = {
        r["k"]: r["u"]
        for r in await db.read_rows("MATCH (n:Alumnus) RETURN n.externalId AS k, n.updatedAt AS u")
    }
    assert after == before
    rows = await db.read_rows(
        "MATCH (a:Alumnus {externalId: 'S2006001'}) RETURN [(a)-[:LIVES_IN]->(r) | r.code] AS homes,"
        " a.email AS email"
    )
    assert rows == [{"homes": ["310000"], "email": "zhang.wei@example.com"}]  # absent columns left alone


async def test_an_empty_cell_removes_the_value(db: Database, tmp_path: Path) -> None:
    # given
    await import_bundle(db, SMALL)
    bundle = write(tmp_path / "b", "alumni.csv", "external_id,name,email,city_code\nS2006001,张伟,,\n")
    # when
    report = await import_bundle(db, bundle)
    # then
    assert (report.counts.nodes_updated, report.counts.relationships_deleted) == (1, 1)
    rows = await db.read_rows(
        "MATCH (a:Alumnus {externalId: 'S2006001'}) RETURN a.email AS email, COUNT { (a)-[:LIVES_IN]->() } AS homes"
    )
    assert rows == [{"email": None, "homes": 0}]


async def test_export_then_import_into_an_empty_database_reproduces_the_graph(
    db: Database, tmp_path: Path
) -> None:
    # given
    await import_bundle(db, SMALL)
    original = await dump(db)
    # when
    exported = await export_bundle(db, tmp_path / "out")
    await wipe(db)
    report = await import_bundle(db, tmp_path / "out")
    # then
    assert exported.total == 67
    assert report.problems == []
    assert await dump(db) == original


async def test_export_writes_every_file_with_its_columns_in_key_order(db: Database, tmp_path: Path) -> None:
    # given
    await import_bundle(db, small_bundle(tmp_path, ("colleges.csv", "classes.csv")))
    # when
    await export_bundle(db, tmp_path / "out")
    # then
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(files) == 20
    assert (tmp_path / "out" / "colleges.csv").read_text(encoding="utf-8") == (
        "code,name\nBUS,管理学院\nCS,计算机学院\nEE,电子工程学院\n"
    )
    assert (tmp_path / "out" / "awards.csv").read_text(encoding="utf-8") == (
        "id,kind,year,title,college_code,chapter_code,external_id\n"
    )


async def test_rows_pointing_further_down_their_file_wait_across_batches(
    db: Database, tmp_path: Path
) -> None:
    # given: payments before their pledges, chapters before their parents, in batches of two rows
    bundle = small_bundle(tmp_path, ("colleges.csv", "alumni.csv", "funds.csv"))
    head = "receipt_no,donor_external_id,fund_code,kind,amount,date,pledge_receipt_no\n"
    payments = "".join(f"P{i},S2006001,CS-DEV,PAYMENT,10,2024-01-0{i},Q{i}\n" for i in range(1, 6))
    pledges = "".join(f"Q{i},S2006001,CS-DEV,PLEDGE,100,2023-12-0{i},\n" for i in range(1, 6))
    write(bundle, "donations.csv", head + payments + pledges)
    write(
        bundle,
        "chapters.csv",
        "code,name,kind,parent_code\nC3,丙,REGIONAL,C2\nC2,乙,REGIONAL,C1\nC1,甲,GENERAL,\n",
    )
    # when
    report = await import_bundle(db, bundle, batch_rows=2)
    # then
    assert report.problems == []
    pays = await db.read_rows(
        "MATCH (p)-[:PAYS]->(q) RETURN p.receiptNo + '>' + q.receiptNo AS pair ORDER BY pair"
    )
    assert [r["pair"] for r in pays] == [f"P{i}>Q{i}" for i in range(1, 6)]
    chain = await db.read_rows(
        "MATCH p = (:Chapter {code: 'C3'})-[:PART_OF*]->(:Chapter {code: 'C1'}) RETURN length(p) AS n"
    )
    assert chain == [{"n": 2}]


async def test_export_pages_through_large_labels_without_losing_rows(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given
    await import_bundle(db, SMALL)
    await export_bundle(db, tmp_path / "one-page")
    # when: two owners per page
    monkeypatch.setattr(export, "PAGE", 2)
    await export_bundle(db, tmp_path / "pages")
    # then
    for file in sorted(p.name for p in (tmp_path / "one-page").iterdir()):
        paged = (tmp_path / "pages" / file).read_text(encoding="utf-8")
        assert paged == (tmp_path / "one-page" / file).read_text(encoding="utf-8"), file
