"""GraphQL type and list of cooperations (DESIGN §7), and the cooperation fields of other types.

The fields contributed to Company, College, Need and Alumnus are resolvers attached there with
`strawberry.field(resolver=...)`; they import this module lazily.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from graph.cooperation import cooperations as repo
from graph.core.model import CooperationKind, CooperationStatus
from graph.core.pages import Order
from schema.core.context import Context
from schema.core.permissions import Role, require_roles
from schema.core.relay import (
    After,
    Connection,
    Descending,
    First,
    Node,
    expect_id,
    ordered_connection,
    page_args,
    related_connection,
    to_global_id,
)

if TYPE_CHECKING:
    from schema.careers.companies.types import Company, Need
    from schema.institutions.types import College
    from schema.people.alumni.types import Alumnus

Info = strawberry.Info[Context, None]
strawberry.enum(CooperationKind, description="What the university does with an alumni enterprise.")
strawberry.enum(
    CooperationStatus, description="Where a cooperation stands (ACTIVE and COMPLETED answer needs)."
)

# Every role but ALUMNUS reads cooperations (the statements say so too).
READERS = require_roles(Role.ADMIN, Role.FUNDRAISER, Role.COLLEGE_OFFICER, Role.CHAPTER_ORGANIZER)


async def load_cooperation(info: Info, node_id: str) -> repo.CooperationRecord | None:
    """A cooperation by id, if the caller may read it (batched per request)."""
    loader = info.context.loaders.cooperation
    found: repo.CooperationRecord | None = await loader.load(node_id)
    return found


@strawberry.type(
    description="A cooperation with an alumni enterprise: a technical project, an R&D centre, dispatched "
    "teachers and students, joint training, a training course or a recruitment session."
)
class Cooperation(Node):
    """A cooperation; its natural key is `code`."""

    code: str = strawberry.field(description="Unique cooperation code.")
    title: str = strawberry.field(description="What the cooperation is.")
    kind: CooperationKind = strawberry.field(description="Kind of cooperation.")
    status: CooperationStatus = strawberry.field(description="Proposed, active, completed or cancelled.")
    start_date: dt.date = strawberry.field(description="When it started (or is to start).")
    end_date: dt.date | None = strawberry.field(description="When it ended; null while open-ended.")
    value_cny: str | None = strawberry.field(description="Its value in CNY (a decimal string), if known.")
    node_id: strawberry.Private[str]
    company_id: strawberry.Private[str | None]
    college_id: strawberry.Private[str | None]
    need_ids: strawberry.Private[tuple[str, ...]]
    broker_ids: strawberry.Private[tuple[str, ...]]

    @classmethod
    def from_record(cls, rec: repo.CooperationRecord) -> Cooperation:
        """Build from a repository record."""
        return cls(
            id=to_global_id("Cooperation", rec.id),
            node_id=rec.id,
            code=rec.code,
            title=rec.title,
            kind=CooperationKind(rec.kind),
            status=CooperationStatus(rec.status),
            start_date=rec.start_date,
            end_date=rec.end_date,
            value_cny=rec.value_cny,
            company_id=rec.company_id,
            college_id=rec.college_id,
            need_ids=rec.need_ids,
            broker_ids=rec.broker_ids,
        )

    @strawberry.field(description="The company the university cooperates with.")
    async def company(
        self, info: Info
    ) -> Annotated[Company, strawberry.lazy("schema.careers.companies.types")] | None:
        """The company (batched per request)."""
        from schema.careers.companies.types import Company, load_company

        rec = await load_company(info, self.company_id) if self.company_id else None
        return Company.from_record(rec) if rec else None

    @strawberry.field(description="The college that runs it; null for the university as a whole.")
    async def college(
        self, info: Info
    ) -> Annotated[College, strawberry.lazy("schema.institutions.types")] | None:
        """The college (batched per request)."""
        from schema.institutions.types import College

        rec = await info.context.loaders.college.load(self.college_id) if self.college_id else None
        return College.from_record(rec) if rec else None

    @strawberry.field(description="The company's needs it answers.")
    async def answers(
        self, info: Info
    ) -> list[Annotated[Need, strawberry.lazy("schema.careers.companies.types")]]:
        """Needs answered (batched per request)."""
        from schema.careers.companies.types import Need

        loader = info.context.loaders.need
        found = await loader.load_many(list(self.need_ids))
        return [Need.from_record(n) for n in found if n is not None]

    @strawberry.field(description="The alumni who made the introduction (those you may see), by name.")
    async def brokers(
        self, info: Info
    ) -> list[Annotated[Alumnus, strawberry.lazy("schema.people.alumni.types")]]:
        """Brokers (batched per request; alumni outside your scope are left out)."""
        from schema.people.alumni.types import Alumnus

        recs = await info.context.loaders.alumnus.load_many(list(self.broker_ids))
        return sorted((Alumnus.from_record(r) for r in recs if r), key=lambda a: (a.name, a.id))


@strawberry.enum(description="Orders of the cooperations list.")
class CooperationSort(Enum):
    """Sort keys (value: the sorted property)."""

    START_DATE = "startDate"
    CODE = "code"
    TITLE = "title"


@strawberry.input(description="Filters of the cooperations list; all given filters must hold.")
class CooperationFilter:
    """Cooperation filter."""

    kind: CooperationKind | None = strawberry.field(default=None, description="Only this kind.")
    status: CooperationStatus | None = strawberry.field(default=None, description="Only this status.")
    company: strawberry.ID | None = strawberry.field(default=None, description="Only with this company.")
    college: strawberry.ID | None = strawberry.field(default=None, description="Only of this college.")
    active_in: int | None = strawberry.field(
        default=None,
        description="Only ACTIVE or COMPLETED ones whose span overlaps this year (as the scorecard counts).",
    )

    def to_repo(self) -> repo.CooperationFilter:
        """The repository filter (IDs decoded)."""
        return repo.CooperationFilter(
            kind=self.kind.value if self.kind else None,
            status=self.status.value if self.status else None,
            company_id=expect_id(self.company, "Company") if self.company else None,
            college_id=expect_id(self.college, "College") if self.college else None,
            active_in=self.active_in,
        )


@strawberry.type
class CooperationsQuery:
    """Root field of cooperations."""

    @strawberry.field(
        description="Cooperations with alumni enterprises, keyset-paginated (not for the ALUMNUS role).",
        permission_classes=[READERS],
    )
    async def cooperations(
        self,
        info: Info,
        first: First = 20,
        after: After = None,
        filter: Annotated[CooperationFilter | None, strawberry.argument(description="Filters.")] = None,
        order_by: Annotated[
            CooperationSort, strawberry.argument(description="Sort key.")
        ] = CooperationSort.START_DATE,
        descending: Descending = False,
    ) -> Connection[Cooperation]:
        """List cooperations."""
        first, cursor = page_args(first, after)
        params = (filter or CooperationFilter()).to_repo().params() | {"scope": info.context.scope.params()}
        order = Order(order_by.value, descending, dated=order_by is CooperationSort.START_DATE)
        return await ordered_connection(
            info.context.db, repo.COOPERATIONS, params, order, (first, cursor), Cooperation.from_record
        )


async def cooperation_by_id(info: Info, node_id: str) -> Cooperation | None:
    """Resolve `node(id:)` for cooperations (none for the ALUMNUS role)."""
    rec = await load_cooperation(info, node_id)
    return Cooperation.from_record(rec) if rec else None


async def company_cooperations(
    info: Info, owner: str, page: tuple[int, str | None]
) -> Connection[Cooperation]:
    """Cooperations with the company, newest first (one statement per page level; none for ALUMNUS)."""
    convert = lambda row: Cooperation.from_record(repo.cooperation(row))  # noqa: E731
    return await related_connection(info, "companyCooperations", repo.OF_COMPANIES, owner, page, convert)


async def college_cooperations(
    info: Info, owner: str, page: tuple[int, str | None]
) -> Connection[Cooperation]:
    """Cooperations the college runs, newest first (one statement per page level; none for ALUMNUS)."""
    convert = lambda row: Cooperation.from_record(repo.cooperation(row))  # noqa: E731
    return await related_connection(info, "collegeCooperations", repo.OF_COLLEGES, owner, page, convert)


async def need_answered_by(info: Info, need_id: str) -> list[Cooperation]:
    """Cooperations answering the need, newest first (batched per request; none for ALUMNUS)."""
    loader = info.context.loaders.need_answered_by
    return [Cooperation.from_record(r) for r in await loader.load(need_id)]


async def alumnus_brokered(info: Info, alumnus_id: str) -> list[Cooperation]:
    """Cooperations the alumnus brokered, newest first (batched per request; none for ALUMNUS)."""
    loader = info.context.loaders.alumnus_brokered
    return [Cooperation.from_record(r) for r in await loader.load(alumnus_id)]
