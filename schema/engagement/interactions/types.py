"""GraphQL type and root connection of interactions (visits, meetings, calls, messages, feedback)."""

from __future__ import annotations

import asyncio
import datetime as dt
from enum import Enum
from typing import Annotated

import strawberry

from graph.core.model import PartyRef
from graph.core.pages import Order
from graph.engagement import interactions as repo
from graph.engagement.vocabulary import InteractionKind
from schema.core.context import Context
from schema.core.permissions import IsAuthenticated
from schema.core.registry import load_party
from schema.core.relay import (
    After,
    Connection,
    Descending,
    First,
    Node,
    expect_id,
    from_global_id,
    ordered_connection,
    page_args,
    to_global_id,
)
from schema.engagement.types import InteractionParty
from schema.people.alumni.types import Alumnus

Info = strawberry.Info[Context, None]


@strawberry.type(description="A contact of the university with alumni, chapters or companies.")
class Interaction(Node):
    """An interaction: visible when your scope covers one of its people or its chapter."""

    kind: InteractionKind = strawberry.field(description="Visit, meeting, call, message or feedback.")
    date: dt.date = strawberry.field(description="When it took place.")
    summary: str | None = strawberry.field(description="What was discussed or reported.")
    feedback: str | None = strawberry.field(description="Feedback collected from the other side.")
    created_at: str | None = strawberry.field(description="When the record was created (ISO 8601).")
    updated_at: str | None = strawberry.field(description="When the record last changed (ISO 8601).")
    by_id: strawberry.Private[str | None]
    parties: strawberry.Private[tuple[PartyRef, ...]]

    @classmethod
    def from_record(cls, rec: repo.InteractionRecord) -> Interaction:
        """Build from a repository record."""
        return cls(
            id=to_global_id("Interaction", rec.id),
            kind=InteractionKind(rec.kind),
            date=rec.date,
            summary=rec.summary,
            feedback=rec.feedback,
            created_at=rec.created_at,
            updated_at=rec.updated_at,
            by_id=rec.by_id,
            parties=rec.parties,
        )

    @strawberry.field(description="The university's staff member or leader who made the contact.")
    async def by(self, info: Info) -> Alumnus | None:
        """Who from the university (null if outside your scope)."""
        rec = await info.context.loaders.alumnus.load(self.by_id) if self.by_id else None
        return Alumnus.from_record(rec) if rec else None

    @strawberry.field(
        name="with", description="Alumni, chapters and companies contacted (within your scope)."
    )
    async def with_(self, info: Info) -> list[InteractionParty]:
        """The other side (batched per request)."""
        found = await asyncio.gather(*(load_party(info, p) for p in self.parties))
        return [f for f in found if f is not None]


@strawberry.enum(description="Orders of the interactions list.")
class InteractionSort(Enum):
    """Sort keys (value: the sorted property)."""

    DATE = "date"


@strawberry.input(description="Filters of the interactions list; all given filters must hold.")
class InteractionFilter:
    """Interaction filter."""

    kinds: list[InteractionKind] | None = strawberry.field(default=None, description="Any of these kinds.")
    date_from: dt.date | None = strawberry.field(default=None, description="On or after this day.")
    date_to: dt.date | None = strawberry.field(default=None, description="On or before this day.")
    by: strawberry.ID | None = strawberry.field(
        default=None, description="Made by this alumnus (staff member)."
    )
    with_: strawberry.ID | None = strawberry.field(
        default=None, name="with", description="With this alumnus, chapter or company."
    )

    def to_repo(self) -> repo.InteractionFilter:
        """The repository filter (IDs decoded)."""
        return repo.InteractionFilter(
            kinds=tuple(k.value for k in self.kinds) if self.kinds else None,
            date_from=self.date_from,
            date_to=self.date_to,
            by_id=expect_id(self.by, "Alumnus") if self.by else None,
            with_id=from_global_id(self.with_)[1] if self.with_ else None,
        )


async def interaction_by_id(info: Info, node_id: str) -> Interaction | None:
    """Resolve `node(id:)` for interactions (outside your scope: not found)."""
    loader = info.context.loaders.interaction
    rec: repo.InteractionRecord | None = await loader.load(node_id)
    return Interaction.from_record(rec) if rec else None


@strawberry.type
class InteractionsQuery:
    """Root fields of interactions."""

    @strawberry.field(
        description="Interactions within your scope, keyset-paginated.", permission_classes=[IsAuthenticated]
    )
    async def interactions(
        self,
        info: Info,
        first: First = 20,
        after: After = None,
        filter: Annotated[InteractionFilter | None, strawberry.argument(description="Filters.")] = None,
        order_by: Annotated[
            InteractionSort, strawberry.argument(description="Sort key.")
        ] = InteractionSort.DATE,
        descending: Descending = False,
    ) -> Connection[Interaction]:
        """List interactions."""
        first, cursor = page_args(first, after)
        params = (filter or InteractionFilter()).to_repo().params() | {"scope": info.context.scope.params()}
        order = Order(order_by.value, descending, dated=True)
        return await ordered_connection(
            info.context.db, repo.INTERACTIONS, params, order, (first, cursor), Interaction.from_record
        )
