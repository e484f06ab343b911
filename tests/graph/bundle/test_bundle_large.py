"""A ~50 MB alumni.csv is streamed: it imports in batches with bounded memory, bad rows still reported."""

from __future__ import annotations

import csv
import time
import tracemalloc
from pathlib import Path

from graph.bundle.format import COLUMNS
from graph.bundle.importer import import_bundle
from graph.core.db import Database
from tests.bundle_support import label_counts

TARGET_BYTES = 50 * 1024 * 1024
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"
CITIES = ("440300", "110000", "310000", "330100", "US-SFO")
# A biography of ~600 characters, as the notable-alumni archive keeps them: wide rows keep the
# database work of this test small while the file is large (the throughput of narrow rows is
# measured separately, see README).
NOTE = (
    "毕业后长期从事集成电路设计与产业投资，曾任多家科技企业技术负责人，现任某半导体公司董事长。"
    "热心母校建设，多次回校开设讲座，设立奖学金资助学生创新项目，并推动学院与企业共建联合实验室。"
) * 6


def generate(path: Path) -> int:
    """Write alumni.csv of about TARGET_BYTES (plus two bad rows at the end); returns the valid rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS["alumni.csv"])
        while fh.tell() < TARGET_BYTES:
            for _ in range(1000):
                count += 1
                name = SURNAMES[count % 20] + GIVEN[count % 19] + GIVEN[count % 17]
                writer.writerow(
                    [f"L{count:07d}", name, "MF"[count % 2], 1950 + count % 50, "STUDENT", f"l{count}@example.com",
                     f"+86138{count:08d}", CITIES[count % 5], "true", f"{NOTE}（{count}）", "true", "false"]
                )  # fmt: skip
        writer.writerow(["L0000001", "重复", "M", "", "", "", "", "", "", "", "", ""])
        writer.writerow(["L9999999", "坏邮箱", "M", "", "", "not-an-email", "", "", "", "", "", ""])
    return count


async def delete_alumni(db: Database) -> None:
    """Remove the imported alumni in chunks (each its own transaction, well within the server's timeout)."""
    while (await db.write_rows("MATCH (a:Alumnus) WITH a LIMIT 20000 DETACH DELETE a RETURN count(*) AS n"))[
        0
    ]["n"]:
        pass


async def test_a_50_mb_alumni_file_imports_in_bounded_memory(db: Database, tmp_path: Path) -> None:
    # given
    path = tmp_path / "alumni.csv"
    rows = generate(path)
    size = path.stat().st_size
    # when
    tracemalloc.start()
    started = time.perf_counter()
    try:
        report = await import_bundle(db, path)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        # then
        lines = rows + 1
        assert [str(p) for p in report.problems] == [
            f"alumni.csv:{lines + 1}: external_id: duplicate of line 2 (same external_id)",
            f"alumni.csv:{lines + 2}: email: not a valid email address",
        ]
        assert report.files["alumni.csv"].imported == rows
        assert await label_counts(db) == {"Alumnus": rows}
        assert report.counts.relationships_created == rows  # LIVES_IN
        assert peak < size / 2, f"peak Python memory {peak / 1e6:.0f} MB for a {size / 1e6:.0f} MB file"
        assert elapsed < 240, (
            f"{elapsed:.0f} s"
        )  # generous: the machine may be shared; see README for figures
        print(f"\n{size / 1e6:.0f} MB, {rows} rows in {elapsed:.1f} s: {rows / elapsed:,.0f} rows/s, "
              f"{2 * rows / elapsed:,.0f} nodes+relationships/s, peak {peak / 1e6:.0f} MB")  # fmt: skip
    finally:
        if tracemalloc.is_tracing():
            tracemalloc.stop()
        await delete_alumni(db)
