"""The benchmark's own Neo4j (`bench` instance): started bigger, migrated, seeded and imported once.

The size and seed of the imported bundle are recorded in a `_Meta {key: 'bench'}` node, so
`--reuse` can skip the (long) import when the database already holds the requested data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import LiteralString

from graph.bundle.importer import import_bundle
from graph.bundle.report import BundleError
from graph.core.db import ConnectionSettings, Database, open_database
from graph.core.migrations import migrate
from scripts.bench.errors import BenchError
from scripts.neo4j_local import Instance, Sizing, project_root
from scripts.seed import generate

INSTANCE = "bench"
SIZING = Sizing(heap="2g", pagecache="2g")

_META: LiteralString = "MATCH (m:_Meta {key: 'bench'}) RETURN m.alumni AS alumni, m.seed AS seed"
_RECORD: LiteralString = (
    "MERGE (m:_Meta {key: 'bench'}) SET m.alumni = $alumni, m.seed = $seed, m.importedAt = datetime()"
)


@dataclass(frozen=True)
class Wanted:
    """The dataset a run asks for."""

    alumni: int
    seed: int
    reuse: bool


def start_instance(wanted: Wanted, echo: Callable[[str], None]) -> ConnectionSettings:
    """Start the bench server: on its existing data with --reuse, else from an empty data folder."""
    instance = Instance(INSTANCE)
    echo(f"bench: starting Neo4j ({INSTANCE}, heap {SIZING.heap}, page cache {SIZING.pagecache})")
    state = instance.start(sizing=SIZING, fresh=not wanted.reuse, wait_s=180)
    return ConnectionSettings(uri=state.uri, user="neo4j", password=state.password, query_timeout_s=120)


def stop_instance() -> bool:
    """Stop the bench server; True if it was running."""
    return Instance(INSTANCE).stop()


async def recorded(db: Database) -> tuple[int, int] | None:
    """(alumni, seed) of the bundle last imported into this database, if any."""
    rows = await db.read_rows(_META)
    return (rows[0]["alumni"], rows[0]["seed"]) if rows else None


async def prepare(conn: ConnectionSettings, wanted: Wanted, echo: Callable[[str], None]) -> float | None:
    """Migrate; unless --reuse finds the same data, generate the bundle and import it.

    Returns the import's seconds, None when the data was reused as it was.
    """
    async with open_database(conn) as db:
        await migrate(db)
        if wanted.reuse and await recorded(db) == (wanted.alumni, wanted.seed):
            echo(f"bench: --reuse: the database already holds {wanted.alumni:,} alumni (seed {wanted.seed})")
            return None
        folder = project_root() / "out" / f"seed-{wanted.alumni}"
        echo(f"bench: generating {wanted.alumni:,} alumni into {folder}")
        generate(folder, wanted.alumni, wanted.seed)
        seconds = await load_bundle(db, folder, echo)
        await db.write_rows(_RECORD, {"alumni": wanted.alumni, "seed": wanted.seed})
        return seconds


async def holds(conn: ConnectionSettings, wanted: Wanted) -> bool:
    """True when the running bench database holds exactly the data `wanted` asks for."""
    async with open_database(conn) as db:
        await migrate(db)
        return await recorded(db) == (wanted.alumni, wanted.seed)


async def load_bundle(db: Database, folder: Path, echo: Callable[[str], None]) -> float:
    """Import a bundle with the project's importer (its seconds); a rejected row or unreadable file
    is an error."""
    echo(f"bench: importing {folder}")
    try:
        report = await import_bundle(db, folder)
    except BundleError as exc:
        raise BenchError(f"the bundle in {folder} could not be imported: {exc}") from exc
    if report.rejected or report.file_problems:
        first = (report.sorted_problems() or report.file_problems)[0]
        raise BenchError(f"{report.rejected} rows of {folder} were rejected, e.g. {first}")
    echo(
        f"bench: imported {report.rows_imported:,} rows in {report.elapsed_s:.0f} s"
        f" ({report.rows_imported / max(report.elapsed_s, 0.001):,.0f} rows/s)"
    )
    return float(report.elapsed_s)
