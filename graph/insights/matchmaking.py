"""Cooperation matchmaking: alumni enterprises in an industry and region subtree (partnerCompanies)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.careers.employment import EmploymentRecord
from graph.core.db import Database, Tx
from graph.core.errors import NotFound
from graph.core.scope import ALUMNUS_VISIBLE, Scope

MAX_FIRST = 100


@dataclass(frozen=True)
class CompanyMatch:
    """A company with current alumni, ranked by founders, executives, then all alumni."""

    company_id: str
    founder_count: int
    executive_count: int
    alumni_count: int
    employments: tuple[EmploymentRecord, ...]


CHECK: LiteralString = (
    "OPTIONAL MATCH (i:Industry {code: $industry}) OPTIONAL MATCH (r:Region {code: $region})"
    " RETURN i IS NOT NULL AS industry, ($region IS NULL OR r IS NOT NULL) AS region"
)

# Companies in the industry subtree (and region subtree), with at least one current alumnus
# visible to the caller; the counts are over those alumni. Ranked on the counts alone, so only
# the `first` companies kept have their employments listed (by role, then by name). `RANKED` binds
# `c`, founderCount, executiveCount and alumniCount (compiled reads project from there).
_CURRENT: LiteralString = "MATCH (n:Alumnus)-[w:WORKS_AT]->(c) WHERE w.endYear IS NULL AND " + ALUMNUS_VISIBLE
RANKED: LiteralString = (
    "MATCH (ind:Industry {code: $industry})"
    " MATCH (c:Company)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(ind)"
    " WHERE ($region IS NULL OR EXISTS {"
    " (c)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:Region {code: $region}) })"
    " AND ($needKind IS NULL OR EXISTS { (c)-[:NEEDS]->(:Need {kind: $needKind}) })"
    " " + _CURRENT + " WITH c, count(DISTINCT n) AS alumniCount,"
    " count(DISTINCT CASE WHEN w.role = 'FOUNDER' THEN n END) AS founderCount,"
    " count(DISTINCT CASE WHEN w.role = 'EXECUTIVE' THEN n END) AS executiveCount"
    " ORDER BY founderCount DESC, executiveCount DESC, alumniCount DESC, c.name, c.id LIMIT $first"
)
_MATCHES: LiteralString = (
    RANKED + " CALL (c) { " + _CURRENT + " WITH n, w ORDER BY w.role, n.name, n.id"
    " RETURN collect({alumnusId: n.id, title: w.title, role: w.role, startYear: w.startYear,"
    " endYear: w.endYear})"
    " AS employments }"
    " RETURN c.id AS companyId, founderCount, executiveCount, alumniCount, employments"
    " ORDER BY founderCount DESC, executiveCount DESC, alumniCount DESC, c.name, c.id"
)


async def partner_companies(
    db: Database, scope: Scope, industry: str, region: str | None, need_kind: str | None, first: int
) -> list[CompanyMatch]:
    """Ranked alumni enterprises; NotFound for an unknown industry or region code."""
    params = {
        "industry": industry,
        "region": region,
        "needKind": need_kind,
        "first": first,
        "scope": scope.params(),
    }

    async def work(tx: Tx) -> list[CompanyMatch]:
        check = await tx.row(CHECK, params)
        if not check or not check["industry"]:
            raise NotFound(f"industry {industry} not found")
        if not check["region"]:
            raise NotFound(f"region {region} not found")
        return [_match(r) for r in await tx.rows(_MATCHES, params)]

    return await db.read(work)


def _match(row: dict[str, object]) -> CompanyMatch:
    jobs = row["employments"]
    assert isinstance(jobs, list)
    company = str(row["companyId"])
    return CompanyMatch(
        company_id=company,
        founder_count=int(str(row["founderCount"])),
        executive_count=int(str(row["executiveCount"])),
        alumni_count=int(str(row["alumniCount"])),
        employments=tuple(
            EmploymentRecord(j["alumnusId"], company, j["title"], j["role"], j["startYear"], j["endYear"])
            for j in jobs
        ),
    )
