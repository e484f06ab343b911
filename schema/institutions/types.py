"""GraphQL types and queries of colleges and classes."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from graph.core.model import Degree
from graph.core.pages import fetch_count, fetch_page
from graph.institutions import colleges as institutions
from graph.people import affiliations
from graph.people import alumni as alumni_repo
from schema import links
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
    related_connection,
    to_global_id,
)

if TYPE_CHECKING:
    from schema.chapters.types import Chapter
    from schema.people.alumni.types import Alumnus

strawberry.enum(Degree, description="Degree level of a class.")

# schema.people.alumni.types and schema.chapters.types import this module,
# so their types are referenced lazily.
LazyAlumnus = Annotated["Alumnus", strawberry.lazy("schema.people.alumni.types")]
LazyChapter = Annotated["Chapter", strawberry.lazy("schema.chapters.types")]


@strawberry.type(description="A college (school) of the university.")
class College(Node):
    """A college; owns classes, funds and a college chapter."""

    code: str = strawberry.field(description="Unique college code.")
    name: str = strawberry.field(description="Name of the college.")
    node_id: strawberry.Private[str]

    @classmethod
    def from_record(cls, rec: institutions.CollegeRecord) -> College:
        """Build from a repository record."""
        return cls(id=to_global_id("College", rec.id), code=rec.code, name=rec.name, node_id=rec.id)

    @strawberry.field(description="Classes of the college, by code.")
    async def classes(
        self, info: strawberry.Info[Context, None], first: First = 20, after: After = None
    ) -> Connection[Class_]:
        """The college's classes (one statement for every college of the request)."""
        spec = institutions.CLASSES_OF_COLLEGE
        convert = lambda row: Class_.from_record(institutions.class_(row))  # noqa: E731
        return await related_connection(info, "collegeClasses", spec, self.node_id, (first, after), convert)

    @strawberry.field(description="Chapters linked to the college (its college association), by name.")
    async def chapters(self, info: strawberry.Info[Context, None]) -> list[LazyChapter]:
        """Chapters of the college (batched per request)."""
        from schema.chapters.types import Chapter

        loader = info.context.loaders.college_chapters
        return [Chapter.from_record(c) for c in await loader.load(self.node_id)]

    @strawberry.field(
        description="Alumni who studied in the college's classes (all of them, as a statistic)."
    )
    async def alumni_count(self, info: strawberry.Info[Context, None]) -> int:
        """Head count (batched per request)."""
        loader = info.context.loaders.college_sizes
        count: int = await loader.load(self.node_id)
        return count

    # fields contributed by careers/engagement/giving
    funds = strawberry.field(resolver=links.college_funds, description="Donation funds of the college.")
    events = strawberry.field(
        resolver=links.college_events,
        description="Events organized by the college or its chapters, newest first.",
    )
    cooperations = strawberry.field(
        resolver=cooperation_links.college_cooperations,
        description="Cooperations the college runs, newest first (not for the ALUMNUS role).",
    )
    stories = strawberry.field(
        resolver=cooperation_links.college_stories,
        description="Stories featuring the college itself, newest first.",
    )


@strawberry.type(name="Class", description="A graduating class: one cohort of one programme of a college.")
class Class_(Node):
    """A class; alumni study in it and a liaison keeps its contacts."""

    code: str = strawberry.field(description="Unique class code.")
    name: str = strawberry.field(description="Name of the class.")
    degree: Degree | None = strawberry.field(description="Degree level.")
    major: str | None = strawberry.field(description="Major or programme.")
    entry_year: int | None = strawberry.field(description="Year of entry.")
    graduation_year: int | None = strawberry.field(description="Year of graduation.")
    college_id: strawberry.Private[str | None]
    node_id: strawberry.Private[str]

    @classmethod
    def from_record(cls, rec: institutions.ClassRecord) -> Class_:
        """Build from a repository record."""
        return cls(
            id=to_global_id("Class", rec.id),
            code=rec.code,
            name=rec.name,
            degree=Degree(rec.degree) if rec.degree else None,
            major=rec.major,
            entry_year=rec.entry_year,
            graduation_year=rec.graduation_year,
            college_id=rec.college_id,
            node_id=rec.id,
        )

    @strawberry.field(description="The college the class belongs to.")
    async def college(self, info: strawberry.Info[Context, None]) -> College | None:
        """Owning college."""
        if self.college_id is None:
            return None
        rec = await info.context.loaders.college.load(self.college_id)
        return College.from_record(rec) if rec else None

    @strawberry.field(description="Alumni of the class you may see, by name.")
    async def alumni(
        self, info: strawberry.Info[Context, None], first: First = 20, after: After = None
    ) -> Connection[LazyAlumnus]:
        """Alumni who studied in the class (one statement for every class of the request)."""
        from schema.people.alumni.types import Alumnus

        spec = affiliations.CLASS_ALUMNI
        convert = lambda row: Alumnus.from_record(alumni_repo.to_record(row))  # noqa: E731
        return await related_connection(info, "classAlumni", spec, self.node_id, (first, after), convert)

    @strawberry.field(description="The class liaisons you may see.")
    async def liaisons(self, info: strawberry.Info[Context, None]) -> list[LazyAlumnus]:
        """Alumni who are liaison for the class (batched per request)."""
        from schema.people.alumni.types import Alumnus

        loader = info.context.loaders.liaisons
        return [Alumnus.from_record(a) for a in await loader.load(self.node_id)]

    @strawberry.field(description="Alumni who studied in the class (all of them, as a statistic).")
    async def alumni_count(self, info: strawberry.Info[Context, None]) -> int:
        """Head count (batched per request)."""
        loader = info.context.loaders.class_sizes
        count: int = await loader.load(self.node_id)
        return count


@strawberry.enum(description="Orders of the colleges and classes lists.")
class CodeNameSort(Enum):
    """Sort keys."""

    CODE = "CODE"
    NAME = "NAME"


@strawberry.input(description="Filters of the colleges list.")
class CollegeFilter:
    """College filter."""

    name: str | None = strawberry.field(default=None, description="Part of the name, or the exact code.")


@strawberry.input(description="Filters of the classes list.")
class ClassFilter:
    """Class filter."""

    name: str | None = strawberry.field(default=None, description="Part of the name, or the exact code.")
    college: strawberry.ID | None = strawberry.field(
        default=None, description="Only classes of this college."
    )
    degree: Degree | None = strawberry.field(default=None, description="Only this degree level.")
    graduation_year_from: int | None = strawberry.field(
        default=None, description="Graduated in or after this year."
    )
    graduation_year_to: int | None = strawberry.field(
        default=None, description="Graduated in or before this year."
    )


def class_params(filter: ClassFilter | None) -> dict[str, Any]:
    """Statement parameters of the classes list (shared with schema.compiled)."""
    f = filter or ClassFilter()
    return {
        "name": f.name,
        "college": expect_id(f.college, "College") if f.college else None,
        "degree": f.degree.value if f.degree else None,
        "gradFrom": f.graduation_year_from,
        "gradTo": f.graduation_year_to,
    }


async def college_by_id(info: strawberry.Info[Context, None], node_id: str) -> College | None:
    """Resolve `node(id:)` for colleges."""
    rec = await info.context.loaders.college.load(node_id)
    return College.from_record(rec) if rec else None


async def class_by_id(info: strawberry.Info[Context, None], node_id: str) -> Class_ | None:
    """Resolve `node(id:)` for classes."""
    rec = await info.context.loaders.class_.load(node_id)
    return Class_.from_record(rec) if rec else None


@strawberry.type
class InstitutionsQuery:
    """Root fields of colleges and classes."""

    @strawberry.field(description="Colleges of the university.", permission_classes=[IsAuthenticated])
    async def colleges(
        self,
        info: strawberry.Info[Context, None],
        first: First = 20,
        after: After = None,
        filter: Annotated[CollegeFilter | None, strawberry.argument(description="Filters.")] = None,
        order_by: Annotated[CodeNameSort, strawberry.argument(description="Sort key.")] = CodeNameSort.CODE,
        descending: Descending = False,
    ) -> Connection[College]:
        """List colleges."""
        first, cursor = page_args(first, after)
        params = {"name": (filter or CollegeFilter()).name}
        db = info.context.db
        rows, more = await fetch_page(
            db, institutions.COLLEGES, params, order_by.value, descending, first, cursor
        )
        return connection(
            rows,
            more,
            cursor is not None,
            College.from_record,
            lambda: fetch_count(db, institutions.COLLEGES, params),
        )

    @strawberry.field(description="Graduating classes.", permission_classes=[IsAuthenticated])
    async def classes(
        self,
        info: strawberry.Info[Context, None],
        first: First = 20,
        after: After = None,
        filter: Annotated[ClassFilter | None, strawberry.argument(description="Filters.")] = None,
        order_by: Annotated[CodeNameSort, strawberry.argument(description="Sort key.")] = CodeNameSort.CODE,
        descending: Descending = False,
    ) -> Connection[Class_]:
        """List classes."""
        first, cursor = page_args(first, after)
        params = class_params(filter)
        db = info.context.db
        rows, more = await fetch_page(
            db, institutions.CLASSES, params, order_by.value, descending, first, cursor
        )
        return connection(
            rows,
            more,
            cursor is not None,
            Class_.from_record,
            lambda: fetch_count(db, institutions.CLASSES, params),
        )
