"""donorRetention: retained, LYBUNT, SYBUNT, new and recaptured donors over gifts and payments."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, LiteralString

from graph.core.db import Database
from graph.core.pages import Cursor
from graph.core.scope import FUND_GIVING, Scope


class Segment(StrEnum):
    """The retention segments of DESIGN §4."""

    RETAINED = "RETAINED"
    LYBUNT = "LYBUNT"
    SYBUNT = "SYBUNT"
    NEW = "NEW"
    RECAPTURED = "RECAPTURED"


@dataclass(frozen=True)
class DonorRef:
    """A donor node (Alumnus or Company) in a segment."""

    label: str
    id: str


# Gifts and payments within the filter (one fund, or the funds of one college, or all), for
# callers with the giving scope or a college officer over their college's funds.
SEGMENTED: LiteralString = (
    "MATCH (d:Donation)-[:TO]->(f:Fund) WHERE d.kind IN ['GIFT', 'PAYMENT']"
    " AND ($fund IS NULL OR f.id = $fund)"
    " AND ($college IS NULL OR EXISTS { (f)-[:OF_COLLEGE]->(:College {id: $college}) })"
    " AND " + FUND_GIVING + " MATCH (d)-[:FROM]->(donor)"
    " WITH donor, collect(DISTINCT d.date.year) AS years"
    " WITH donor, $year IN years AS thisYear, ($year - 1) IN years AS lastYear,"
    " any(y IN years WHERE y < $year - 1) AS earlier, all(y IN years WHERE y >= $year) AS firstNow"
    " WITH donor, CASE"
    " WHEN thisYear AND lastYear THEN 'RETAINED'"
    " WHEN thisYear AND firstNow THEN 'NEW'"
    " WHEN thisYear AND earlier THEN 'RECAPTURED'"
    " WHEN lastYear THEN 'LYBUNT'"
    " WHEN earlier THEN 'SYBUNT' END AS segment"
)
_ALL: LiteralString = SEGMENTED + (
    " WITH donor, segment WHERE segment IS NOT NULL"
    " RETURN segment, labels(donor)[0] AS label, donor.id AS id, coalesce(donor.name, '') AS name"
    " ORDER BY name, id"
)

_COUNTS: LiteralString = (
    SEGMENTED + " WITH segment WHERE segment IS NOT NULL RETURN segment, count(*) AS total"
)


def _params(scope: Scope, year: int, fund: str | None, college: str | None) -> dict[str, Any]:
    return {"year": year, "fund": fund, "college": college, "scope": scope.params()}


Segments = dict[Segment, list[tuple[DonorRef, str]]]


async def all_segments(
    db: Database, scope: Scope, year: int, fund: str | None, college: str | None
) -> Segments:
    """Every donor of every segment in one statement, each list ordered by (name, id)."""
    params = _params(scope, year, fund, college)
    rows = await db.read_table(_ALL, ("segment", "label", "id", "name"), params)
    out: Segments = {s: [] for s in Segment}
    for r in rows:
        out[Segment(r["segment"])].append((DonorRef(r["label"], r["id"]), r["name"]))
    return out


async def all_counts(
    db: Database, scope: Scope, year: int, fund: str | None, college: str | None
) -> dict[Segment, int]:
    """The size of every segment, in one statement (for queries that show only totals)."""
    rows = await db.read_rows(_COUNTS, _params(scope, year, fund, college))
    counts = dict.fromkeys(Segment, 0)
    counts.update({Segment(r["segment"]): int(r["total"]) for r in rows})
    return counts


def page_of(
    donors: list[tuple[DonorRef, str]], first: int, after: Cursor | None
) -> tuple[list[tuple[DonorRef, Any]], bool]:
    """A keyset page of a segment list ordered by (name, id); cursors carry the name and the id."""
    if after is not None:
        donors = [(d, n) for d, n in donors if (n, d.id) > (str(after.key), after.id)]
    return donors[:first], len(donors) > first
