"""Keyset paging for every aggregate: opaque cursors, table-driven lists (`ListSpec`), batched
lookups by id, date-sorted lists, neighbour lists paged per owner, and the one `reread`."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, LiteralString, TypeVar

from graph.core.db import Database, Row, Tx, returned_columns
from graph.core.errors import Rejected

T = TypeVar("T")

MAX_PAGE = 100


class BadCursor(ValueError):
    """The cursor was not made by this server or does not fit the requested order."""


@dataclass(frozen=True)
class Cursor:
    """Position after which a page starts."""

    key: Any
    id: str


def encode_cursor(key: Any, node_id: str) -> str:
    """Opaque cursor text for the row with this sort value and id."""
    raw = json.dumps([key, node_id], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(text: str | None) -> Cursor | None:
    """Parse a cursor made by `encode_cursor`; None for no cursor."""
    if text is None:
        return None
    try:
        padded = text + "=" * (-len(text) % 4)
        key, node_id = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise BadCursor("the cursor is not valid") from exc
    if not isinstance(node_id, str) or not isinstance(key, str | int | float | None):
        raise BadCursor("the cursor is not valid")
    return Cursor(key, node_id)


@dataclass(frozen=True)
class ListSpec(Generic[T]):
    """How one label is filtered, projected and sorted; all parts are fixed Cypher text.

    `match` binds `n` and ends in a WHERE clause (use `WHERE true` for none); `projection`
    is a RETURN clause over `n`; `sorts` maps a sort name to a property that is never null.
    Optional filters are written `($p IS NULL OR …)`; each request runs the text specialised to
    the filters it gives (`filtered`). `anchors` maps a filter parameter to a pattern from `n` that
    matches at most once per node (e.g. a company's one industry and its PART_OF chain): when the
    filter is given, the pattern joins the MATCH, so the planner may start from the filter's node
    instead of testing every node; its `($p IS NULL OR EXISTS { … })` group must then be redundant.
    """

    match: LiteralString
    projection: LiteralString
    sorts: dict[str, LiteralString]
    by_ids: LiteralString
    record: Callable[[Row], T]
    anchors: Mapping[str, LiteralString] = field(default_factory=dict)
    _pages: dict[tuple[str, bool, LiteralString], LiteralString] = field(default_factory=dict, compare=False)
    _matches: dict[tuple[frozenset[str], frozenset[str]], LiteralString] = field(
        default_factory=dict, compare=False
    )

    def filtered(self, params: Mapping[str, Any]) -> LiteralString:
        """`match` for these filter values: a filter left out costs nothing, a given one is tested
        without its null check, an anchored one joins the MATCH (cached per set of absent filters)."""
        key = (frozenset(k for k, v in params.items() if v is None), frozenset(params))
        if key not in self._matches:
            self._matches[key] = specialise(self.match, params, self.anchors)
        return self._matches[key]

    def page_query(self, sort: str, desc: bool, params: Mapping[str, Any] | None = None) -> LiteralString:
        """The statement for one page in the given order (built once per filter shape, from fixed parts)."""
        match = self.match if params is None else self.filtered(params)
        key = (sort, desc, match)
        if key not in self._pages:
            self._pages[key] = _page_query(match, self.projection, self.sorts[sort], desc)
        return self._pages[key]

    @property
    def columns(self) -> tuple[LiteralString, ...]:
        """The names of the projection's columns."""
        return returned_columns(self.projection)

    def count_query(self, params: Mapping[str, Any] | None = None) -> LiteralString:
        """The statement counting every match."""
        match = self.match if params is None else self.filtered(params)
        return match + " RETURN count(n) AS total"


_OPTIONAL = re.compile(r"\(\$([A-Za-z_][A-Za-z0-9_]*) IS NULL OR ")


def specialise(
    match: LiteralString, params: Mapping[str, Any], anchors: Mapping[str, LiteralString]
) -> LiteralString:
    """`match` with each `($p IS NULL OR pred)` group whose `$p` is in `params` replaced by `true`
    (p is null) or `(pred)`, innermost first; anchored filters that are given join the first MATCH.
    The result is built from `match`'s own text and the fixed anchors only."""
    text: str = match
    joined: list[str] = []
    for found in reversed(list(_OPTIONAL.finditer(text))):
        name = found.group(1)
        if name not in params:
            continue
        start, body = found.start(), found.end()
        end = _closing(text, start)
        if params[name] is None:
            group = "true"
        elif name in anchors:
            group = "true"
            joined.append(anchors[name])
        else:
            group = "(" + text[body:end] + ")"
        text = text[:start] + group + text[end + 1 :]
    if joined:
        head, sep, rest = text.partition(" WHERE ")
        text = head + "".join(", " + pattern for pattern in reversed(joined)) + sep + rest
    return text  # fixed fragments only, rearranged (mypy treats LiteralString as str)


def _closing(text: str, start: int) -> int:
    """The index of the parenthesis closing the one at `start` (braces and strings kept balanced)."""
    depth = 0
    quote = ""
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
            if depth == 0:
                return i
    raise ValueError("unbalanced filter text")


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
    rows = await db.read_table(spec.page_query(sort, desc, params), (*spec.columns, "sortKey"), full)
    return [(spec.record(r), r["sortKey"]) for r in rows[:first]], len(rows) > first


async def fetch_count(db: Database, spec: ListSpec[T], params: dict[str, Any]) -> int:
    """How many nodes the spec's filter matches."""
    rows = await db.read_rows(spec.count_query(params), params)
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


async def reread(
    tx: Tx, spec: ListSpec[T], node_id: str, params: dict[str, Any] | None = None, *, noun: str = "node"
) -> T:
    """The node as stored now, inside the write transaction (NOT_FOUND on `id` if gone or unseen)."""
    rows = await tx.rows(spec.by_ids, (params or {}) | {"ids": [node_id]})
    if not rows:
        raise Rejected("id", "NOT_FOUND", f"no {noun} with this ID")
    return spec.record(rows[0])


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
    """`graph.core.pages.fetch_page` that also sorts by date properties (cursor keys are ISO dates)."""
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
