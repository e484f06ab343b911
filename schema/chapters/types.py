"""GraphQL types and queries of chapters and their memberships."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from graph.chapters import chapters as repo
from graph.chapters import memberships
from graph.chapters.chapters import ChapterKind, ChapterStatus
from graph.chapters.memberships import MemberRole
from graph.core.pages import fetch_count, fetch_page
from schema.careers.geography.types import Region
from schema.careers.industries.types import Industry
from schema.cooperation import links as cooperation_links
from schema.core.context import Context
from schema.core.errors import not_found
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
    related_connection,
    to_global_id,
)
from schema.institutions.types import College

if TYPE_CHECKING:
    from schema.people.alumni.types import Alumnus

strawberry.enum(ChapterKind, description="The general association, a college association, or a chapter.")
strawberry.enum(ChapterStatus, description="Whether a chapter is running.")
strawberry.enum(MemberRole, name="MemberRole", description="A member's office in a chapter.")

LazyAlumnus = Annotated["Alumnus", strawberry.lazy("schema.people.alumni.types")]


@strawberry.type(
    description="An association of alumni: general, of a college, of a region or of an industry."
)
class Chapter(Node):
    """A chapter; chapters form a tree by PART_OF."""

    code: str = strawberry.field(description="Unique chapter code.")
    name: str = strawberry.field(description="Name of the chapter.")
    kind: ChapterKind = strawberry.field(description="General, college, regional or industry.")
    status: ChapterStatus = strawberry.field(description="Active or dormant.")
    founded_year: int | None = strawberry.field(description="Year the chapter was founded.")
    rec: strawberry.Private[repo.ChapterRecord]

    @classmethod
    def from_record(cls, rec: repo.ChapterRecord) -> Chapter:
        """Build from a repository record."""
        return cls(
            id=to_global_id("Chapter", rec.id),
            code=rec.code,
            name=rec.name,
            kind=ChapterKind(rec.kind),
            status=ChapterStatus(rec.status),
            founded_year=rec.founded_year,
            rec=rec,
        )

    @strawberry.field(description="The chapter this one is part of.")
    async def parent(self, info: strawberry.Info[Context, None]) -> Chapter | None:
        """Parent chapter."""
        return await chapter_by_id(info, self.rec.parent_id) if self.rec.parent_id else None

    @strawberry.field(description="Chapters directly under this one, by name.")
    async def children(self, info: strawberry.Info[Context, None]) -> list[Chapter]:
        """Sub-chapters (batched per request)."""
        loader = info.context.loaders.chapter_children
        return [Chapter.from_record(c) for c in await loader.load(self.rec.id)]

    @strawberry.field(description="The college of a college chapter.")
    async def college(self, info: strawberry.Info[Context, None]) -> College | None:
        """Linked college."""
        found = await info.context.loaders.college.load(self.rec.college_id) if self.rec.college_id else None
        return College.from_record(found) if found else None

    @strawberry.field(description="The region of a regional chapter.")
    async def region(self, info: strawberry.Info[Context, None]) -> Region | None:
        """Linked region."""
        found = await info.context.loaders.region.load(self.rec.region_id) if self.rec.region_id else None
        return Region.from_record(found) if found else None

    @strawberry.field(description="The industry of an industry chapter.")
    async def industry(self, info: strawberry.Info[Context, None]) -> Industry | None:
        """Linked industry."""
        rec_id = self.rec.industry_id
        found = await info.context.loaders.industry.load(rec_id) if rec_id else None
        return Industry.from_record(found) if found else None

    @strawberry.field(description="Members you may see, by name, with their role and year joined.")
    async def members(
        self,
        info: strawberry.Info[Context, None],
        first: First = 20,
        after: After = None,
        role: Annotated[MemberRole | None, strawberry.argument(description="Only this role.")] = None,
    ) -> Connection[Membership]:
        """MEMBER_OF ties of the chapter (one statement for every chapter of the request)."""
        params = {"role": role.value if role else None}
        convert = lambda row: Membership.from_record(memberships.member(row))  # noqa: E731
        return await related_connection(
            info,
            f"members:{params['role']}",
            memberships.MEMBERS,
            self.rec.id,
            (first, after),
            convert,
            params,
        )

    @strawberry.field(description="President, vice-presidents and secretaries you may see, in that order.")
    async def officers(self, info: strawberry.Info[Context, None]) -> list[Membership]:
        """Officer memberships (batched per request)."""
        loader = info.context.loaders.officers
        return [Membership.from_record(m) for m in await loader.load(self.rec.id)]

    stories = strawberry.field(
        resolver=cooperation_links.chapter_stories, description="Stories featuring the chapter, newest first."
    )


@strawberry.type(description="An alumnus's membership of a chapter.")
class Membership:
    """A MEMBER_OF tie."""

    role: MemberRole = strawberry.field(description="Office held in the chapter.")
    since_year: int | None = strawberry.field(description="Year the alumnus joined.")
    rec: strawberry.Private[memberships.MembershipRecord]

    @classmethod
    def from_record(cls, rec: memberships.MembershipRecord) -> Membership:
        """Build from a repository record."""
        return cls(role=MemberRole(rec.role), since_year=rec.since_year, rec=rec)

    @strawberry.field(description="The member.")
    async def alumnus(self, info: strawberry.Info[Context, None]) -> LazyAlumnus:
        """The alumnus (already read when listed from the chapter)."""
        from schema.people.alumni.types import Alumnus

        found = self.rec.alumnus or await info.context.loaders.alumnus.load(self.rec.alumnus_id)
        if found is None:
            raise not_found("Alumnus")
        return Alumnus.from_record(found)

    @strawberry.field(description="The chapter.")
    async def chapter(self, info: strawberry.Info[Context, None]) -> Chapter:
        """The chapter (already read when listed from the alumnus)."""
        found = self.rec.chapter or await info.context.loaders.chapter.load(self.rec.chapter_id)
        if found is None:
            raise not_found("Chapter")
        return Chapter.from_record(found)


@strawberry.enum(description="Orders of the chapters list.")
class ChapterSort(Enum):
    """Sort keys."""

    NAME = "NAME"
    CODE = "CODE"


@strawberry.input(description="Filters of the chapters list; all given filters must hold.")
class ChapterFilter:
    """Chapter filter."""

    name: str | None = strawberry.field(
        default=None, description="Part of the name, part of its pinyin, or the exact code."
    )
    kinds: list[ChapterKind] | None = strawberry.field(default=None, description="Any of these kinds.")
    status: ChapterStatus | None = strawberry.field(default=None, description="Only this status.")
    college: strawberry.ID | None = strawberry.field(default=None, description="Linked to this college.")
    region: strawberry.ID | None = strawberry.field(
        default=None, description="In this region or a region below it."
    )
    industry: strawberry.ID | None = strawberry.field(
        default=None, description="Focused on this industry or one below it."
    )
    parent: strawberry.ID | None = strawberry.field(default=None, description="Directly under this chapter.")

    def to_repo(self) -> repo.ChapterFilter:
        """The repository filter (IDs decoded; BAD_USER_INPUT for foreign IDs)."""
        return repo.ChapterFilter(
            name=self.name.strip() if self.name else None,
            kinds=tuple(k.value for k in self.kinds) if self.kinds else None,
            status=self.status.value if self.status else None,
            college_id=expect_id(self.college, "College") if self.college else None,
            region_id=expect_id(self.region, "Region") if self.region else None,
            industry_id=expect_id(self.industry, "Industry") if self.industry else None,
            parent_id=expect_id(self.parent, "Chapter") if self.parent else None,
        )


async def chapter_by_id(info: strawberry.Info[Context, None], node_id: str) -> Chapter | None:
    """Resolve `node(id:)` for chapters."""
    rec = await info.context.loaders.chapter.load(node_id)
    return Chapter.from_record(rec) if rec else None


@strawberry.type
class ChaptersQuery:
    """Root fields of chapters."""

    @strawberry.field(description="Chapters of the alumni association.", permission_classes=[IsAuthenticated])
    async def chapters(
        self,
        info: strawberry.Info[Context, None],
        first: First = 20,
        after: After = None,
        filter: Annotated[ChapterFilter | None, strawberry.argument(description="Filters.")] = None,
        order_by: Annotated[ChapterSort, strawberry.argument(description="Sort key.")] = ChapterSort.NAME,
        descending: Descending = False,
    ) -> Connection[Chapter]:
        """List chapters."""
        first, cursor = page_args(first, after)
        params = (filter or ChapterFilter()).to_repo().params()
        db = info.context.db
        rows, more = await fetch_page(db, repo.CHAPTERS, params, order_by.value, descending, first, cursor)
        return connection(
            rows,
            more,
            cursor is not None,
            Chapter.from_record,
            lambda: fetch_count(db, repo.CHAPTERS, params),
        )
