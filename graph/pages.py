"""Keyset pages beyond `graph.nodes`: date-sorted lists and neighbour lists paged per owner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString, TypeVar

from graph.db import Database, Row, returned_columns
from graph.nodes import ListSpec, fetch_page
from graph.paging import BadCursor, Cursor

T = TypeVar("T")


def plain_key(key: Any) -> Any:
    """A sort value fit for a cursor: Neo4j dates become ISO strings."""
    iso = getattr(key, "iso_format", None)
    return iso() if callable(iso) else key


def date_cursor(after: Cursor | None) -> Cursor | None:
    """A cursor of a date-sorted list with its key turned back into a date."""
    if after is None:
        return None
    try:
        return Cursor(date.fromisoformat(str(after.key)), after.id)
    except ValueError as exc:
        raise BadCursor("the cursor does not fit this order") from exc


@dataclass(frozen=True)
class Order:
    """A sort of a list: a key of `ListSpec.sorts`, its direction, and whether it sorts dates."""

    sort: str
    descending: bool = False
    dated: bool = False


async def fetch_ordered_page(
    db: Database,
    spec: ListSpec[T],
    params: dict[str, Any],
    order: Order,
    first: int,
    after: Cursor | None,
) -> tuple[list[tuple[T, Any]], bool]:
    """`graph.nodes.fetch_page` that also sorts by date properties (cursor keys are ISO dates)."""
    cursor = date_cursor(after) if order.dated else after
    rows, more = await fetch_page(db, spec, params, order.sort, order.descending, first, cursor)
    return [(rec, plain_key(key)) for rec, key in rows], more


@dataclass(frozen=True)
class Related:
    """Neighbours of many owners, each owner's list sorted and paged on its own, in one statement.

    `inner` binds `owner` to its node and the neighbour variables, ending in a WHERE clause;
    `carry` names the variables the columns need; `key` is a sort expression that is never null
    (a string or number) and `tie` a unique one (an id); `columns` are the RETURN columns.
    """

    inner: LiteralString
    carry: LiteralString
    key: LiteralString
    tie: LiteralString
    columns: LiteralString
    descending: bool = False

    @property
    def page_query(self) -> LiteralString:
        """The statement for one page of every owner's list."""
        cmp: LiteralString = " < " if self.descending else " > "
        order: LiteralString = " DESC" if self.descending else ""
        return (
            "UNWIND $ids AS owner CALL (owner) { "
            + self.inner
            + " AND ($afterId IS NULL OR "
            + self.key
            + cmp
            + "$afterKey OR ("
            + self.key
            + " = $afterKey AND "
            + self.tie
            + cmp
            + "$afterId)) WITH "
            + self.carry
            + " ORDER BY "
            + self.key
            + order
            + ", "
            + self.tie
            + order
            + " LIMIT $limit RETURN "
            + self.carry
            + " } RETURN owner, "
            + self.columns
            + ", "
            + self.key
            + " AS sortKey, "
            + self.tie
            + " AS sortId"
        )

    @property
    def count_query(self) -> LiteralString:
        """The statement counting every owner's whole list."""
        return (
            "UNWIND $ids AS owner CALL (owner) { "
            + self.inner
            + " RETURN count(*) AS total } RETURN owner, total"
        )


async def fetch_related_pages(
    db: Database,
    spec: Related,
    ids: list[str],
    params: dict[str, Any],
    first: int,
    after: Cursor | None,
) -> dict[str, tuple[list[Row], bool]]:
    """Per owner: the rows of one page (each with `sortKey` and `sortId`) and whether more follow."""
    full = params | {
        "ids": ids,
        "afterKey": after.key if after else None,
        "afterId": after.id if after else None,
        "limit": first + 1,
    }
    grouped: dict[str, list[Row]] = {i: [] for i in ids}
    columns = ("owner", *returned_columns(spec.columns), "sortKey", "sortId")
    for row in await db.read_table(spec.page_query, columns, full):
        grouped[row["owner"]].append(row)
    return {k: (rows[:first], len(rows) > first) for k, rows in grouped.items()}


async def fetch_related_counts(
    db: Database, spec: Related, ids: list[str], params: dict[str, Any]
) -> dict[str, int]:
    """Per owner: the length of its whole list."""
    rows = await db.read_rows(spec.count_query, params | {"ids": ids})
    return {r["owner"]: int(r["total"]) for r in rows}
