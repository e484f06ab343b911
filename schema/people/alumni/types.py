"""GraphQL types and queries of alumni, with their ties to classes, colleges, chapters and each other."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from graph.core.model import AlumnusKind, Gender
from graph.core.pages import fetch_count, fetch_page
from graph.people import affiliations
from graph.people import alumni as repo
from graph.people.affiliations import AcquaintanceKind
from schema import links
from schema.careers.geography.types import Region
from schema.chapters.types import Membership
from schema.cooperation import links as cooperation_links
from schema.core.context import Context
from schema.core.permissions import IsAuthenticated
from schema.core.relay import (
    After,
    Connection,
    Descending,
    First,
    Node,
    connection,
    expect_id,
    page_args,
    to_global_id,
)
from schema.institutions.types import Class_, College

strawberry.enum(Gender, description="Recorded gender.")
strawberry.enum(AlumnusKind, description="How a person belongs to the university.")
strawberry.enum(AcquaintanceKind, description="How two alumni know each other.")

CONTACT_NOTE = (
    " Null unless the caller's scope covers this alumnus and the alumnus consented to contact"
    " (`consentContact`), or the caller is the alumnus."
)


@strawberry.type(description="A former student (any degree), trainee, staff member or honorary graduate.")
class Alumnus(Node):
    """An alumnus: the centre of the graph."""

    external_id: str = strawberry.field(description="Student or staff number (natural key).")
    name: str = strawberry.field(description="Full name.")
    gender: Gender | None = strawberry.field(description="Recorded gender.")
    birth_year: int | None = strawberry.field(description="Year of birth.")
    kinds: list[AlumnusKind] = strawberry.field(description="Student, trainee, staff and/or honorary.")
    email: str | None = strawberry.field(description="Email address." + CONTACT_NOTE)
    phone: str | None = strawberry.field(description="Phone number." + CONTACT_NOTE)
    notable: bool = strawberry.field(description="Kept in the notable-alumni archive.")
    notable_note: str | None = strawberry.field(description="Why the alumnus is notable.")
    consent_contact: bool = strawberry.field(description="Agreed to be contacted by the university.")
    consent_directory: bool = strawberry.field(description="Agreed to appear in the alumni directory.")
    created_at: str | None = strawberry.field(description="When the record was created (ISO 8601).")
    updated_at: str | None = strawberry.field(description="When the record last changed (ISO 8601).")
    merged_from: list[str] = strawberry.field(
        description="Student or staff numbers of the duplicate records merged into this one (mergeAlumni)."
    )
    node_id: strawberry.Private[str]

    @classmethod
    def from_record(cls, rec: repo.AlumnusRecord) -> Alumnus:
        """Build from a repository record (contact fields already masked by the query)."""
        return cls(
            id=to_global_id("Alumnus", rec.id),
            node_id=rec.id,
            external_id=rec.external_id,
            name=rec.name,
            gender=Gender(rec.gender) if rec.gender else None,
            birth_year=rec.birth_year,
            kinds=[AlumnusKind(k) for k in rec.kinds],
            email=rec.email,
            phone=rec.phone,
            notable=rec.notable,
            notable_note=rec.notable_note,
            consent_contact=rec.consent_contact,
            consent_directory=rec.consent_directory,
            created_at=rec.created_at,
            updated_at=rec.updated_at,
            merged_from=list(rec.merged_from),
        )

    @strawberry.field(description="Classes the alumnus studied in, by graduation year.")
    async def education(self, info: strawberry.Info[Context, None]) -> list[Class_]:
        """Classes of this alumnus (batched per request)."""
        return [Class_.from_record(c) for c in await info.context.loaders.education.load(self.node_id)]

    @strawberry.field(description="The city (or region) where the alumnus lives.")
    async def city(self, info: strawberry.Info[Context, None]) -> Region | None:
        """Home region."""
        homes = await info.context.loaders.home.load(self.node_id)
        return Region.from_record(homes[0]) if homes else None

    @strawberry.field(description="Posts the alumnus held at colleges as staff, earliest first.")
    async def staff_roles(self, info: strawberry.Info[Context, None]) -> list[StaffRole]:
        """WORKED_AT_SCHOOL ties (batched per request)."""
        loader = info.context.loaders.staff_roles
        return [StaffRole.from_record(r) for r in await loader.load(self.node_id)]

    @strawberry.field(description="Chapters the alumnus belongs to, with role and year joined.")
    async def memberships(self, info: strawberry.Info[Context, None]) -> list[Membership]:
        """MEMBER_OF ties (batched per request)."""
        loader = info.context.loaders.memberships
        return [Membership.from_record(r) for r in await loader.load(self.node_id)]

    @strawberry.field(description="Classes for which the alumnus is the class liaison.")
    async def liaison_for(self, info: strawberry.Info[Context, None]) -> list[Class_]:
        """LIAISON_FOR ties (batched per request)."""
        loader = info.context.loaders.liaison_for
        return [Class_.from_record(c) for c in await loader.load(self.node_id)]

    @strawberry.field(
        description="Recorded acquaintances, whichever of the two recorded the tie; only people you may see."
    )
    async def acquaintances(self, info: strawberry.Info[Context, None]) -> list[Acquaintance]:
        """KNOWS ties in both directions (batched per request, scoped in the statement)."""
        loader = info.context.loaders.acquaintances
        return [Acquaintance.from_record(r) for r in await loader.load(self.node_id)]

    # fields contributed by careers/engagement/giving
    employments = strawberry.field(
        resolver=links.alumnus_employments, description="Positions at companies, current first."
    )
    attended = strawberry.field(resolver=links.alumnus_attended, description="Events attended, newest first.")
    interactions = strawberry.field(
        resolver=links.alumnus_interactions, description="Contacts with the alumnus within your scope."
    )
    donations = strawberry.field(
        resolver=links.alumnus_donations,
        description="Donations from the alumnus (giving roles only), newest first.",
    )
    brokered = strawberry.field(
        resolver=cooperation_links.alumnus_brokered,
        description="Cooperations the alumnus introduced, newest first (not for the ALUMNUS role).",
    )
    stories = strawberry.field(
        resolver=cooperation_links.alumnus_stories, description="Stories featuring the alumnus, newest first."
    )


@strawberry.type(description="A post an alumnus held at a college of the university (staff record).")
class StaffRole:
    """A WORKED_AT_SCHOOL tie."""

    college: College = strawberry.field(description="Where the alumnus worked.")
    title: str | None = strawberry.field(description="Job title.")
    start_year: int | None = strawberry.field(description="First year in the post.")
    end_year: int | None = strawberry.field(description="Last year in the post; null while current.")

    @classmethod
    def from_record(cls, rec: affiliations.StaffRoleRecord) -> StaffRole:
        """Build from a repository record."""
        return cls(
            college=College.from_record(rec.college),
            title=rec.title,
            start_year=rec.start_year,
            end_year=rec.end_year,
        )

    @strawberry.field(description="True while the post has no end year.")
    def current(self) -> bool:
        """Still in post."""
        return self.end_year is None


@strawberry.type(description="Someone an alumnus knows, as recorded by the alumni office.")
class Acquaintance:
    """A KNOWS tie seen from one side."""

    alumnus: Alumnus = strawberry.field(description="The other person.")
    kind: AcquaintanceKind | None = strawberry.field(description="How they know each other.")
    strength: int | None = strawberry.field(description="How close the tie is, 1 (slight) to 5 (close).")

    @classmethod
    def from_record(cls, rec: affiliations.AcquaintanceRecord) -> Acquaintance:
        """Build from a repository record; unknown imported kinds read as OTHER."""
        kind = None
        if rec.kind is not None:
            kind = (
                AcquaintanceKind(rec.kind)
                if rec.kind in AcquaintanceKind.__members__
                else AcquaintanceKind.OTHER
            )
        return cls(alumnus=Alumnus.from_record(rec.other), kind=kind, strength=rec.strength)


@strawberry.enum(description="Orders of the alumni list.")
class AlumnusSort(Enum):
    """Sort keys."""

    NAME = "NAME"
    EXTERNAL_ID = "EXTERNAL_ID"


@strawberry.input(description="Filters of the alumni list; all given filters must hold.")
class AlumnusFilter:
    """Alumni filter."""

    name: str | None = strawberry.field(
        default=None,
        description="Part of the name, part of its pinyin, or the exact student number.",
    )
    kinds: list[AlumnusKind] | None = strawberry.field(default=None, description="Any of these kinds.")
    notable: bool | None = strawberry.field(
        default=None, description="Only notable (or only not notable) alumni."
    )
    college: strawberry.ID | None = strawberry.field(
        default=None, description="Studied in a class of this college."
    )
    class_: strawberry.ID | None = strawberry.field(
        default=None, name="class", description="Studied in this class."
    )
    graduation_year_from: int | None = strawberry.field(
        default=None, description="Has a class graduating in or after this year."
    )
    graduation_year_to: int | None = strawberry.field(
        default=None, description="Has a class graduating in or before this year."
    )
    region: strawberry.ID | None = strawberry.field(
        default=None, description="Lives in this region or below it."
    )
    industry: strawberry.ID | None = strawberry.field(
        default=None, description="Currently works in this industry or below it."
    )

    def to_repo(self) -> repo.AlumnusFilter:
        """The repository filter (IDs decoded)."""
        return repo.AlumnusFilter(
            name=self.name.strip() if self.name else None,
            kinds=tuple(k.value for k in self.kinds) if self.kinds else None,
            notable=self.notable,
            college_id=expect_id(self.college, "College") if self.college else None,
            class_id=expect_id(self.class_, "Class") if self.class_ else None,
            graduation_from=self.graduation_year_from,
            graduation_to=self.graduation_year_to,
            region_id=expect_id(self.region, "Region") if self.region else None,
            industry_id=expect_id(self.industry, "Industry") if self.industry else None,
        )


async def alumnus_by_id(info: strawberry.Info[Context, None], node_id: str) -> Alumnus | None:
    """Resolve `node(id:)` for alumni (out of scope → None → NOT_FOUND)."""
    rec = await info.context.loaders.alumnus.load(node_id)
    return Alumnus.from_record(rec) if rec else None


@strawberry.type
class AlumniQuery:
    """Root fields of alumni."""

    @strawberry.field(
        description="Alumni within the caller's scope, keyset-paginated.",
        permission_classes=[IsAuthenticated],
    )
    async def alumni(
        self,
        info: strawberry.Info[Context, None],
        first: First = 20,
        after: After = None,
        filter: Annotated[AlumnusFilter | None, strawberry.argument(description="Filters.")] = None,
        order_by: Annotated[AlumnusSort, strawberry.argument(description="Sort key.")] = AlumnusSort.NAME,
        descending: Descending = False,
    ) -> Connection[Alumnus]:
        """List alumni."""
        first, cursor = page_args(first, after)
        flt = (filter or AlumnusFilter()).to_repo()
        params = flt.params() | {"scope": info.context.scope.params()}
        db = info.context.db
        sort = repo.AlumnusSort[order_by.value].value
        rows, more = await fetch_page(db, repo.SPEC, params, sort, descending, first, cursor)
        return connection(
            rows,
            more,
            cursor is not None,
            Alumnus.from_record,
            lambda: fetch_count(db, repo.SPEC, params),
        )
