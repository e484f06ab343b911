"""The inputs of the scenarios, picked deterministically from the benchmark database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from pypinyin import lazy_pinyin

from scripts.bench.questions import statement
from scripts.bench.sides import Raw

PAGE_SIZE = 50
DEEP_PAGE = 50
PATH_TRIES = 40


@dataclass(frozen=True)
class Fixtures:
    """Ids, codes and dates the scenarios ask about."""

    alumni: int
    alumnus: str  # has a class, a city and a current employer
    search_text: str  # the pinyin of that alumnus's name, run together ("zhangwei")
    path_from: str
    path_to: str
    path_hops: int | None
    industry: str  # top-level industry with the most companies
    division: tuple[str, str]  # (code, id) of the two-digit industry division with the most companies
    fund: str | None
    giving_year: int
    reunion_year: int
    as_of: date
    deep_page: int  # page number of the deep keyset page (50 unless the data is small)
    deep_after: tuple[str, str]  # (name, id) of the last alumnus before the deep page

    @property
    def deep_skip(self) -> int:
        """Alumni before the deep page."""
        return (self.deep_page - 1) * PAGE_SIZE


_COUNT: LiteralString = "MATCH (n:Alumnus) RETURN count(n) AS value"
_ALUMNUS: LiteralString = (
    "MATCH (n:Alumnus)-[w:WORKS_AT]->() WHERE w.endYear IS NULL"
    " AND EXISTS { (n)-[:STUDIED_IN]->() } AND EXISTS { (n)-[:LIVES_IN]->() }"
    " RETURN n.id AS value ORDER BY n.externalId LIMIT 1"
)
_NAME: LiteralString = "MATCH (n:Alumnus {id: $id}) RETURN n.name AS value"
_INDUSTRY: LiteralString = (
    "MATCH (c:Company)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(top:Industry)"
    " WHERE NOT (top)-[:PART_OF]->() WITH top.code AS value, count(c) AS companies"
    " RETURN value ORDER BY companies DESC, value LIMIT 1"
)
_DIVISION: LiteralString = (
    "MATCH (c:Company)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(d:Industry) WHERE size(d.code) = 2"
    " WITH d, count(c) AS companies RETURN [d.code, d.id] AS value ORDER BY companies DESC, d.code LIMIT 1"
)
_FUND: LiteralString = (
    "MATCH (f:Fund)<-[:TO]-(d:Donation) WITH f, count(d) AS donations"
    " RETURN f.id AS value ORDER BY donations DESC, f.code LIMIT 1"
)
_GIVING_YEAR: LiteralString = "MATCH (d:Donation) RETURN max(d.date.year) - 1 AS value"
_AS_OF: LiteralString = "MATCH (i:Interaction) RETURN max(i.date) AS value"
_NTH: LiteralString = (
    "MATCH (n:Alumnus) WITH n ORDER BY n.name, n.id SKIP $skip LIMIT 1 RETURN [n.name, n.id] AS value"
)
_CANDIDATES: LiteralString = "MATCH (n:Alumnus) RETURN n.id AS value ORDER BY n.externalId"


async def _value(raw: Raw, query: LiteralString, params: dict[str, Any] | None = None) -> Any:
    rows = await raw.ask(query, params or {})
    return rows[0]["value"] if rows else None


async def pick(raw: Raw, reunion_year: int = 2026) -> Fixtures:
    """Every scenario input, from the data itself (the seed is deterministic, so are these)."""
    alumni = int(await _value(raw, _COUNT))
    deep_page = max(2, min(DEEP_PAGE, alumni // PAGE_SIZE))
    path = await _path_pair(raw)
    as_of = await _value(raw, _AS_OF)
    giving_year = await _value(raw, _GIVING_YEAR)
    alumnus = await _value(raw, _ALUMNUS)
    name = await _value(raw, _NAME, {"id": alumnus})
    return Fixtures(
        alumni=alumni,
        alumnus=alumnus,
        search_text="".join(lazy_pinyin(name)).replace(" ", "").lower(),
        path_from=path[0],
        path_to=path[1],
        path_hops=path[2],
        industry=await _value(raw, _INDUSTRY),
        division=tuple(await _value(raw, _DIVISION)),
        fund=await _value(raw, _FUND),
        giving_year=int(giving_year) if giving_year is not None else reunion_year - 1,
        reunion_year=reunion_year,
        as_of=as_of.to_native() if as_of is not None else date(reunion_year, 1, 1),
        deep_page=deep_page,
        deep_after=tuple(await _value(raw, _NTH, {"skip": (deep_page - 1) * PAGE_SIZE - 1})),
    )


async def _path_pair(raw: Raw) -> tuple[str, str, int | None]:
    """Two alumni four hops apart (else three, else the last pair tried), trying at most PATH_TRIES pairs."""
    ids = [r["value"] for r in await raw.ask(_CANDIDATES, {})]
    step = max(1, len(ids) // PATH_TRIES)
    three: tuple[str, str, int | None] | None = None
    a, b, hops = ids[0], ids[-1], None
    for i in range(min(PATH_TRIES, len(ids))):
        a, b = ids[i * step % len(ids)], ids[(i * step + len(ids) // 2) % len(ids)]
        rows = await raw.ask(statement("introductionDistance"), {"from": a, "to": b})
        hops = rows[0]["distance"]["hops"] if rows else None
        if hops == 4:
            return a, b, 4
        if hops == 3 and three is None:
            three = (a, b, 3)
    return three or (a, b, hops)
