"""GraphQL types and queries of regions."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry

from graph.careers import geography
from graph.core.model import RegionLevel
from graph.core.pages import fetch_count, fetch_page
from schema.core.context import Context
from schema.core.permissions import IsAuthenticated
from schema.core.relay import Connection, Node, connection, expect_id, page_args, to_global_id

strawberry.enum(RegionLevel, description="Level of a region: country, province or city.")


@strawberry.type(description="A country, a Chinese province (GB/T 2260) or a city at home or abroad.")
class Region(Node):
    """A region of the hierarchy; 'in a region' always includes the regions below it."""

    code: str = strawberry.field(
        description="GB/T 2260 code, ISO 3166-1 alpha-2, or CC-xxx for a foreign city."
    )
    name: str = strawberry.field(description="Chinese name.")
    name_en: str | None = strawberry.field(description="English name.")
    level: RegionLevel = strawberry.field(description="Country, province or city.")
    parent_id: strawberry.Private[str | None]

    @classmethod
    def from_record(cls, rec: geography.RegionRecord) -> Region:
        """Build from a repository record."""
        return cls(
            id=to_global_id("Region", rec.id),
            code=rec.code,
            name=rec.name,
            name_en=rec.name_en,
            level=RegionLevel(rec.level),
            parent_id=rec.parent_id,
        )

    @strawberry.field(description="The region this one is part of.")
    async def parent(self, info: strawberry.Info[Context, None]) -> Region | None:
        """Parent region."""
        if self.parent_id is None:
            return None
        rec = await info.context.loaders.region.load(self.parent_id)
        return Region.from_record(rec) if rec else None


@strawberry.enum(description="Orders of the regions list.")
class RegionSort(Enum):
    """Sort keys."""

    CODE = "CODE"
    NAME = "NAME"


@strawberry.input(description="Filters of the regions list.")
class RegionFilter:
    """Region filter."""

    name: str | None = strawberry.field(
        default=None, description="Part of the Chinese or English name, or the exact code."
    )
    level: RegionLevel | None = strawberry.field(default=None, description="Only this level.")
    within: strawberry.ID | None = strawberry.field(
        default=None, description="Only regions below this region."
    )


def region_params(filter: RegionFilter | None) -> dict[str, Any]:
    """Statement parameters of the regions list (shared with schema.compiled)."""
    f = filter or RegionFilter()
    return {
        "name": f.name,
        "level": f.level.value if f.level else None,
        "within": expect_id(f.within, "Region") if f.within else None,
    }


async def region_by_id(info: strawberry.Info[Context, None], node_id: str) -> Region | None:
    """Resolve `node(id:)` for regions."""
    rec = await info.context.loaders.region.load(node_id)
    return Region.from_record(rec) if rec else None


@strawberry.type
class RegionQuery:
    """Root fields of regions."""

    @strawberry.field(
        description="Regions (reference data), keyset-paginated.",
        permission_classes=[IsAuthenticated],
    )
    async def regions(
        self,
        info: strawberry.Info[Context, None],
        first: Annotated[int, strawberry.argument(description="Page size, at most 100.")] = 20,
        after: Annotated[str | None, strawberry.argument(description="Cursor to start after.")] = None,
        filter: Annotated[RegionFilter | None, strawberry.argument(description="Filters.")] = None,
        order_by: Annotated[RegionSort, strawberry.argument(description="Sort key.")] = RegionSort.CODE,
        descending: Annotated[bool, strawberry.argument(description="Reverse the order.")] = False,
    ) -> Connection[Region]:
        """List regions."""
        first, cursor = page_args(first, after)
        params = region_params(filter)
        db = info.context.db
        rows, more = await fetch_page(
            db, geography.REGIONS, params, str(order_by.value), descending, first, cursor
        )
        return connection(
            rows,
            more,
            cursor is not None,
            Region.from_record,
            lambda: fetch_count(db, geography.REGIONS, params),
        )
