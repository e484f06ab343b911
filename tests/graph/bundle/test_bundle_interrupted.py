"""An import interrupted halfway can be run again and completes with nothing lost or duplicated."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.bundle.importer import import_bundle
from graph.core.db import Database
from scripts.seed import generate
from tests.conftest import wipe

SHAPE = (
    "CALL () { MATCH (n) WHERE NOT n:Region AND NOT n:Industry AND NOT n:_Migration AND NOT n:_Meta"
    " RETURN labels(n)[0] AS kind, count(*) AS n"
    " UNION ALL MATCH ()-[r]->() RETURN type(r) AS kind, count(*) AS n }"
    " RETURN kind, sum(n) AS n ORDER BY kind"
)


class Crash(Exception):
    """Stands for the process dying in the middle of a file."""


async def test_rerun_after_a_crash_gives_the_same_graph_as_one_clean_import(
    db: Database, tmp_path: Path
) -> None:
    # given a generated bundle, and the graph one uninterrupted import makes of it
    generate(tmp_path, alumni=300)
    await import_bundle(db, tmp_path, batch_rows=200)
    clean = await db.read_rows(SHAPE)
    await wipe(db)
    seen: list[str] = []

    def die_in_donations(file: str, position: int, size: int | None) -> None:
        seen.append(file)
        if file == "donations.csv" and seen.count(file) == 2:
            raise Crash

    # when the first import dies after the first batch of donations, and is run again
    with pytest.raises(Crash):
        await import_bundle(db, tmp_path, progress=die_in_donations, batch_rows=200)
    partial = await db.read_rows(SHAPE)
    report = await import_bundle(db, tmp_path, batch_rows=200)
    # then
    assert partial != clean
    assert report.rejected == 0
    assert await db.read_rows(SHAPE) == clean
