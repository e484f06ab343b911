"""GraphQL types and queries of industries, companies and employment."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry

from graph.careers import industries as careers
from graph.core.model import IndustryLevel
from graph.core.pages import fetch_count, fetch_page
from schema.core.context import Context
from schema.core.permissions import IsAuthenticated
from schema.core.relay import Connection, Node, connection, expect_id, page_args, to_global_id

strawberry.enum(IndustryLevel, description="Level of a GB/T 4754-2017 code.")


@strawberry.type(description="An industry of GB/T 4754-2017: section, division, group or class.")
class Industry(Node):
    """'In an industry' always includes the industries below it."""

    code: str = strawberry.field(description="Section letter, or 2-, 3- or 4-digit code.")
    name: str = strawberry.field(description="Official Chinese name.")
    name_en: str | None = strawberry.field(description="English name.")
    level: IndustryLevel = strawberry.field(description="Section, division, group or class.")
    parent_id: strawberry.Private[str | None]

    @classmethod
    def from_record(cls, rec: careers.IndustryRecord) -> Industry:
        """Build from a repository record."""
        return cls(
            id=to_global_id("Industry", rec.id),
            code=rec.code,
            name=rec.name,
            name_en=rec.name_en,
            level=IndustryLevel(rec.level),
            parent_id=rec.parent_id,
        )

    @strawberry.field(description="The broader industry this one belongs to.")
    async def parent(self, info: strawberry.Info[Context, None]) -> Industry | None:
        """Parent industry."""
        if self.parent_id is None:
            return None
        rec = await info.context.loaders.industry.load(self.parent_id)
        return Industry.from_record(rec) if rec else None


@strawberry.enum(description="Orders of the industries list.")
class IndustrySort(Enum):
    """Sort keys."""

    CODE = "CODE"
    NAME = "NAME"


@strawberry.input(description="Filters of the industries list.")
class IndustryFilter:
    """Industry filter."""

    name: str | None = strawberry.field(default=None, description="Part of the name, or the exact code.")
    level: IndustryLevel | None = strawberry.field(default=None, description="Only this level.")
    within: strawberry.ID | None = strawberry.field(
        default=None, description="Only industries below this one."
    )


def industry_params(filter: IndustryFilter | None) -> dict[str, Any]:
    """Statement parameters of the industries list (shared with schema.compiled)."""
    f = filter or IndustryFilter()
    return {
        "name": f.name,
        "level": f.level.value if f.level else None,
        "within": expect_id(f.within, "Industry") if f.within else None,
    }


async def industry_by_id(info: strawberry.Info[Context, None], node_id: str) -> Industry | None:
    """Resolve `node(id:)` for industries."""
    rec = await info.context.loaders.industry.load(node_id)
    return Industry.from_record(rec) if rec else None


@strawberry.type
class CareersQuery:
    """Root fields of industries and companies."""

    @strawberry.field(
        description="GB/T 4754-2017 industries (reference data).",
        permission_classes=[IsAuthenticated],
    )
    async def industries(
        self,
        info: strawberry.Info[Context, None],
        first: Annotated[int, strawberry.argument(description="Page size, at most 100.")] = 20,
        after: Annotated[str | None, strawberry.argument(description="Cursor to start after.")] = None,
        filter: Annotated[IndustryFilter | None, strawberry.argument(description="Filters.")] = None,
        order_by: Annotated[IndustrySort, strawberry.argument(description="Sort key.")] = IndustrySort.CODE,
        descending: Annotated[bool, strawberry.argument(description="Reverse the order.")] = False,
    ) -> Connection[Industry]:
        """List industries."""
        first, cursor = page_args(first, after)
        params = industry_params(filter)
        db = info.context.db
        rows, more = await fetch_page(
            db, careers.INDUSTRIES, params, order_by.value, descending, first, cursor
        )
        return connection(
            rows,
            more,
            cursor is not None,
            Industry.from_record,
            lambda: fetch_count(db, careers.INDUSTRIES, params),
        )
