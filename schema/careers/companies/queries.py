"""The `companies` root connection: filters and orders."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from graph.careers import companies as repo
from graph.careers.industries import CompanySize, NeedKind
from graph.core.pages import fetch_count, fetch_page
from schema.careers.companies.types import Company
from schema.core.context import Context
from schema.core.permissions import IsAuthenticated
from schema.core.relay import After, Connection, Descending, First, connection, expect_id, page_args


@strawberry.enum(description="Orders of the companies list.")
class CompanySort(Enum):
    """Sort keys (value: the sorted property)."""

    NAME = "name"
    CREDIT_CODE = "creditCode"


@strawberry.input(description="Filters of the companies list; all given filters must hold.")
class CompanyFilter:
    """Company filter."""

    name: str | None = strawberry.field(
        default=None, description="Part of the name or its pinyin, or the exact credit code."
    )
    industry: strawberry.ID | None = strawberry.field(
        default=None, description="In this industry or below it."
    )
    region: strawberry.ID | None = strawberry.field(
        default=None, description="Located in this region or below it."
    )
    sizes: list[CompanySize] | None = strawberry.field(default=None, description="Any of these sizes.")
    has_alumni: bool | None = strawberry.field(
        default=None, description="Only companies with (true) or without (false) current alumni."
    )
    need_kind: NeedKind | None = strawberry.field(default=None, description="Has a need of this kind.")

    def to_repo(self) -> repo.CompanyFilter:
        """The repository filter (IDs decoded)."""
        return repo.CompanyFilter(
            name=self.name.strip() if self.name else None,
            industry_id=expect_id(self.industry, "Industry") if self.industry else None,
            region_id=expect_id(self.region, "Region") if self.region else None,
            sizes=tuple(s.value for s in self.sizes) if self.sizes else None,
            has_alumni=self.has_alumni,
            need_kind=self.need_kind.value if self.need_kind else None,
        )


@strawberry.type
class CompaniesQuery:
    """Root fields of companies."""

    @strawberry.field(
        description="Companies (the enterprise directory), keyset-paginated.",
        permission_classes=[IsAuthenticated],
    )
    async def companies(
        self,
        info: strawberry.Info[Context, None],
        first: First = 20,
        after: After = None,
        filter: Annotated[CompanyFilter | None, strawberry.argument(description="Filters.")] = None,
        order_by: Annotated[CompanySort, strawberry.argument(description="Sort key.")] = CompanySort.NAME,
        descending: Descending = False,
    ) -> Connection[Company]:
        """List companies."""
        first, cursor = page_args(first, after)
        params = (filter or CompanyFilter()).to_repo().params()
        db = info.context.db
        rows, more = await fetch_page(db, repo.COMPANIES, params, order_by.value, descending, first, cursor)
        return connection(
            rows,
            more,
            cursor is not None,
            Company.from_record,
            lambda: fetch_count(db, repo.COMPANIES, params),
        )
