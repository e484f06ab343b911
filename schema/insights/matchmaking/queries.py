"""partnerCompanies: cooperation matchmaking among alumni enterprises (DESIGN §4)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph.careers.industries import NeedKind
from graph.insights import matchmaking
from schema.careers.companies.types import Company, Employment, load_company
from schema.core.context import Context
from schema.core.errors import bad_input
from schema.core.permissions import Role, require_roles


@strawberry.type(description="An alumni enterprise: a company with current alumni, and who they are.")
class CompanyMatch:
    """One ranked match."""

    founder_count: int = strawberry.field(description="Current alumni who founded it.")
    executive_count: int = strawberry.field(description="Current alumni who are executives.")
    alumni_count: int = strawberry.field(description="Current alumni in any role (that you may see).")
    alumni: list[Employment] = strawberry.field(description="Their current employments.")
    company_id: strawberry.Private[str]

    @strawberry.field(description="The company.")
    async def company(self, info: strawberry.Info[Context, None]) -> Company | None:
        """The matched company."""
        rec = await load_company(info, self.company_id)
        return Company.from_record(rec) if rec else None


def _match(m: matchmaking.CompanyMatch) -> CompanyMatch:
    jobs = [Employment.from_record(e) for e in m.employments]
    return CompanyMatch(
        founder_count=m.founder_count,
        executive_count=m.executive_count,
        alumni_count=m.alumni_count,
        alumni=jobs,
        company_id=m.company_id,
    )


@strawberry.type
class MatchmakingQuery:
    """Root field of cooperation matchmaking."""

    @strawberry.field(
        description="Alumni enterprises (companies with at least one current alumnus) in an industry and "
        "region (or below them), optionally with a need; ranked by founders, executives, alumni, then name.",
        permission_classes=[
            require_roles(Role.ADMIN, Role.FUNDRAISER, Role.COLLEGE_OFFICER, Role.CHAPTER_ORGANIZER)
        ],
    )
    async def partner_companies(
        self,
        info: strawberry.Info[Context, None],
        industry: Annotated[str, strawberry.argument(description="GB/T 4754-2017 code, e.g. I or 65.")],
        region: Annotated[
            str | None, strawberry.argument(description="Region code, e.g. 440000 or US.")
        ] = None,
        need_kind: Annotated[
            NeedKind | None, strawberry.argument(description="Only companies with this need.")
        ] = None,
        first: Annotated[int, strawberry.argument(description="At most this many companies (1–100).")] = 20,
    ) -> list[CompanyMatch]:
        """Ranked alumni enterprises."""
        if not 1 <= first <= matchmaking.MAX_FIRST:
            raise bad_input(f"first must be between 1 and {matchmaking.MAX_FIRST}")
        found = await matchmaking.partner_companies(
            info.context.db,
            info.context.scope,
            industry.strip(),
            region.strip() if region else None,
            need_kind.value if need_kind else None,
            first,
        )
        return [_match(m) for m in found]
