"""Relationship fields that careers, engagement and giving contribute to Alumnus and College.

Attached in the modules of Alumnus (schema/people/alumni/types.py) and College (schema/institutions/types.py)
as `strawberry.field(resolver=...)`; types are lazy and imports happen at call time, so those
modules import nothing of ours eagerly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from schema.core.context import Context
from schema.core.relay import Connection, from_global_id

if TYPE_CHECKING:
    from schema.careers.companies.types import Employment
    from schema.engagement.events.types import Attendance, Event
    from schema.engagement.interactions.types import Interaction
    from schema.giving.donations.types import Donation
    from schema.giving.funds.types import Fund

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
) -> list[Annotated[Employment, strawberry.lazy("schema.careers.companies.types")]]:
    """Positions of the alumnus at companies, current first (batched per request)."""
    from schema.careers.companies.types import Employment

    loader = info.context.loaders.alumnus_employments(current)
    return [Employment.from_record(e) for e in await loader.load(root.node_id)]


async def alumnus_attended(
    root: Any, info: Info
) -> list[Annotated[Attendance, strawberry.lazy("schema.engagement.events.types")]]:
    """Events the alumnus attended, newest first (batched per request)."""
    from schema.engagement.events.types import Attendance

    loader = info.context.loaders.alumnus_attended
    return [Attendance.from_record(a) for a in await loader.load(root.node_id)]


async def alumnus_interactions(
    root: Any, info: Info
) -> list[Annotated[Interaction, strawberry.lazy("schema.engagement.interactions.types")]]:
    """Interactions with the alumnus that your scope covers, newest first (batched per request)."""
    from schema.engagement.interactions.types import Interaction

    loader = info.context.loaders.alumnus_interactions
    return [Interaction.from_record(i) for i in await loader.load(root.node_id)]


async def college_events(
    root: Any,
    info: Info,
    first: Annotated[int, strawberry.argument(description="Page size, at most 100.")] = 20,
    after: Annotated[str | None, strawberry.argument(description="Cursor to start after.")] = None,
) -> Connection[Annotated[Event, strawberry.lazy("schema.engagement.events.types")]]:
    """Events organized by the college or its chapters, newest first (one statement per page level)."""
    from graph.engagement import events
    from schema.core.relay import related_connection
    from schema.engagement.events.types import Event

    college_id = from_global_id(root.id)[1]
    convert = lambda row: Event.from_record(events.event(row))  # noqa: E731
    return await related_connection(
        info, "college_events", events.OF_COLLEGES, college_id, (first, after), convert
    )


async def alumnus_donations(
    root: Any, info: Info
) -> list[Annotated[Donation, strawberry.lazy("schema.giving.donations.types")]]:
    """Donations from the alumnus within your giving scope, newest first (batched per request)."""
    from schema.giving.donations.types import donations_from

    return await donations_from(info, "Alumnus", root.node_id)


async def college_funds(
    root: Any, info: Info
) -> list[Annotated[Fund, strawberry.lazy("schema.giving.funds.types")]]:
    """Funds of the college, by code (batched per request)."""
    from schema.giving.funds.types import Fund

    loader = info.context.loaders.college_funds
    return [Fund.from_record(f) for f in await loader.load(from_global_id(root.id)[1])]
