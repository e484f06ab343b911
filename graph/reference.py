"""Reference data shipped with the project: GB/T 4754-2017 industries and GB/T 2260 / ISO regions."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import LiteralString

from graph.core.db import Database, Tx

REFERENCE_DIR = Path(__file__).with_name("reference")


@dataclass(frozen=True)
class ReferenceRow:
    """One code of a reference table."""

    code: str
    name: str
    name_en: str
    level: str
    parent_code: str | None


@cache
def read_table(name: str) -> tuple[ReferenceRow, ...]:
    """Rows of `reference/<name>.csv`, parents before children."""
    with (REFERENCE_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        rows = [
            ReferenceRow(
                code=r["code"].strip(),
                name=r["name"].strip(),
                name_en=(r.get("name_en") or "").strip(),
                level=r["level"].strip(),
                parent_code=(r.get("parent_code") or "").strip() or None,
            )
            for r in csv.DictReader(fh)
        ]
    return tuple(rows)


@cache
def codes(name: str) -> frozenset[str]:
    """Every code of a reference table, for validation without a database round trip."""
    return frozenset(r.code for r in read_table(name))


def _digest() -> str:
    h = hashlib.sha256()
    for name in ("industries", "regions"):
        h.update((REFERENCE_DIR / f"{name}.csv").read_bytes())
    return h.hexdigest()


_UPSERT: dict[str, LiteralString] = {
    "industries": (
        "UNWIND $rows AS row "
        "MERGE (n:Industry {code: row.code}) "
        "ON CREATE SET n.id = randomUUID(), n.createdAt = datetime(), n.updatedAt = datetime() "
        "WITH n, row WHERE n.name IS NULL OR n.name <> row.name OR n.level IS NULL "
        "OR n.level <> row.level OR coalesce(n.nameEn, '') <> row.nameEn "
        "SET n.name = row.name, n.nameEn = row.nameEn, n.level = row.level, n.updatedAt = datetime()"
    ),
    "regions": (
        "UNWIND $rows AS row "
        "MERGE (n:Region {code: row.code}) "
        "ON CREATE SET n.id = randomUUID(), n.createdAt = datetime(), n.updatedAt = datetime() "
        "WITH n, row WHERE n.name IS NULL OR n.name <> row.name OR n.level IS NULL "
        "OR n.level <> row.level OR coalesce(n.nameEn, '') <> row.nameEn "
        "SET n.name = row.name, n.nameEn = row.nameEn, n.level = row.level, n.updatedAt = datetime()"
    ),
}
_LINK: dict[str, LiteralString] = {
    "industries": (
        "UNWIND $rows AS row "
        "MATCH (c:Industry {code: row.code}), (p:Industry {code: row.parent}) "
        "MERGE (c)-[:PART_OF]->(p)"
    ),
    "regions": (
        "UNWIND $rows AS row "
        "MATCH (c:Region {code: row.code}), (p:Region {code: row.parent}) "
        "MERGE (c)-[:PART_OF]->(p)"
    ),
}
_GET_DIGEST: LiteralString = "MATCH (m:_Meta {key: 'reference'}) RETURN m.digest AS digest"
_SET_DIGEST: LiteralString = (
    "MERGE (m:_Meta {key: 'reference'}) SET m.digest = $digest, m.loadedAt = datetime()"
)


async def load_reference_data(db: Database) -> bool:
    """Upsert the reference tables; a no-op when the shipped files did not change. True if loaded."""
    digest = _digest()
    current = await db.read_rows(_GET_DIGEST)
    if current and current[0]["digest"] == digest:
        return False

    async def work(tx: Tx) -> None:
        for name in ("industries", "regions"):
            rows = read_table(name)
            await tx.rows(
                _UPSERT[name],
                {
                    "rows": [
                        {"code": r.code, "name": r.name, "nameEn": r.name_en, "level": r.level} for r in rows
                    ]
                },
            )
            links = [{"code": r.code, "parent": r.parent_code} for r in rows if r.parent_code]
            await tx.rows(_LINK[name], {"rows": links})
        await tx.rows(_SET_DIGEST, {"digest": digest})

    await db.write(work)
    return True
