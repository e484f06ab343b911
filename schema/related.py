"""Connections nested under a parent (a class's alumni, a fund's donations), batched per level."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import strawberry

from graph.db import Row
from graph.pages import Related, fetch_related_counts, fetch_related_pages, plain_key
from graph.paging import encode_cursor
from schema.context import Context
from schema.relay import Connection, Edge, PageInfo, page_args

T = TypeVar("T")


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
