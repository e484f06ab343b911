"""GraphQL type and root connection of donation funds."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from graph.core.money import from_fen, ratio
from graph.core.pages import fetch_count, fetch_page
from graph.giving import donations as donations_repo
from graph.giving import funds as repo
from graph.giving.vocabulary import FundKind, FundStatus
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
from schema.giving.donations.types import Donation
from schema.giving.types import MONEY
from schema.institutions.types import College

Info = strawberry.Info[Context, None]
GIVING_NOTE = " Null unless you see giving data (ADMIN, FUNDRAISER, or the fund's college officer)."


async def raised(info: Info, fund_id: str) -> int | None:
    """CNY cents received by a fund, or None outside the caller's giving scope (batched)."""
    loader = info.context.loaders.fund_raised
    found: int | None = await loader.load(fund_id)
    return found


@strawberry.type(description="A donation fund (college development, student innovation, scholarships…).")
class Fund(Node):
    """A fund; its natural key is `code`."""

    code: str = strawberry.field(description="Unique fund code.")
    name: str = strawberry.field(description="Name of the fund.")
    kind: FundKind = strawberry.field(description="Purpose of the fund.")
    goal_cny: str | None = strawberry.field(description="Fundraising goal in CNY." + MONEY)
    status: FundStatus = strawberry.field(description="Open or closed to donations.")
    created_at: str | None = strawberry.field(description="When the record was created (ISO 8601).")
    updated_at: str | None = strawberry.field(description="When the record last changed (ISO 8601).")
    node_id: strawberry.Private[str]
    goal_fen: strawberry.Private[int | None]
    college_id: strawberry.Private[str | None]

    @classmethod
    def from_record(cls, rec: repo.FundRecord) -> Fund:
        """Build from a repository record."""
        return cls(
            id=to_global_id("Fund", rec.id),
            node_id=rec.id,
            code=rec.code,
            name=rec.name,
            kind=FundKind(rec.kind),
            goal_cny=rec.goal_cny,
            status=FundStatus(rec.status),
            created_at=rec.created_at,
            updated_at=rec.updated_at,
            goal_fen=rec.goal_fen,
            college_id=rec.college_id,
        )

    @strawberry.field(description="The college the fund belongs to.")
    async def college(self, info: Info) -> College | None:
        """College (batched per request)."""
        rec = await info.context.loaders.college.load(self.college_id) if self.college_id else None
        return College.from_record(rec) if rec else None

    @strawberry.field(description="CNY received: gifts plus payments toward pledges." + MONEY + GIVING_NOTE)
    async def raised_cny(self, info: Info) -> str | None:
        """Sum of received amounts, from integer cents."""
        fen = await raised(info, self.node_id)
        return from_fen(fen) if fen is not None else None

    @strawberry.field(
        description="raisedCny / goalCny (1.0 = goal reached), to four places; null without a goal."
        + GIVING_NOTE
    )
    async def progress(self, info: Info) -> float | None:
        """Progress toward the goal."""
        fen = await raised(info, self.node_id)
        return ratio(fen, self.goal_fen) if fen is not None and self.goal_fen is not None else None

    @strawberry.field(
        description="Donations to the fund, newest first (empty unless you see its giving data)."
    )
    async def donations(self, info: Info, first: First = 20, after: After = None) -> Connection[Donation]:
        """Donation page (one statement for every fund of the request)."""
        spec, page = donations_repo.OF_FUNDS, (first, after)
        convert = lambda row: Donation.from_record(donations_repo.donation(row))  # noqa: E731
        return await related_connection(info, "fund_donations", spec, self.node_id, page, convert)


async def fund_by_id(info: Info, node_id: str) -> Fund | None:
    """Resolve `node(id:)` for funds (batched per request)."""
    loader = info.context.loaders.fund
    rec: repo.FundRecord | None = await loader.load(node_id)
    return Fund.from_record(rec) if rec else None


@strawberry.enum(description="Orders of the funds list.")
class FundSort(Enum):
    """Sort keys (value: the sorted property)."""

    CODE = "code"
    NAME = "name"


@strawberry.input(description="Filters of the funds list; all given filters must hold.")
class FundFilter:
    """Fund filter."""

    name: str | None = strawberry.field(default=None, description="Part of the name, or the exact code.")
    college: strawberry.ID | None = strawberry.field(default=None, description="Funds of this college.")
    kinds: list[FundKind] | None = strawberry.field(default=None, description="Any of these purposes.")
    status: FundStatus | None = strawberry.field(default=None, description="Only open or only closed funds.")

    def to_repo(self) -> repo.FundFilter:
        """The repository filter (IDs decoded)."""
        return repo.FundFilter(
            name=self.name.strip() if self.name else None,
            college_id=expect_id(self.college, "College") if self.college else None,
            kinds=tuple(k.value for k in self.kinds) if self.kinds else None,
            status=self.status.value if self.status else None,
        )


@strawberry.type
class FundsQuery:
    """Root fields of funds."""

    @strawberry.field(description="Donation funds, keyset-paginated.", permission_classes=[IsAuthenticated])
    async def funds(
        self,
        info: Info,
        first: First = 20,
        after: After = None,
        filter: Annotated[FundFilter | None, strawberry.argument(description="Filters.")] = None,
        order_by: Annotated[FundSort, strawberry.argument(description="Sort key.")] = FundSort.CODE,
        descending: Descending = False,
    ) -> Connection[Fund]:
        """List funds."""
        first, cursor = page_args(first, after)
        params = (filter or FundFilter()).to_repo().params()
        db = info.context.db
        rows, more = await fetch_page(db, repo.FUNDS, params, order_by.value, descending, first, cursor)
        return connection(
            rows, more, cursor is not None, Fund.from_record, lambda: fetch_count(db, repo.FUNDS, params)
        )
