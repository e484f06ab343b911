"""GraphQL types of companies, their needs and the alumni employed there."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from graph.careers import companies as repo
from graph.careers import employment as jobs
from graph.careers import needs as needs_repo
from graph.careers.industries import CompanySize, EmploymentRole, NeedKind
from schema.careers.geography.types import Region
from schema.careers.industries.types import Industry
from schema.cooperation import links as cooperation_links
from schema.core.context import Context
from schema.core.relay import Node, to_global_id
from schema.people.alumni.types import Alumnus

strawberry.enum(CompanySize, description="Size class of a company.")
strawberry.enum(EmploymentRole, description="What an alumnus is at a company.")
strawberry.enum(NeedKind, description="Kind of support a company asks for.")

if TYPE_CHECKING:
    from schema.giving.donations.types import Donation

Info = strawberry.Info[Context, None]


async def load_company(info: Info, node_id: str) -> repo.CompanyRecord | None:
    """A company by id (batched per request)."""
    loader = info.context.loaders.company
    found: repo.CompanyRecord | None = await loader.load(node_id)
    return found


@strawberry.type(description="Support a company asks the university for.")
class Need(Node):
    """A company need (a node of its own, unique per company, kind and description)."""

    kind: NeedKind = strawberry.field(description="Technical, financial, legal, talent or training.")
    description: str = strawberry.field(description="What exactly is needed.")
    company_id: strawberry.Private[str]

    @classmethod
    def from_record(cls, rec: needs_repo.NeedRecord) -> Need:
        """Build from a repository record."""
        return cls(
            id=to_global_id("Need", rec.id),
            kind=NeedKind(rec.kind),
            description=rec.description,
            company_id=rec.company_id,
        )

    @strawberry.field(description="The company that has this need.")
    async def company(self, info: Info) -> Company | None:
        """Owning company."""
        rec = await load_company(info, self.company_id)
        return Company.from_record(rec) if rec else None

    answered_by = strawberry.field(
        resolver=cooperation_links.need_answered_by,
        description="Cooperations that answer this need, newest first (not for the ALUMNUS role).",
    )


@strawberry.type(description="A position of an alumnus at a company (WORKS_AT); no end year: current.")
class Employment:
    """One employment; there is at most one per alumnus and company."""

    title: str | None = strawberry.field(description="Job title.")
    role: EmploymentRole | None = strawberry.field(description="Founder, executive or employee.")
    start_year: int | None = strawberry.field(description="Year the position began.")
    end_year: int | None = strawberry.field(description="Year it ended; null while current.")
    current: bool = strawberry.field(description="True while the position has no end year.")
    alumnus_id: strawberry.Private[str]
    company_id: strawberry.Private[str]

    @classmethod
    def from_record(cls, rec: jobs.EmploymentRecord) -> Employment:
        """Build from a repository record."""
        return cls(
            title=rec.title,
            role=EmploymentRole(rec.role) if rec.role else None,
            start_year=rec.start_year,
            end_year=rec.end_year,
            current=rec.end_year is None,
            alumnus_id=rec.alumnus_id,
            company_id=rec.company_id,
        )

    @strawberry.field(description="The alumnus (null if outside your scope).")
    async def alumnus(self, info: Info) -> Alumnus | None:
        """The employed alumnus."""
        rec = await info.context.loaders.alumnus.load(self.alumnus_id)
        return Alumnus.from_record(rec) if rec else None

    @strawberry.field(description="The company.")
    async def company(self, info: Info) -> Company | None:
        """The employer."""
        rec = await load_company(info, self.company_id)
        return Company.from_record(rec) if rec else None


IncludeFormer = Annotated[
    bool, strawberry.argument(description="Also list former employments (those with an end year).")
]


@strawberry.type(description="A company or other employer; an alumni enterprise when alumni work there.")
class Company(Node):
    """A company; its natural key is the unified social credit code (or X-… for foreign ones)."""

    credit_code: str = strawberry.field(
        description="18-character unified social credit code (GB 32100), or X-<id> for foreign companies."
    )
    name: str = strawberry.field(description="Registered name.")
    size: CompanySize | None = strawberry.field(description="Size class.")
    website: str | None = strawberry.field(description="Web site address.")
    created_at: str | None = strawberry.field(description="When the record was created (ISO 8601).")
    updated_at: str | None = strawberry.field(description="When the record last changed (ISO 8601).")
    node_id: strawberry.Private[str]
    industry_id: strawberry.Private[str | None]
    region_id: strawberry.Private[str | None]

    @classmethod
    def from_record(cls, rec: repo.CompanyRecord) -> Company:
        """Build from a repository record."""
        return cls(
            id=to_global_id("Company", rec.id),
            node_id=rec.id,
            credit_code=rec.credit_code,
            name=rec.name,
            size=CompanySize(rec.size) if rec.size else None,
            website=rec.website,
            created_at=rec.created_at,
            updated_at=rec.updated_at,
            industry_id=rec.industry_id,
            region_id=rec.region_id,
        )

    @strawberry.field(description="The industry the company is in.")
    async def industry(self, info: Info) -> Industry | None:
        """Industry (GB/T 4754-2017)."""
        rec = await info.context.loaders.industry.load(self.industry_id) if self.industry_id else None
        return Industry.from_record(rec) if rec else None

    @strawberry.field(description="Where the company is located: its city (or region, or country).")
    async def city(self, info: Info) -> Region | None:
        """Location."""
        rec = await info.context.loaders.region.load(self.region_id) if self.region_id else None
        return Region.from_record(rec) if rec else None

    @strawberry.field(description="Support the company asks for, by kind.")
    async def needs(self, info: Info) -> list[Need]:
        """Needs (batched per request)."""
        loader = info.context.loaders.needs
        return [Need.from_record(n) for n in await loader.load(self.node_id)]

    @strawberry.field(
        description="Alumni working here (within your scope): current ones, current first; "
        "founders and executives before employees."
    )
    async def alumni(self, info: Info, include_former: IncludeFormer = False) -> list[Employment]:
        """Employments at this company (batched per request)."""
        return [Employment.from_record(e) for e in await company_alumni(info, self.node_id, include_former)]

    @strawberry.field(
        description="Number of alumni currently working here (all alumni, whatever your scope)."
    )
    async def alumni_count(self, info: Info) -> int:
        """Current alumni count (batched per request)."""
        loader = info.context.loaders.company_alumni_count
        count: int = await loader.load(self.node_id)
        return count

    @strawberry.field(
        description="Donations from this company, newest first (giving data: only in your scope)."
    )
    async def donations(
        self, info: Info
    ) -> list[Annotated[Donation, strawberry.lazy("schema.giving.donations.types")]]:
        """Gifts, pledges and payments of this company (batched per request)."""
        from schema.giving.donations.types import donations_from

        return await donations_from(info, "Company", self.node_id)

    cooperations = strawberry.field(
        resolver=cooperation_links.company_cooperations,
        description="Cooperations with the company, newest first (not for the ALUMNUS role).",
    )
    stories = strawberry.field(
        resolver=cooperation_links.company_stories, description="Stories featuring the company, newest first."
    )


async def company_alumni(info: Info, company_id: str, include_former: bool) -> list[jobs.EmploymentRecord]:
    """Employments at a company, batched with every other company of the request."""
    current = None if include_former else True
    loader = info.context.loaders.company_alumni(current)
    found: list[jobs.EmploymentRecord] = await loader.load(company_id)
    return found


async def company_by_id(info: Info, node_id: str) -> Company | None:
    """Resolve `node(id:)` for companies."""
    rec = await load_company(info, node_id)
    return Company.from_record(rec) if rec else None


async def need_by_id(info: Info, node_id: str) -> Need | None:
    """Resolve `node(id:)` for needs."""
    loader = info.context.loaders.need
    rec: needs_repo.NeedRecord | None = await loader.load(node_id)
    return Need.from_record(rec) if rec else None
