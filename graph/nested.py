"""Nested connections: one keyset page per owner for many owners, in one statement."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, LiteralString, TypeVar

from graph.db import Database, Row, returned_columns
from graph.paging import Cursor

T = TypeVar("T")


@dataclass(frozen=True)
class NestedSpec(Generic[T]):
    """A one-to-many list paged per owner; all parts are fixed Cypher text.

    `match` starts with `UNWIND $ids AS owner`, binds the relationship `r` and the listed node
    `n`, and ends in a WHERE clause; `projection` is a RETURN clause over `owner`, `r` and `n`
    that includes `owner` and `id` (= n.id); `sort` is an expression over `n`/`r`, never null.
    """

    match: LiteralString
    projection: LiteralString
    sort: LiteralString
    record: Callable[[Row], T]
    _query: list[LiteralString] = field(default_factory=list, compare=False)

    @property
    def page_query(self) -> LiteralString:
        """The statement returning up to `$limit` rows per owner after the cursor."""
        if not self._query:
            self._query.append(_page_query(self.match, self.projection, self.sort))
        return self._query[0]

    @property
    def count_query(self) -> LiteralString:
        """The statement counting the matches of every owner."""
        return self.match + " RETURN owner, count(n) AS total"


def _page_query(match: LiteralString, projection: LiteralString, sort: LiteralString) -> LiteralString:
    return (
        match
        + " AND ($afterId IS NULL OR "
        + sort
        + " > $afterKey OR ("
        + sort
        + " = $afterKey AND n.id > $afterId))"
        + " WITH owner, r, n ORDER BY "
        + sort
        + ", n.id"
        # collect keeps the order; slicing caps every owner's page independently
        + " WITH owner, collect({r: r, n: n})[..$limit] AS page"
        + " UNWIND page AS item WITH owner, item.r AS r, item.n AS n"
        + projection
        + ", "
        + sort
        + " AS sortKey ORDER BY owner, sortKey, id"
    )


async def fetch_pages(
    db: Database,
    spec: NestedSpec[T],
    owner_ids: list[str],
    first: int,
    after: Cursor | None,
    params: dict[str, Any] | None = None,
) -> dict[str, tuple[list[tuple[T, Any]], bool]]:
    """For each owner: its page of (record, sort value) and whether more follow."""
    full = (params or {}) | {
        "ids": owner_ids,
        "afterKey": after.key if after else None,
        "afterId": after.id if after else None,
        "limit": first + 1,
    }
    rows = await db.read_table(spec.page_query, (*returned_columns(spec.projection), "sortKey"), full)
    grouped: dict[str, list[tuple[T, Any]]] = {i: [] for i in owner_ids}
    for r in rows:
        grouped.setdefault(r["owner"], []).append((spec.record(r), r["sortKey"]))
    return {k: (v[:first], len(v) > first) for k, v in grouped.items()}


async def fetch_counts(
    db: Database, spec: NestedSpec[T], owner_ids: list[str], params: dict[str, Any] | None = None
) -> dict[str, int]:
    """How many rows each owner's list has (0 for none)."""
    rows = await db.read_rows(spec.count_query, (params or {}) | {"ids": owner_ids})
    counts = {i: 0 for i in owner_ids}
    counts.update({r["owner"]: int(r["total"]) for r in rows})
    return counts
