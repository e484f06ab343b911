"""cooperations.csv and stories.csv (DESIGN §7): row errors, idempotent upsert, export round-trip, other sources."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from graph.bundle.export import export_bundle
from graph.bundle.importer import import_bundle
from graph.core.db import Database
from tests.bundle_support import SMALL, dump, small_bundle, write
from tests.conftest import wipe
from tests.graph.bundle.test_bundle_files import workbook_bytes

CO = "91440300MA5F000007"  # 深圳星河科技: needs TECH and TALENT; S2006001 founded it
COOPERATIONS = f"""code,title,kind,status,credit_code,college_code,start_date,end_date,value_cny,need_kinds,broker_external_ids
K-1,边缘计算联合实验室,RD_CENTER,ACTIVE,{CO},CS,2023-03-01,,1200000,TECH;TALENT,S2006001
K-2,校园招聘会,RECRUITMENT,COMPLETED,{CO},,2024-04-10,2024-04-10,,TALENT,
K-3,未知公司,TECH_PROJECT,ACTIVE,X-NOBODY,CS,2024-01-01,,,,
K-4,没有的需求,TECH_PROJECT,ACTIVE,{CO},CS,2024-01-01,,,LEGAL,
K-5,倒序,DISPATCH,ACTIVE,{CO},CS,2024-05-01,2024-01-01,,,
K-6,坏金额,OTHER,ACTIVE,{CO},CS,2024-05-01,,12.345,,
K-7,坏状态,OTHER,DONE,{CO},CS,2024-05-01,,,,
K-8,坏日期,OTHER,ACTIVE,{CO},CS,2024-02-30,,,,
K-9,未知介绍人,OTHER,PROPOSED,{CO},CS,2024-05-01,,,,S2006001;NOBODY
"""
STORIES = """code,title,channel,published_on,url,summary,external_ids,credit_codes,event_codes,chapter_codes,college_codes
ST-1,星河科技的十年,WECHAT,2024-03-01,https://mp.example.com/1,创业故事,S2006001,91440300MA5F000007,,,CS
ST-2,返校日,WEBSITE,2020-10-20,,,S2006001;S2006002,,HC-2020,SZ,
ST-3,无主角,NEWSPAPER,2024-01-01,,,,,,,
ST-4,坏渠道,TV,2024-01-01,,,S2006001,,,,
ST-5,未知活动,MAGAZINE,2024-01-01,,,,,NOPE-1,,
"""
EXPECTED = [
    "cooperations.csv:4: credit_code: unknown company X-NOBODY",
    "cooperations.csv:5: need_kinds: company 91440300MA5F000007 has no need of kind LEGAL",
    "cooperations.csv:6: end_date: before start_date",
    "cooperations.csv:7: value_cny: amount has more than 2 decimal places",
    "cooperations.csv:8: status: DONE is not one of PROPOSED, ACTIVE, COMPLETED, CANCELLED",
    "cooperations.csv:9: start_date: not a date in the form YYYY-MM-DD",
    "cooperations.csv:10: broker_external_ids: unknown alumnus NOBODY",
    "stories.csv:4: external_ids: a story features at least one alumnus, company, event, chapter or college",
    "stories.csv:5: channel: TV is not one of NEWSPAPER, WEBSITE, MAGAZINE, WECHAT, OTHER",
    "stories.csv:6: event_codes: unknown event NOPE-1",
]
_LINKS = """
MATCH (k:Cooperation) RETURN k.code AS code, k.valueCny AS value, k.valueCnyFen AS fen,
  [(k)-[:WITH]->(c) | c.creditCode] AS company, [(k)-[:OF_COLLEGE]->(c) | c.code] AS college,
  size([(k)-[:ANSWERS]->(x) | x]) AS needs, [(k)-[:BROKERED_BY]->(a) | a.externalId] AS brokers
ORDER BY code
"""


def _bundle(tmp: Path) -> Path:
    folder = small_bundle(tmp)
    write(folder, "cooperations.csv", COOPERATIONS)
    return write(folder, "stories.csv", STORIES)


async def test_bad_rows_are_reported_and_nothing_else_is_harmed(db: Database, tmp_path: Path) -> None:
    # given
    await import_bundle(db, SMALL)
    before = await dump(db, full=True)
    # when
    report = await import_bundle(db, _bundle(tmp_path))
    # then
    assert [str(p) for p in report.sorted_problems()] == EXPECTED
    counts = {
        f: (s.read, s.imported, s.rejected)
        for f, s in report.files.items()
        if f in ("cooperations.csv", "stories.csv")
    }
    assert counts == {"cooperations.csv": (9, 2, 7), "stories.csv": (5, 2, 3)}
    nodes, rels = await dump(db, full=True)
    assert [n for n in nodes if not n.startswith(("Cooperation:", "Story:"))] == before[0]
    assert set(before[1]) <= set(rels)
    rows = await db.read_rows(_LINKS)
    assert rows == [
        {"code": "K-1", "value": "1200000.00", "fen": 120000000, "company": [CO], "college": ["CS"], "needs": 2,
         "brokers": ["S2006001"]},
        {"code": "K-2", "value": None, "fen": None, "company": [CO], "college": [], "needs": 1, "brokers": []},
    ]  # fmt: skip
    features = await db.read_rows("MATCH (s:Story {code: 'ST-2'})-[:FEATURES]->(x) RETURN count(x) AS n")
    assert features == [{"n": 4}]


async def test_import_is_idempotent_and_export_round_trips(db: Database, tmp_path: Path) -> None:
    # given
    bundle = _bundle(tmp_path)
    await import_bundle(db, bundle)
    first, plain = await dump(db, full=True), await dump(db)
    # when
    again = await import_bundle(db, bundle)
    unchanged = await dump(db, full=True)
    exported = await export_bundle(db, tmp_path / "out")
    await wipe(db)
    back = await import_bundle(db, tmp_path / "out")
    # then
    assert unchanged == first
    assert await dump(db) == plain
    assert (again.counts.nodes_created, again.counts.relationships_created, again.counts.nodes_updated) == (
        0,
        0,
        0,
    )
    assert (exported.rows["cooperations.csv"], exported.rows["stories.csv"]) == (2, 2)
    assert back.problems == []
    assert (tmp_path / "out" / "cooperations.csv").read_text(encoding="utf-8").splitlines()[1] == (
        f"K-1,边缘计算联合实验室,RD_CENTER,ACTIVE,{CO},CS,2023-03-01,,1200000.00,TALENT;TECH,S2006001"
    )


async def test_zip_and_workbook_carry_the_files_too(db: Database, tmp_path: Path) -> None:
    # given: the small bundle in the database; the new files as a zip, then as workbook sheets
    await import_bundle(db, SMALL)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("b/cooperations.csv", COOPERATIONS.encode())
    book = tmp_path / "stories.xlsx"
    rows: list[list[object]] = [list(line.split(",")) for line in STORIES.splitlines()[:3]]
    book.write_bytes(workbook_bytes({"stories": rows}))
    # when
    zipped = await import_bundle(db, io.BytesIO(archive.getvalue()))
    sheets = await import_bundle(db, book)
    # then
    assert zipped.files["cooperations.csv"].imported == 2
    assert sheets.files["stories.csv"].imported == 2
    assert sheets.problems == []
