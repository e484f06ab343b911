"""Nested connections (a class's alumni, a chapter's members): batched across every parent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import strawberry

from graph.nested import NestedSpec, fetch_counts, fetch_pages
from schema.context import Context
from schema.relay import Connection, connection, page_args

R = TypeVar("R")
T = TypeVar("T")


async def nested_connection(
    info: strawberry.Info[Context, None],
    name: str,
    spec: NestedSpec[R],
    owner_id: str,
    page: tuple[int, str | None],
    convert: Callable[[R], T],
    params: dict[str, Any] | None = None,
) -> Connection[T]:
    """One parent's page; every parent asking with the same arguments shares one statement.

    `name` must tell apart everything in `params`, since the loader is shared by that name.
    """
    first, cursor = page_args(*page)
    db, loaders = info.context.db, info.context.loaders
    pages = loaders.get(
        f"{name}:{first}:{page[1]}",
        lambda ids: fetch_pages(db, spec, ids, first, cursor, params),
        ([], False),
    )
    counts = loaders.get(f"{name}:count", lambda ids: fetch_counts(db, spec, ids, params), 0)
    rows, more = await pages.load(owner_id)
    return connection(rows, more, cursor is not None, convert, lambda: counts.load(owner_id))
