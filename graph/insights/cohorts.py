"""Reunion classes, chapter recommendations and notable alumni due a visit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import LiteralString

from graph.core.db import Database, Tx
from graph.core.errors import NotFound
from graph.core.scope import ALUMNUS_VISIBLE, Scope


@dataclass(frozen=True)
class ReunionRow:
    """A class celebrating an anniversary in a year."""

    class_id: str
    anniversary: int
    alumni_count: int
    contactable_count: int
    liaison_ids: tuple[str, ...]


@dataclass(frozen=True)
class Recommendation:
    """A chapter the alumnus could join, why, and what it is based on."""

    chapter_id: str
    reason: str
    basis_id: str
    rank: int


@dataclass(frozen=True)
class DueRow:
    """A notable alumnus and the last contact before the reference date (None: never)."""

    alumnus_id: str
    last_interaction_on: date | None


# Classes are listed for everyone but a college officer (who sees their college's); counts
# and liaisons are over the alumni the caller may see.
# Binds `c` (the class) and `anniversary`; graph.compiled reads the same rows.
REUNION_MATCH: LiteralString = (
    "UNWIND $anniversaries AS anniversary"
    " MATCH (c:Class {graduationYear: $year - anniversary})"
    " WHERE ($scope.college IS NULL OR $scope.all"
    " OR EXISTS { (c)-[:OF_COLLEGE]->(:College {code: $scope.college}) })"
)
REUNION_ORDER: LiteralString = " ORDER BY anniversary, c.code"
_REUNIONS: LiteralString = (
    REUNION_MATCH + " RETURN c.id AS classId, anniversary,"
    " COUNT { MATCH (n:Alumnus)-[:STUDIED_IN]->(c) WHERE " + ALUMNUS_VISIBLE + " } AS alumniCount,"
    " COUNT { MATCH (n:Alumnus)-[:STUDIED_IN]->(c) WHERE "
    + ALUMNUS_VISIBLE
    + " AND coalesce(n.consentContact, false) AND (n.email IS NOT NULL OR n.phone IS NOT NULL) }"
    " AS contactableCount,"
    " COLLECT { MATCH (n:Alumnus)-[:LIAISON_FOR]->(c) WHERE "
    + ALUMNUS_VISIBLE
    + " RETURN n.id ORDER BY n.name, n.id } AS liaisonIds"
    + REUNION_ORDER
)


async def reunion_classes(
    db: Database, scope: Scope, year: int, anniversaries: list[int]
) -> list[ReunionRow]:
    """Classes whose graduation year is `year - n` for each anniversary n."""
    rows = await db.read_table(
        _REUNIONS,
        ("classId", "anniversary", "alumniCount", "contactableCount", "liaisonIds"),
        {"year": year, "anniversaries": sorted(set(anniversaries)), "scope": scope.params()},
    )
    return [
        ReunionRow(
            r["classId"], r["anniversary"], r["alumniCount"], r["contactableCount"], tuple(r["liaisonIds"])
        )
        for r in rows
    ]


# Binds each recommended chapter `ch` and its `best` reason ({reason, basis, tier, distance});
# graph.compiled reads the same rows.
RECOMMEND_MATCH: LiteralString = (
    "MATCH (n:Alumnus {id: $id}) WHERE " + ALUMNUS_VISIBLE + " CALL (n) {"
    " MATCH (n)-[:LIVES_IN]->(:Region)-[up:PART_OF*0..]->(r:Region)"
    "<-[:IN_REGION]-(ch:Chapter {kind: 'REGIONAL'})"
    " RETURN ch, 'REGIONAL' AS reason, r AS basis, 0 AS tier, size(up) AS distance"
    " UNION"
    " MATCH (n)-[:STUDIED_IN]->(:Class)-[:OF_COLLEGE]->(col:College)"
    "<-[:OF_COLLEGE]-(ch:Chapter {kind: 'COLLEGE'})"
    " RETURN ch, 'COLLEGE' AS reason, col AS basis, 1 AS tier, 0 AS distance"
    " UNION"
    " MATCH (n)-[w:WORKS_AT]->(:Company)-[:IN_INDUSTRY]->(:Industry)-[up:PART_OF*0..]->(i:Industry)"
    "<-[:FOCUSES_ON]-(ch:Chapter {kind: 'INDUSTRY'}) WHERE w.endYear IS NULL"
    " RETURN ch, 'INDUSTRY' AS reason, i AS basis, 2 AS tier, size(up) AS distance"
    " }"
    " WITH n, ch, reason, basis, tier, distance"
    " WHERE coalesce(ch.status, 'ACTIVE') = 'ACTIVE' AND NOT EXISTS { (n)-[:MEMBER_OF]->(ch) }"
    " WITH ch, reason, basis, tier, distance ORDER BY tier, distance, ch.name"
    " WITH ch, head(collect({reason: reason, basis: basis, tier: tier, distance: distance})) AS best"
)
RECOMMEND_ORDER: LiteralString = " ORDER BY best.tier, best.distance, ch.name"
_RECOMMEND: LiteralString = (
    RECOMMEND_MATCH
    + " RETURN ch.id AS chapterId, best.reason AS reason, best.basis.id AS basisId"
    + RECOMMEND_ORDER
)
_EXISTS: LiteralString = "MATCH (n:Alumnus {id: $id}) WHERE " + ALUMNUS_VISIBLE + " RETURN n.id AS id"


async def chapter_recommendations(db: Database, scope: Scope, alumnus_id: str) -> list[Recommendation]:
    """Regional chapters (most specific region first), then college, then industry chapters."""
    params = {"id": alumnus_id, "scope": scope.params()}

    async def work(tx: Tx) -> list[Recommendation]:
        if await tx.row(_EXISTS, params) is None:
            raise NotFound("alumnus not found")
        rows = await tx.rows(_RECOMMEND, params)
        return [Recommendation(r["chapterId"], r["reason"], r["basisId"], i + 1) for i, r in enumerate(rows)]

    return await db.read(work)


# Binds each notable alumnus `n` due a contact and its `last` interaction day; graph.compiled reads
# the same rows.
DUE_MATCH: LiteralString = (
    "MATCH (n:Alumnus) WHERE n.notable = true AND "
    + ALUMNUS_VISIBLE
    + " WITH n, COLLECT { MATCH (i:Interaction)-[:WITH]->(n) WHERE i.date <= $asOf"
    " RETURN max(i.date) }[0] AS last"
    " WHERE last IS NULL OR last <= $asOf - duration({months: $months})"
)
DUE_ORDER: LiteralString = " ORDER BY last IS NOT NULL, last, n.name, n.id LIMIT $first"
_DUE: LiteralString = DUE_MATCH + " RETURN n.id AS alumnusId, last" + DUE_ORDER


async def notable_alumni_due(
    db: Database, scope: Scope, as_of: date, months: int, first: int
) -> list[DueRow]:
    """Notable alumni not contacted in the `months` before `as_of`; never-contacted first."""
    rows = await db.read_rows(
        _DUE, {"asOf": as_of, "months": months, "first": first, "scope": scope.params()}
    )
    return [DueRow(r["alumnusId"], r["last"].to_native() if r["last"] else None) for r in rows]
