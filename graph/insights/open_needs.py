"""openNeeds (DESIGN §7): needs of alumni enterprises that no ACTIVE or COMPLETED cooperation
answers, each with the alumni who bridge to the company — in one statement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.careers.employment import EmploymentRecord
from graph.core.db import Database
from graph.core.errors import NotFound
from graph.core.scope import ALUMNUS_VISIBLE, Scope

MAX_FIRST = 100


@dataclass(frozen=True)
class NeedMatch:
    """An open need and the current employments of alumni (of the college, if asked) at its company."""

    need_id: str
    company_id: str
    kind: str
    description: str | None
    founder_count: int
    bridge_count: int
    bridges: tuple[EmploymentRecord, ...]


# `n` is a current employee of `c` whom the caller may see and, when `col` is given, one of the
# college's people (studied in one of its classes, or worked there).
_BRIDGE: LiteralString = (
    "MATCH (n:Alumnus)-[w:WORKS_AT]->(c) WHERE w.endYear IS NULL AND " + ALUMNUS_VISIBLE
    + " AND (col IS NULL OR EXISTS { (n)-[:STUDIED_IN]->(:Class)-[:OF_COLLEGE]->(col) }"
    " OR EXISTS { (n)-[:WORKED_AT_SCHOOL]->(col) })"
)  # fmt: skip
ORDER: LiteralString = (
    " ORDER BY founderCount DESC, bridgeCount DESC, c.name, need.kind,"
    " coalesce(need.description, ''), need.id"
)
# Unknown codes come back as flags (no match is computed then), so the question stays one statement.
# Companies are ranked on their bridge counts first; only the `first` needs kept list their bridges.
# FLAGS binds `ind`, `reg`, `col` and the three flags; RANKED (after a guard on the flags) binds the
# `first` needs kept: `c`, `col`, `need`, bridgeCount and founderCount, in ORDER (compiled reads
# project from there).
FLAGS: LiteralString = (
    "OPTIONAL MATCH (ind:Industry {code: $industry}) OPTIONAL MATCH (reg:Region {code: $region})"
    " OPTIONAL MATCH (col:College {id: $college})"
    " WITH ind, reg, col, ($industry IS NULL OR ind IS NOT NULL) AS industryOk,"
    " ($region IS NULL OR reg IS NOT NULL) AS regionOk, ($college IS NULL OR col IS NOT NULL) AS collegeOk"
)
RANKED: LiteralString = (
    " MATCH (c:Company)-[:NEEDS]->(need:Need) WHERE ($kind IS NULL OR need.kind = $kind)"
    " AND (ind IS NULL OR EXISTS { (c)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(ind) })"
    " AND (reg IS NULL OR EXISTS { (c)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(reg) })"
    " AND NOT EXISTS { (need)<-[:ANSWERS]-(k:Cooperation) WHERE k.status IN ['ACTIVE', 'COMPLETED'] }"
    " WITH c, col, collect(need) AS needs"
    " CALL (c, col) { " + _BRIDGE + " RETURN count(DISTINCT n) AS bridgeCount,"
    " count(DISTINCT CASE WHEN w.role = 'FOUNDER' THEN n END) AS founderCount }"
    " WITH c, col, needs, bridgeCount, founderCount WHERE bridgeCount > 0"
    " UNWIND needs AS need WITH c, col, need, bridgeCount, founderCount" + ORDER + " LIMIT $first"
)  # fmt: skip
OPEN_NEEDS: LiteralString = (
    FLAGS + " CALL (ind, reg, col, industryOk, regionOk, collegeOk) {"
    " WITH * WHERE industryOk AND regionOk AND collegeOk" + RANKED
    + " CALL (c, col) { " + _BRIDGE + " WITH n, w ORDER BY CASE w.role WHEN 'FOUNDER' THEN 0"
    " WHEN 'EXECUTIVE' THEN 1 ELSE 2 END, n.name, n.id"
    " RETURN collect({alumnusId: n.id, title: w.title, role: w.role, startYear: w.startYear}) AS bridges }"
    " WITH c, need, founderCount, bridgeCount, bridges" + ORDER
    + " RETURN collect({needId: need.id, companyId: c.id, kind: need.kind, description: need.description,"
    " founderCount: founderCount, bridgeCount: bridgeCount, bridges: bridges}) AS matches }"
    " RETURN industryOk, regionOk, collegeOk, matches"
)  # fmt: skip


async def open_needs(
    db: Database,
    scope: Scope,
    *,
    college: str | None,
    kind: str | None,
    industry: str | None,
    region: str | None,
    first: int,
) -> list[NeedMatch]:
    """Open needs ranked by founders and bridges; NotFound for an unknown industry, region or college."""
    params = {
        "college": college,
        "kind": kind,
        "industry": industry,
        "region": region,
        "first": first,
        "scope": scope.params(),
    }
    rows = await db.read_rows(OPEN_NEEDS, params)
    row = rows[0]
    for flag, what in (("industryOk", f"industry {industry}"), ("regionOk", f"region {region}")):
        if not row[flag]:
            raise NotFound(f"{what} not found")
    if not row["collegeOk"]:
        raise NotFound("college not found")
    return [_match(m) for m in row["matches"]]


def _match(m: dict[str, Any]) -> NeedMatch:
    return NeedMatch(
        need_id=m["needId"],
        company_id=m["companyId"],
        kind=m["kind"],
        description=m["description"],
        founder_count=int(m["founderCount"]),
        bridge_count=int(m["bridgeCount"]),
        bridges=tuple(
            # bridges are current employments: no end year, by definition
            EmploymentRecord(b["alumnusId"], m["companyId"], b["title"], b["role"], b["startYear"], None)
            for b in m["bridges"]
        ),
    )
