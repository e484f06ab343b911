"""openNeeds: needs of alumni enterprises nobody answers yet, and whom of ours we know there (DESIGN §7)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph.careers.industries import NeedKind
from graph.insights import open_needs
from schema.careers.companies.types import Company, Employment, Need, load_company, need_by_id
from schema.core.context import Context
from schema.core.errors import bad_input
from schema.core.permissions import Role, require_roles
from schema.core.relay import expect_id

Info = strawberry.Info[Context, None]


@strawberry.type(description="An open need of an alumni enterprise and the alumni who bridge to it.")
class NeedMatch:
    """One ranked open need."""

    founder_count: int = strawberry.field(description="Bridges who founded the company.")
    bridge_count: int = strawberry.field(
        description="Bridges: current alumni employees (of the college, if given)."
    )
    bridges: list[Employment] = strawberry.field(
        description="Their current employments: founders, executives, then the rest, each by name."
    )
    need_id: strawberry.Private[str]
    company_id: strawberry.Private[str]

    @strawberry.field(description="The need.")
    async def need(self, info: Info) -> Need | None:
        """The open need."""
        return await need_by_id(info, self.need_id)

    @strawberry.field(description="The company that has it.")
    async def company(self, info: Info) -> Company | None:
        """The company."""
        rec = await load_company(info, self.company_id)
        return Company.from_record(rec) if rec else None


def _match(m: open_needs.NeedMatch) -> NeedMatch:
    jobs = [Employment.from_record(b) for b in m.bridges]
    return NeedMatch(
        founder_count=m.founder_count,
        bridge_count=m.bridge_count,
        bridges=jobs,
        need_id=m.need_id,
        company_id=m.company_id,
    )


@strawberry.type
class OpenNeedsQuery:
    """Root field of open needs."""

    @strawberry.field(
        description="Needs of alumni enterprises in an industry and region (or below them) that no ACTIVE or "
        "COMPLETED cooperation answers, with the alumni bridges to each company (only the college's people, "
        "staff included, when `college` is given); ranked by founders, bridges, company name, need kind "
        "and description.",
        permission_classes=[
            require_roles(Role.ADMIN, Role.FUNDRAISER, Role.COLLEGE_OFFICER, Role.CHAPTER_ORGANIZER)
        ],
    )
    async def open_needs(
        self,
        info: Info,
        college: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only bridges who are this college's people."),
        ] = None,
        kind: Annotated[NeedKind | None, strawberry.argument(description="Only needs of this kind.")] = None,
        industry: Annotated[
            str | None, strawberry.argument(description="GB/T 4754-2017 code, e.g. I or 65.")
        ] = None,
        region: Annotated[
            str | None, strawberry.argument(description="Region code, e.g. 440000 or US.")
        ] = None,
        first: Annotated[int, strawberry.argument(description="At most this many needs (1–100).")] = 20,
    ) -> list[NeedMatch]:
        """Ranked open needs."""
        if not 1 <= first <= open_needs.MAX_FIRST:
            raise bad_input(f"first must be between 1 and {open_needs.MAX_FIRST}")
        found = await open_needs.open_needs(
            info.context.db,
            info.context.scope,
            college=expect_id(college, "College") if college else None,
            kind=kind.value if kind else None,
            industry=industry.strip() if industry else None,
            region=region.strip() if region else None,
            first=first,
        )
        return [_match(m) for m in found]
