"""Relay conventions: the Node interface, opaque global IDs, PageInfo and generic connections."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Generic, TypeVar

import strawberry

from graph.core.db import Database, Row
from graph.core.pages import (
    MAX_PAGE,
    BadCursor,
    Cursor,
    ListSpec,
    Order,
    Related,
    decode_cursor,
    encode_cursor,
    fetch_count,
    fetch_ordered_page,
    fetch_related_counts,
    fetch_related_pages,
    plain_key,
)
from schema.core.context import Context
from schema.core.errors import bad_input

T = TypeVar("T")

# The paging and ordering arguments every connection takes.
First = Annotated[int, strawberry.argument(description="Page size, at most 100.")]
After = Annotated[str | None, strawberry.argument(description="Cursor to start after.")]
Descending = Annotated[bool, strawberry.argument(description="Reverse the order.")]
R = TypeVar("R")


@strawberry.interface(description="An object with a globally unique, opaque ID.")
class Node:
    """Relay Node."""

    id: strawberry.ID = strawberry.field(description="Opaque global ID; pass it to `node(id:)`.")


def to_global_id(type_name: str, node_id: str) -> strawberry.ID:
    """Opaque ID of a node of a GraphQL type."""
    return strawberry.ID(base64.urlsafe_b64encode(f"{type_name}:{node_id}".encode()).decode())


def from_global_id(global_id: str) -> tuple[str, str]:
    """(type name, node id) of an opaque ID; BAD_USER_INPUT when it is not one of ours."""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        text = base64.urlsafe_b64decode(padded.encode()).decode()
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise bad_input("not a valid ID") from exc
    type_name, sep, node_id = text.partition(":")
    if not sep or not type_name or not node_id:
        raise bad_input("not a valid ID")
    return type_name, node_id


def expect_id(global_id: str, *type_names: str) -> str:
    """The node id inside a global ID that must be of one of the given types."""
    type_name, node_id = from_global_id(global_id)
    if type_name not in type_names:
        raise bad_input(expected_id(*type_names))
    return node_id


def expected_id(*type_names: str) -> str:
    """The one message for an ID of the wrong type: "expected the ID of an Alumnus or Company"."""
    article = "an" if type_names and type_names[0][:1] in "AEIOU" else "a"
    return f"expected the ID of {article} {' or '.join(type_names)}"


@strawberry.type(description="Where a page sits in its list.")
class PageInfo:
    """Relay PageInfo."""

    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items precede this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first item.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last item; pass as `after`.")


@strawberry.type(description="An item of a list with its cursor.")
class Edge(Generic[T]):
    """Relay edge."""

    node: T = strawberry.field(description="The item.")
    cursor: str = strawberry.field(description="Opaque position of the item.")


@strawberry.type(description="A page of a list (keyset pagination, at most 100 items).")
class Connection(Generic[T]):
    """Relay connection; `totalCount` runs its own count only when selected."""

    edges: list[Edge[T]] = strawberry.field(description="The items of this page with cursors.")
    page_info: PageInfo = strawberry.field(description="Pagination state.")
    counter: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="Number of items in the whole list (computed only when asked).")
    async def total_count(self) -> int:
        """Count the whole list."""
        return await self.counter()

    @strawberry.field(description="The items of this page, without cursors.")
    def nodes(self) -> list[T]:
        """Shortcut to the nodes of `edges`."""
        return [e.node for e in self.edges]


def page_args(first: int, after: str | None) -> tuple[int, Cursor | None]:
    """Validated `first` and decoded `after`; BAD_USER_INPUT otherwise."""
    if first < 0 or first > MAX_PAGE:
        raise bad_input(f"first must be between 0 and {MAX_PAGE}")
    try:
        return first, decode_cursor(after)
    except BadCursor as exc:
        raise bad_input(str(exc)) from exc


def connection(
    rows: list[tuple[Any, Any]],
    has_next: bool,
    had_cursor: bool,
    convert: Callable[[Any], T],
    counter: Callable[[], Awaitable[int]],
) -> Connection[T]:
    """Build a connection from (record, sort value) rows of a keyset page."""
    edges = [Edge(node=convert(rec), cursor=encode_cursor(key, rec.id)) for rec, key in rows]
    info = PageInfo(
        has_next_page=has_next,
        has_previous_page=had_cursor,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(edges=edges, page_info=info, counter=counter)


async def ordered_connection(
    db: Database,
    spec: ListSpec[T],
    params: dict[str, Any],
    order: Order,
    page: tuple[int, Cursor | None],
    convert: Callable[[Any], R],
) -> Connection[R]:
    """A root list in a chosen order (dates newest first, …): one keyset page, the count on demand."""
    first, cursor = page
    try:
        rows, more = await fetch_ordered_page(db, spec, params, order, first, cursor)
    except BadCursor as exc:
        raise bad_input(str(exc)) from exc
    return connection(rows, more, cursor is not None, convert, lambda: fetch_count(db, spec, params))


async def related_connection(
    info: strawberry.Info[Context, None],
    name: str,
    spec: Related,
    owner_id: str,
    page: tuple[int, str | None],
    convert: Callable[[Row], T],
    params: dict[str, Any] | None = None,
) -> Connection[T]:
    """One owner's page; every owner asking for the same page shares one statement (and one count).

    `params` (beside `$scope`) must be told apart by `name`, since the loaders are shared by name.
    """
    first, cursor = page_args(*page)
    db, params = info.context.db, {"scope": info.context.scope.params()} | (params or {})
    loaders = info.context.loaders

    async def pages(ids: list[str]) -> dict[str, Any]:
        return await fetch_related_pages(db, spec, ids, params, first, cursor)

    async def counts(ids: list[str]) -> dict[str, Any]:
        return await fetch_related_counts(db, spec, ids, params)

    rows, more = await loaders.get(f"{name}:{first}:{page[1]}", pages, ([], False)).load(owner_id)
    counter = loaders.get(f"{name}:count", counts, 0)
    edges = [Edge(node=convert(r), cursor=encode_cursor(plain_key(r["sortKey"]), r["sortId"])) for r in rows]
    return Connection(
        edges=edges,
        page_info=page_info(edges, more, cursor is not None),
        counter=lambda: counter.load(owner_id),
    )


def page_info(edges: list[Edge[T]], more: bool, had_cursor: bool) -> PageInfo:
    """Where a page of edges sits in its list."""
    return PageInfo(
        has_next_page=more,
        has_previous_page=had_cursor,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
