"""Engagement vocabulary for the API: enums, the Organizer and InteractionParty unions, party loading."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, TypeAlias, Union

import strawberry

from graph.engagement import AttendanceRole, EventKind, InteractionKind, PartyRef
from schema.alumni import Alumnus
from schema.context import Context
from schema.institutions import College

strawberry.enum(EventKind, description="Kind of university event.")
strawberry.enum(AttendanceRole, description="How an alumnus took part in an event.")
strawberry.enum(InteractionKind, description="Kind of contact.")

# Chapter lives in schema.chapters; it is referenced lazily to avoid an import cycle.
if TYPE_CHECKING:
    from schema.chapters import Chapter
    from schema.companies import Company

    Organizer: TypeAlias = College | Chapter
    InteractionParty: TypeAlias = Alumnus | Chapter | Company
else:
    CHAPTER = strawberry.LazyType("Chapter", "schema.chapters")
    COMPANY = strawberry.LazyType("Company", "schema.companies")
    Organizer = Annotated[
        Union[College, CHAPTER],  # noqa: UP007  (a LazyType does not support |)
        strawberry.union("Organizer", description="Who organized an event: a college or a chapter."),
    ]
    InteractionParty = Annotated[
        Union[Alumnus, CHAPTER, COMPANY],  # noqa: UP007
        strawberry.union("InteractionParty", description="Whom a contact was with."),
    ]

Info = strawberry.Info[Context, None]


async def load_party(info: Info, ref: PartyRef | None) -> Any:
    """The GraphQL object a reference names (None when missing or outside the caller's scope)."""
    from schema import chapters, institutions
    from schema.companies import Company, load_company

    if ref is None:
        return None
    if ref.kind == "Chapter":
        return await chapters.chapter_by_id(info, ref.id)
    if ref.kind == "College":
        return await institutions.college_by_id(info, ref.id)
    if ref.kind == "Company":
        company = await load_company(info, ref.id)
        return Company.from_record(company) if company else None
    if ref.kind == "Alumnus":
        alumnus = await info.context.loaders.alumnus.load(ref.id)
        return Alumnus.from_record(alumnus) if alumnus else None
    return None
