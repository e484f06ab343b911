"""Numbered, idempotent schema migrations and the reference-data load (`alumni-graph migrate`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.core.db import Database, Tx
from graph.reference import load_reference_data


@dataclass(frozen=True)
class Migration:
    """One numbered step; every statement is safe to run again."""

    number: int
    name: str
    statements: tuple[LiteralString, ...]


def _unique(label: LiteralString, prop: LiteralString) -> LiteralString:
    return (
        "CREATE CONSTRAINT " + label.lower() + "_" + prop.lower() + "_unique IF NOT EXISTS "
        "FOR (n:" + label + ") REQUIRE n." + prop + " IS UNIQUE"
    )


def _index(label: LiteralString, prop: LiteralString) -> LiteralString:
    return (
        "CREATE INDEX " + label.lower() + "_" + prop.lower() + " IF NOT EXISTS "
        "FOR (n:" + label + ") ON (n." + prop + ")"
    )


_KEYED: tuple[tuple[LiteralString, LiteralString], ...] = (
    ("Alumnus", "externalId"),
    ("College", "code"),
    ("Class", "code"),
    ("Chapter", "code"),
    ("Company", "creditCode"),
    ("Industry", "code"),
    ("Region", "code"),
    ("Event", "code"),
    ("Fund", "code"),
    ("Donation", "receiptNo"),
)
_ID_ONLY: tuple[LiteralString, ...] = ("Interaction", "Award")

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "unique ids and natural keys",
        tuple(_unique(label, "id") for label, _ in _KEYED)
        + tuple(_unique(label, "id") for label in _ID_ONLY)
        + tuple(_unique(label, key) for label, key in _KEYED),
    ),
    Migration(
        2,
        "lookup and sort indexes",
        (
            _index("Alumnus", "name"),
            _index("Alumnus", "email"),
            _index("Alumnus", "phone"),
            _index("Alumnus", "birthYear"),
            _index("Alumnus", "notable"),
            _index("Class", "graduationYear"),
            _index("Class", "name"),
            _index("College", "name"),
            _index("Chapter", "name"),
            _index("Chapter", "kind"),
            _index("Company", "name"),
            _index("Industry", "name"),
            _index("Region", "name"),
            _index("Event", "date"),
            _index("Event", "name"),
            _index("Fund", "name"),
            _index("Donation", "date"),
            _index("Interaction", "date"),
            _index("Award", "year"),
        ),
    ),
    Migration(
        3,
        "full-text name index (cjk analyzer; pinyin forms stored beside the name)",
        (
            "CREATE FULLTEXT INDEX name_search IF NOT EXISTS "
            "FOR (n:Alumnus|Company|Chapter) ON EACH [n.name, n.namePinyin, n.nameInitials] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false}}",
        ),
    ),
    Migration(
        4,
        "duplicate detection reads shared (name, birth year) pairs from an index",
        ("CREATE INDEX alumnus_name_birthyear IF NOT EXISTS FOR (n:Alumnus) ON (n.name, n.birthYear)",),
    ),
    Migration(
        5,
        "cooperations and stories (DESIGN §7): keys and sort indexes",
        (
            _unique("Cooperation", "id"),
            _unique("Cooperation", "code"),
            _unique("Story", "id"),
            _unique("Story", "code"),
            _index("Cooperation", "title"),
            _index("Cooperation", "startDate"),
            _index("Story", "title"),
            _index("Story", "publishedOn"),
        ),
    ),
)

LATEST = MIGRATIONS[-1].number

_APPLIED: LiteralString = "MATCH (m:_Migration) RETURN m.number AS number ORDER BY number"
_RECORD: LiteralString = (
    "MERGE (m:_Migration {number: $number}) ON CREATE SET m.name = $name, m.appliedAt = datetime()"
)


async def applied_migrations(db: Database) -> list[int]:
    """Numbers of the migrations already recorded in the database."""
    rows = await db.read_rows(_APPLIED)
    return [int(r["number"]) for r in rows]


async def migrate(db: Database) -> list[int]:
    """Apply every pending migration, then (re)load reference data; returns the steps applied."""
    done = set(await applied_migrations(db))
    applied: list[int] = []
    for step in MIGRATIONS:
        if step.number in done:
            continue
        for statement in step.statements:
            # Schema statements cannot share a transaction with data writes.
            await db.write_rows(statement)
        await _record(db, step)
        applied.append(step.number)
    await db.write_rows("CALL db.awaitIndexes(120)")
    await load_reference_data(db)
    return applied


async def _record(db: Database, step: Migration) -> None:
    async def work(tx: Tx) -> None:
        await tx.rows(_RECORD, {"number": step.number, "name": step.name})

    await db.write(work)


async def is_current(db: Database) -> bool:
    """True when every known migration has been applied."""
    return set(await applied_migrations(db)) >= {m.number for m in MIGRATIONS}
