"""Re-importing a bundle after mergeAlumni does not bring the merged-away record back."""

from __future__ import annotations

from pathlib import Path

from graph.bundle.importer import import_bundle
from graph.core.db import Database


async def test_merged_away_numbers_are_refused_with_the_record_they_live_on_in(
    db: Database, tmp_path: Path
) -> None:
    # given S1 was kept when S2 was merged into it; the old spreadsheet still lists S2
    await db.write_rows(
        "CREATE (:Alumnus {id: 'k', externalId: 'S1', name: '张伟', mergedFrom: ['S2']})"
        " CREATE (:College {id: 'c', code: 'CS', name: 'CS'})"
        " CREATE (:Class {id: 'cl', code: 'CS-2010', name: 'cs'})"
    )
    (tmp_path / "alumni.csv").write_text("external_id,name\nS1,张伟\nS2,张伟\nS3,李娜\n", encoding="utf-8")
    (tmp_path / "education.csv").write_text(
        "external_id,class_code\nS2,CS-2010\nS3,CS-2010\n", encoding="utf-8"
    )
    # when
    report = await import_bundle(db, tmp_path)
    # then
    problems = [(p.file, p.line, p.column, p.reason) for p in report.sorted_problems()]
    assert problems == [
        ("alumni.csv", 3, "external_id", "alumnus S2 was merged into S1; update that record"),
        ("education.csv", 2, "external_id", "alumnus S2 was merged into S1"),
    ]
    rows = await db.read_rows("MATCH (a:Alumnus) RETURN a.externalId AS id ORDER BY id")
    assert [r["id"] for r in rows] == ["S1", "S3"]
