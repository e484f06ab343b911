"""Which resolver turns a node id of each GraphQL type into an object (filled by schema.schema)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry

from graph.core.model import PartyRef
from schema.core.context import Context

Resolver = Callable[[strawberry.Info[Context, None], str], Awaitable[Any]]

NODE_RESOLVERS: dict[str, Resolver] = {}


def register(type_name: str, resolver: Resolver) -> None:
    """Make `node(id:)` and node references resolve objects of `type_name`."""
    NODE_RESOLVERS[type_name] = resolver


async def resolve(info: strawberry.Info[Context, None], type_name: str, node_id: str) -> Any:
    """The object of that type and id visible to the caller, or None."""
    resolver = NODE_RESOLVERS.get(type_name)
    return await resolver(info, node_id) if resolver else None


async def load_party(info: strawberry.Info[Context, None], ref: PartyRef | None) -> Any:
    """The object a polymorphic link names (None when missing or outside the caller's scope)."""
    return None if ref is None else await resolve(info, ref.kind, ref.id)
