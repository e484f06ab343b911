"""Table-driven reads shared by every aggregate: batched lookups by id and keyset pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, LiteralString, TypeVar

from graph.db import Database, Row, returned_columns
from graph.paging import Cursor

T = TypeVar("T")


@dataclass(frozen=True)
class ListSpec(Generic[T]):
    """How one label is filtered, projected and sorted; all parts are fixed Cypher text.

    `match` binds `n` and ends in a WHERE clause (use `WHERE true` for none); `projection`
    is a RETURN clause over `n`; `sorts` maps a sort name to a property that is never null.
    """

    match: LiteralString
    projection: LiteralString
    sorts: dict[str, LiteralString]
    by_ids: LiteralString
    record: Callable[[Row], T]
    _pages: dict[tuple[str, bool], LiteralString] = field(default_factory=dict, compare=False)

    def page_query(self, sort: str, desc: bool) -> LiteralString:
        """The statement for one page in the given order (built once, from fixed parts)."""
        key = (sort, desc)
        if key not in self._pages:
            self._pages[key] = _page_query(self.match, self.projection, self.sorts[sort], desc)
        return self._pages[key]

    @property
    def columns(self) -> tuple[LiteralString, ...]:
        """The names of the projection's columns."""
        return returned_columns(self.projection)

    @property
    def count_query(self) -> LiteralString:
        """The statement counting every match."""
        return self.match + " RETURN count(n) AS total"


def _page_query(
    match: LiteralString, projection: LiteralString, prop: LiteralString, desc: bool
) -> LiteralString:
    # `n.prop >= $afterKey` (or `IS NOT NULL` on the first page) lets the planner walk the
    # property's index in order and stop at LIMIT, instead of sorting every match.
    cmp: LiteralString = " < " if desc else " > "
    bound: LiteralString = " <= " if desc else " >= "
    direction: LiteralString = " DESC" if desc else ""
    return (
        match
        + " AND n."
        + prop
        + " IS NOT NULL"
        + " AND ($afterId IS NULL OR (n."
        + prop
        + bound
        + "$afterKey"
        + " AND (n."
        + prop
        + cmp
        + "$afterKey OR n.id"
        + cmp
        + "$afterId)))"
        + " WITH n ORDER BY n."
        + prop
        + direction
        + ", n.id"
        + direction
        + " LIMIT $limit"
        + projection
        + ", n."
        + prop
        + " AS sortKey"
    )


def by_ids_query(label_match: LiteralString, projection: LiteralString) -> LiteralString:
    """`UNWIND $ids` lookup; `label_match` is e.g. "MATCH (n:College {id: wanted}) WHERE true"."""
    return "UNWIND $ids AS wanted " + label_match + projection


async def fetch_page(
    db: Database,
    spec: ListSpec[T],
    params: dict[str, Any],
    sort: str,
    desc: bool,
    first: int,
    after: Cursor | None,
) -> tuple[list[tuple[T, Any]], bool]:
    """Records of one page, each with its sort value, and whether more follow."""
    full = params | {
        "afterKey": after.key if after else None,
        "afterId": after.id if after else None,
        "limit": first + 1,
    }
    rows = await db.read_table(spec.page_query(sort, desc), (*spec.columns, "sortKey"), full)
    return [(spec.record(r), r["sortKey"]) for r in rows[:first]], len(rows) > first


async def fetch_count(db: Database, spec: ListSpec[T], params: dict[str, Any]) -> int:
    """How many nodes the spec's filter matches."""
    rows = await db.read_rows(spec.count_query, params)
    return int(rows[0]["total"])


async def fetch_by_ids(
    db: Database, spec: ListSpec[T], ids: list[str], params: dict[str, Any] | None = None
) -> dict[str, T]:
    """Records by id, one statement for the batch; missing or invisible ids are absent."""
    rows = await db.read_table(spec.by_ids, spec.columns, (params or {}) | {"ids": ids})
    return {r["id"]: spec.record(r) for r in rows}


async def fetch_related(
    db: Database, query: LiteralString, ids: list[str], params: dict[str, Any] | None = None
) -> dict[str, list[Row]]:
    """Rows grouped by their `owner` column: one statement for the neighbours of many nodes."""
    rows = await db.read_rows(query, (params or {}) | {"ids": ids})
    grouped: dict[str, list[Row]] = {i: [] for i in ids}
    for r in rows:
        grouped.setdefault(r["owner"], []).append(r)
    return grouped
