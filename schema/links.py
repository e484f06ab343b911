"""Relationship fields that careers, engagement and giving contribute to Alumnus and College.

Attached in schema/alumni.py and schema/institutions.py as `strawberry.field(resolver=...)`;
types are lazy and imports happen at call time, so those modules import nothing of ours eagerly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from schema.context import Context

if TYPE_CHECKING:
    from schema.companies import Employment

Info = strawberry.Info[Context, None]


async def alumnus_employments(
    root: Any,
    info: Info,
    current: Annotated[
        bool | None,
        strawberry.argument(
            description="Only current (true) or only former (false) positions; all if left out."
        ),
    ] = None,
) -> list[Annotated[Employment, strawberry.lazy("schema.companies")]]:
    """Positions of the alumnus at companies, current first (batched per request)."""
    from graph import employment
    from schema.companies import Employment

    db, scope = info.context.db, info.context.scope
    loader = info.context.loaders.get(
        f"alumnus_employments:{current}", lambda ids: employment.of_alumni(db, ids, current, scope), []
    )
    return [Employment.from_record(e) for e in await loader.load(root.node_id)]
