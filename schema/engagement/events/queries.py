"""The `events` root connection: filters and orders."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

import strawberry

from graph.core.pages import Order
from graph.engagement import events as repo
from graph.engagement.vocabulary import EventKind
from schema.core.context import Context
from schema.core.errors import bad_input
from schema.core.permissions import IsAuthenticated
from schema.core.relay import (
    After,
    Connection,
    Descending,
    First,
    expect_id,
    expected_id,
    from_global_id,
    ordered_connection,
    page_args,
)
from schema.engagement.events.types import Event


@strawberry.enum(description="Orders of the events list.")
class EventSort(Enum):
    """Sort keys (value: the sorted property)."""

    DATE = "date"
    CODE = "code"
    NAME = "name"


@strawberry.input(description="Filters of the events list; all given filters must hold.")
class EventFilter:
    """Event filter."""

    name: str | None = strawberry.field(default=None, description="Part of the name, or the exact code.")
    kinds: list[EventKind] | None = strawberry.field(default=None, description="Any of these kinds.")
    date_from: dt.date | None = strawberry.field(default=None, description="On or after this day.")
    date_to: dt.date | None = strawberry.field(default=None, description="On or before this day.")
    organizer: strawberry.ID | None = strawberry.field(
        default=None, description="Organized by this college or chapter."
    )
    college: strawberry.ID | None = strawberry.field(
        default=None, description="Organized by this college or one of its chapters."
    )
    region: strawberry.ID | None = strawberry.field(
        default=None, description="Held in this region or below it."
    )

    def to_repo(self) -> repo.EventFilter:
        """The repository filter (IDs decoded)."""
        return repo.EventFilter(
            name=self.name.strip() if self.name else None,
            kinds=tuple(k.value for k in self.kinds) if self.kinds else None,
            date_from=self.date_from,
            date_to=self.date_to,
            organizer_id=organizer_id(self.organizer),
            college_id=expect_id(self.college, "College") if self.college else None,
            region_id=expect_id(self.region, "Region") if self.region else None,
        )


def organizer_id(global_id: str | None) -> str | None:
    """The node id of a college or chapter ID (BAD_USER_INPUT for anything else)."""
    if global_id is None:
        return None
    type_name, node_id = from_global_id(global_id)
    if type_name not in ("College", "Chapter"):
        raise bad_input(expected_id("College", "Chapter"))
    return node_id


@strawberry.type
class EventsQuery:
    """Root fields of events."""

    @strawberry.field(
        description="University events, keyset-paginated.", permission_classes=[IsAuthenticated]
    )
    async def events(
        self,
        info: strawberry.Info[Context, None],
        first: First = 20,
        after: After = None,
        filter: Annotated[EventFilter | None, strawberry.argument(description="Filters.")] = None,
        order_by: Annotated[EventSort, strawberry.argument(description="Sort key.")] = EventSort.DATE,
        descending: Descending = False,
    ) -> Connection[Event]:
        """List events."""
        first, cursor = page_args(first, after)
        params = (filter or EventFilter()).to_repo().params()
        order = Order(order_by.value, descending, dated=order_by is EventSort.DATE)
        return await ordered_connection(
            info.context.db, repo.EVENTS, params, order, (first, cursor), Event.from_record
        )
