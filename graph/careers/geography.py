"""Regions (countries, provinces, cities) and where alumni live."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.core.db import Database, Row
from graph.core.pages import ListSpec, by_ids_query, fetch_related


@dataclass(frozen=True)
class RegionRecord:
    """A country, province or city; `parent_id` is the region it is part of."""

    id: str
    code: str
    name: str
    name_en: str | None
    level: str
    parent_id: str | None


def region(row: Row) -> RegionRecord:
    """Map a row to a region."""
    return RegionRecord(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        name_en=row["nameEn"],
        level=row["level"],
        parent_id=row["parentId"],
    )


_RETURN: LiteralString = (
    " OPTIONAL MATCH (n)-[:PART_OF]->(p:Region)"
    " RETURN n.id AS id, n.code AS code, n.name AS name, n.nameEn AS nameEn,"
    " n.level AS level, p.id AS parentId"
)
REGIONS = ListSpec(
    match=(
        "MATCH (n:Region) WHERE ($name IS NULL OR n.name CONTAINS $name OR n.code = $name"
        " OR toLower(n.nameEn) CONTAINS toLower($name))"
        " AND ($level IS NULL OR n.level = $level)"
        " AND ($within IS NULL OR EXISTS { (n)-[:PART_OF*1..]->(:Region {id: $within}) })"
    ),
    projection=_RETURN,
    sorts={"CODE": "code", "NAME": "name"},
    by_ids=by_ids_query("MATCH (n:Region {id: wanted})", _RETURN),
    record=region,
)

_LIVES_IN: LiteralString = (
    "UNWIND $ids AS owner MATCH (:Alumnus {id: owner})-[:LIVES_IN]->(n:Region)" + _RETURN + ", owner"
)


async def home_of(db: Database, alumni_ids: list[str]) -> dict[str, list[RegionRecord]]:
    """Where each alumnus lives, for many alumni in one statement."""
    grouped = await fetch_related(db, _LIVES_IN, alumni_ids)
    return {k: [region(r) for r in rows] for k, rows in grouped.items()}
