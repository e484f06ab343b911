"""Chapters of the alumni association: records, filtered lists, the PART_OF tree and writes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core import access
from graph.core.db import Database, Row, Tx
from graph.core.errors import Rejected
from graph.core.model import ChapterKind as ChapterKind
from graph.core.model import ChapterStatus as ChapterStatus
from graph.core.pages import ListSpec, by_ids_query, fetch_related
from graph.core.scope import Scope
from graph.people.alumni import search_fields

# The link each kind must have (input field name); GENERAL needs none.
KIND_LINK: dict[str, str] = {
    ChapterKind.COLLEGE: "college",
    ChapterKind.REGIONAL: "region",
    ChapterKind.INDUSTRY: "industry",
}


@dataclass(frozen=True)
class ChapterRecord:
    """A chapter with the ids of the nodes it links to."""

    id: str
    code: str
    name: str
    kind: str
    status: str
    founded_year: int | None
    parent_id: str | None
    college_id: str | None
    region_id: str | None
    industry_id: str | None

    def link(self, name: str) -> str | None:
        """The linked node id of `parent`, `college`, `region` or `industry`."""
        value: str | None = getattr(self, f"{name}_id")
        return value


@dataclass(frozen=True)
class ChapterFilter:
    """Filters of the `chapters` connection (ids already decoded); None means 'any'."""

    name: str | None = None
    kinds: tuple[str, ...] | None = None
    status: str | None = None
    college_id: str | None = None
    region_id: str | None = None
    industry_id: str | None = None
    parent_id: str | None = None

    def params(self) -> dict[str, Any]:
        """Statement parameters."""
        return {
            "name": self.name,
            "nameLower": self.name.lower().replace(" ", "") if self.name else None,
            "kinds": list(self.kinds) if self.kinds else None,
            "status": self.status,
            "college": self.college_id,
            "region": self.region_id,
            "industry": self.industry_id,
            "parent": self.parent_id,
        }


RETURN: LiteralString = (
    " RETURN n.id AS id, n.code AS code, n.name AS name, n.kind AS kind,"
    " coalesce(n.status, 'ACTIVE') AS status, n.foundedYear AS foundedYear,"
    " head(COLLECT { MATCH (n)-[:PART_OF]->(x:Chapter) RETURN x.id }) AS parentId,"
    " head(COLLECT { MATCH (n)-[:OF_COLLEGE]->(x:College) RETURN x.id }) AS collegeId,"
    " head(COLLECT { MATCH (n)-[:IN_REGION]->(x:Region) RETURN x.id }) AS regionId,"
    " head(COLLECT { MATCH (n)-[:FOCUSES_ON]->(x:Industry) RETURN x.id }) AS industryId"
)
_FILTER: LiteralString = (
    "MATCH (n:Chapter) WHERE ($name IS NULL OR n.name CONTAINS $name"
    " OR n.namePinyin CONTAINS $nameLower OR n.code = $name)"
    " AND ($kinds IS NULL OR n.kind IN $kinds)"
    " AND ($status IS NULL OR coalesce(n.status, 'ACTIVE') = $status)"
    " AND ($college IS NULL OR EXISTS { (n)-[:OF_COLLEGE]->(:College {id: $college}) })"
    " AND ($region IS NULL OR EXISTS {"
    " (n)-[:IN_REGION]->(:Region)-[:PART_OF*0..]->(:Region {id: $region}) })"
    " AND ($industry IS NULL OR EXISTS {"
    " (n)-[:FOCUSES_ON]->(:Industry)-[:PART_OF*0..]->(:Industry {id: $industry}) })"
    " AND ($parent IS NULL OR EXISTS { (n)-[:PART_OF]->(:Chapter {id: $parent}) })"
)


def chapter(row: Row) -> ChapterRecord:
    """Map a row to a chapter."""
    return ChapterRecord(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        kind=row["kind"],
        status=row["status"],
        founded_year=row["foundedYear"],
        parent_id=row["parentId"],
        college_id=row["collegeId"],
        region_id=row["regionId"],
        industry_id=row["industryId"],
    )


CHAPTERS = ListSpec(
    match=_FILTER,
    projection=RETURN,
    sorts={"NAME": "name", "CODE": "code"},
    by_ids=by_ids_query("MATCH (n:Chapter {id: wanted})", RETURN),
    record=chapter,
)

_CHILDREN: LiteralString = (
    "UNWIND $ids AS owner MATCH (:Chapter {id: owner})<-[:PART_OF]-(n:Chapter)"
    " WITH owner, n ORDER BY n.name, n.id" + RETURN + ", owner"
)
_OF_COLLEGES: LiteralString = (
    "UNWIND $ids AS owner MATCH (:College {id: owner})<-[:OF_COLLEGE]-(n:Chapter)"
    " WITH owner, n ORDER BY n.name, n.id" + RETURN + ", owner"
)


async def children_of(db: Database, chapter_ids: list[str]) -> dict[str, list[ChapterRecord]]:
    """The chapters directly under each chapter, for many chapters in one statement."""
    grouped = await fetch_related(db, _CHILDREN, chapter_ids)
    return {k: [chapter(r) for r in rows] for k, rows in grouped.items()}


async def of_colleges(db: Database, college_ids: list[str]) -> dict[str, list[ChapterRecord]]:
    """The chapters linked to each college, for many colleges in one statement."""
    grouped = await fetch_related(db, _OF_COLLEGES, college_ids)
    return {k: [chapter(r) for r in rows] for k, rows in grouped.items()}


@dataclass(frozen=True)
class ChapterChanges:
    """Validated chapter input: properties to set (None removes) and links to replace (None clears)."""

    props: dict[str, Any]
    links: dict[str, str | None]


def _relink(rel: LiteralString, label: LiteralString) -> LiteralString:
    return (
        "MATCH (n:Chapter {id: $id}) CALL (n) { MATCH (n)-[old:" + rel + "]->() DELETE old }"
        " CALL (n) { MATCH (t:" + label + " {id: $target}) MERGE (n)-[:" + rel + "]->(t) }"
    )


_RELINK: dict[str, LiteralString] = {
    "parent": _relink("PART_OF", "Chapter"),
    "college": _relink("OF_COLLEGE", "College"),
    "region": _relink("IN_REGION", "Region"),
    "industry": _relink("FOCUSES_ON", "Industry"),
}
_TARGETS = {
    "parent": access.CHAPTER,
    "college": access.COLLEGE,
    "region": access.REGION,
    "industry": access.INDUSTRY,
}
_GET: LiteralString = "MATCH (n:Chapter {id: $id})" + RETURN
_CREATE: LiteralString = (
    "CREATE (n:Chapter {id: randomUUID(), createdAt: datetime(), updatedAt: datetime()})"
    " SET n += $props RETURN n.id AS id"
)
_UPDATE: LiteralString = (
    "MATCH (n:Chapter {id: $id}) SET n += $props, n.updatedAt = datetime() RETURN n.id AS id"
)
_CODE_OWNER: LiteralString = "MATCH (n:Chapter {code: $code}) RETURN n.id AS id"
_CYCLE: LiteralString = "MATCH (n:Chapter {id: $id}) RETURN EXISTS { (n)-[:PART_OF*1..]->(n) } AS cycle"

REMOVAL = access.Removal(
    "chapter",
    # its own links (parent, college, region, industry) go with it; anything pointing at it counts
    "MATCH (n:Chapter {id: $id})<-[r]-() RETURN type(r) AS type, false AS hard, count(r) AS total",
    "MATCH (n:Chapter {id: $id}) WITH n, properties(n) AS props DETACH DELETE n RETURN props",
)


async def get(tx: Tx, chapter_id: str) -> ChapterRecord:
    """One chapter inside a transaction (the caller knows it exists)."""
    row = await tx.row(_GET, {"id": chapter_id})
    if row is None:
        raise Rejected("id", "NOT_FOUND", "no chapter with this ID")
    return chapter(row)


async def create(tx: Tx, changes: ChapterChanges, scope: Scope) -> ChapterRecord:
    """Create a chapter with its links; refused if the code is taken or a kind rule fails."""
    await _check_code(tx, changes.props["code"], None)
    props = changes.props | search_fields(changes.props["name"])
    row = await tx.row(_CREATE, {"props": props})
    assert row is not None
    return await _apply_links(tx, row["id"], changes, scope)


async def update(
    tx: Tx, chapter_id: str, changes: ChapterChanges, scope: Scope, id_field: str = "id"
) -> tuple[ChapterRecord, ChapterRecord]:
    """Change the given properties and links; returns the chapter before and after."""
    await access.require(tx, access.CHAPTER, chapter_id, scope, id_field, edit=True)
    before = await get(tx, chapter_id)
    if "code" in changes.props:
        await _check_code(tx, changes.props["code"], chapter_id)
    props = changes.props | (search_fields(changes.props["name"]) if "name" in changes.props else {})
    await tx.rows(_UPDATE, {"id": chapter_id, "props": props})
    return before, await _apply_links(tx, chapter_id, changes, scope)


async def _apply_links(tx: Tx, chapter_id: str, changes: ChapterChanges, scope: Scope) -> ChapterRecord:
    """Replace the given links, then check the result: kind rules hold and PART_OF has no cycle."""
    await access.require_refs(tx, scope, {f: (_TARGETS[f], i) for f, i in changes.links.items()})
    for name, target in changes.links.items():
        await tx.rows(_RELINK[name], {"id": chapter_id, "target": target})
    if "parent" in changes.links:
        row = await tx.row(_CYCLE, {"id": chapter_id})
        if row is not None and row["cycle"]:
            raise Rejected(
                "parent", "INVALID", "a chapter cannot be part of itself or of its own sub-chapters"
            )
    rec = await get(tx, chapter_id)
    needed = KIND_LINK.get(rec.kind)
    if needed is not None and rec.link(needed) is None:
        raise Rejected(needed, "REQUIRED", f"a {rec.kind} chapter needs a {needed}")
    return rec


async def _check_code(tx: Tx, code: str, chapter_id: str | None) -> None:
    row = await tx.row(_CODE_OWNER, {"code": code})
    if row is not None and row["id"] != chapter_id:
        raise Rejected("code", "DUPLICATE", f"a chapter with code {code} already exists")
