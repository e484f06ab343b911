"""Engagement vocabulary for the API: enums, the Organizer and InteractionParty unions, party loading."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, TypeAlias, Union

import strawberry

from graph.engagement.vocabulary import AttendanceRole, EventKind, InteractionKind
from schema.core.context import Context
from schema.institutions.types import College
from schema.people.alumni.types import Alumnus

strawberry.enum(EventKind, description="Kind of university event.")
strawberry.enum(AttendanceRole, description="How an alumnus took part in an event.")
strawberry.enum(InteractionKind, description="Kind of contact.")

# Chapter lives in schema.chapters.types; it is referenced lazily to avoid an import cycle.
if TYPE_CHECKING:
    from schema.careers.companies.types import Company
    from schema.chapters.types import Chapter

    Organizer: TypeAlias = College | Chapter
    InteractionParty: TypeAlias = Alumnus | Chapter | Company
else:
    CHAPTER = strawberry.LazyType("Chapter", "schema.chapters.types")
    COMPANY = strawberry.LazyType("Company", "schema.careers.companies.types")
    Organizer = Annotated[
        Union[College, CHAPTER],  # noqa: UP007  (a LazyType does not support |)
        strawberry.union("Organizer", description="Who organized an event: a college or a chapter."),
    ]
    InteractionParty = Annotated[
        Union[Alumnus, CHAPTER, COMPANY],  # noqa: UP007
        strawberry.union("InteractionParty", description="Whom a contact was with."),
    ]

Info = strawberry.Info[Context, None]
