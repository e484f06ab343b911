"""GraphQL type and root connection of awards."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, TypeAlias, Union

import strawberry

from graph.core.model import AwardKind, PartyRef
from graph.core.pages import fetch_count, fetch_page
from graph.engagement import awards as repo
from schema.core.context import Context
from schema.core.permissions import IsAuthenticated
from schema.core.registry import load_party
from schema.core.relay import (
    After,
    Connection,
    Descending,
    First,
    Node,
    connection,
    from_global_id,
    page_args,
    to_global_id,
)
from schema.institutions.types import College
from schema.people.alumni.types import Alumnus

Info = strawberry.Info[Context, None]


strawberry.enum(AwardKind, description="Kind of award of the annual evaluation.")

# Chapter is referenced lazily: schema.chapters.types imports this module's neighbours.
if TYPE_CHECKING:
    from schema.chapters.types import Chapter

    AwardRecipient: TypeAlias = College | Chapter | Alumnus
else:
    CHAPTER = strawberry.LazyType("Chapter", "schema.chapters.types")
    AwardRecipient = Annotated[
        Union[College, CHAPTER, Alumnus],  # noqa: UP007  (a LazyType does not support |)
        strawberry.union(
            "AwardRecipient", description="Who received an award: a college, chapter or alumnus."
        ),
    ]


@strawberry.type(description="An award of the annual evaluation, to a college, chapter or alumnus.")
class Award(Node):
    """An award (identified by `id` only)."""

    kind: AwardKind = strawberry.field(description="Kind of award.")
    year: int = strawberry.field(description="Year of the evaluation.")
    title: str = strawberry.field(description="Title of the award.")
    created_at: str | None = strawberry.field(description="When the record was created (ISO 8601).")
    updated_at: str | None = strawberry.field(description="When the record last changed (ISO 8601).")
    recipient_ref: strawberry.Private[PartyRef | None]

    @classmethod
    def from_record(cls, rec: repo.AwardRecord) -> Award:
        """Build from a repository record."""
        return cls(
            id=to_global_id("Award", rec.id),
            kind=AwardKind(rec.kind),
            year=rec.year,
            title=rec.title,
            created_at=rec.created_at,
            updated_at=rec.updated_at,
            recipient_ref=rec.recipient,
        )

    @strawberry.field(description="Who received it (null if an alumnus outside your scope).")
    async def recipient(self, info: Info) -> AwardRecipient | None:
        """College, chapter or alumnus (batched per request)."""
        found: AwardRecipient | None = await load_party(info, self.recipient_ref)
        return found


async def award_by_id(info: Info, node_id: str) -> Award | None:
    """Resolve `node(id:)` for awards."""
    loader = info.context.loaders.award
    rec: repo.AwardRecord | None = await loader.load(node_id)
    return Award.from_record(rec) if rec else None


@strawberry.enum(description="Orders of the awards list.")
class AwardSort(Enum):
    """Sort keys (value: the sorted property)."""

    YEAR = "year"
    TITLE = "title"


@strawberry.input(description="Filters of the awards list; all given filters must hold.")
class AwardFilter:
    """Award filter."""

    year: int | None = strawberry.field(default=None, description="Of this year.")
    kinds: list[AwardKind] | None = strawberry.field(default=None, description="Any of these kinds.")
    recipient: strawberry.ID | None = strawberry.field(
        default=None, description="Given to this college, chapter or alumnus."
    )

    def to_repo(self) -> repo.AwardFilter:
        """The repository filter (IDs decoded)."""
        return repo.AwardFilter(
            year=self.year,
            kinds=tuple(k.value for k in self.kinds) if self.kinds else None,
            recipient_id=from_global_id(self.recipient)[1] if self.recipient else None,
        )


@strawberry.type
class AwardsQuery:
    """Root fields of awards."""

    @strawberry.field(description="Awards, keyset-paginated.", permission_classes=[IsAuthenticated])
    async def awards(
        self,
        info: Info,
        first: First = 20,
        after: After = None,
        filter: Annotated[AwardFilter | None, strawberry.argument(description="Filters.")] = None,
        order_by: Annotated[AwardSort, strawberry.argument(description="Sort key.")] = AwardSort.YEAR,
        descending: Descending = False,
    ) -> Connection[Award]:
        """List awards."""
        first, cursor = page_args(first, after)
        params = (filter or AwardFilter()).to_repo().params()
        db = info.context.db
        rows, more = await fetch_page(db, repo.AWARDS, params, order_by.value, descending, first, cursor)
        return connection(
            rows, more, cursor is not None, Award.from_record, lambda: fetch_count(db, repo.AWARDS, params)
        )
