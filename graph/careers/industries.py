"""Industries, and the vocabulary of companies, employment and needs (see companies, employment)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.core.db import Row
from graph.core.model import CompanySize as CompanySize
from graph.core.model import EmploymentRole as EmploymentRole
from graph.core.model import NeedKind as NeedKind
from graph.core.pages import ListSpec, by_ids_query


@dataclass(frozen=True)
class IndustryRecord:
    """A GB/T 4754-2017 section, division, group or class."""

    id: str
    code: str
    name: str
    name_en: str | None
    level: str
    parent_id: str | None


def industry(row: Row) -> IndustryRecord:
    """Map a row to an industry."""
    return IndustryRecord(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        name_en=row["nameEn"],
        level=row["level"],
        parent_id=row["parentId"],
    )


_INDUSTRY_RETURN: LiteralString = (
    " OPTIONAL MATCH (n)-[:PART_OF]->(p:Industry)"
    " RETURN n.id AS id, n.code AS code, n.name AS name, n.nameEn AS nameEn,"
    " n.level AS level, p.id AS parentId"
)
INDUSTRIES = ListSpec(
    match=(
        "MATCH (n:Industry) WHERE ($name IS NULL OR n.name CONTAINS $name OR n.code = $name"
        " OR toLower(n.nameEn) CONTAINS toLower($name))"
        " AND ($level IS NULL OR n.level = $level)"
        " AND ($within IS NULL OR EXISTS { (n)-[:PART_OF*1..]->(:Industry {id: $within}) })"
    ),
    projection=_INDUSTRY_RETURN,
    sorts={"CODE": "code", "NAME": "name"},
    by_ids=by_ids_query("MATCH (n:Industry {id: wanted})", _INDUSTRY_RETURN),
    record=industry,
)
