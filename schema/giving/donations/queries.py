"""The `donations` root connection: filters and orders (giving roles only)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

import strawberry

from graph.core.pages import Order
from graph.giving import donations as repo
from graph.giving.vocabulary import DonationKind
from schema.core.context import Context
from schema.core.errors import bad_input
from schema.core.permissions import Role, require_roles
from schema.core.relay import (
    After,
    Connection,
    Descending,
    First,
    expect_id,
    expected_id,
    from_global_id,
    ordered_connection,
    page_args,
)
from schema.giving.donations.types import Donation


@strawberry.enum(description="Orders of the donations list.")
class DonationSort(Enum):
    """Sort keys (value: the sorted property)."""

    DATE = "date"
    RECEIPT_NO = "receiptNo"


@strawberry.input(description="Filters of the donations list; all given filters must hold.")
class DonationFilter:
    """Donation filter."""

    fund: strawberry.ID | None = strawberry.field(default=None, description="To this fund.")
    kinds: list[DonationKind] | None = strawberry.field(default=None, description="Any of these kinds.")
    date_from: dt.date | None = strawberry.field(default=None, description="On or after this day.")
    date_to: dt.date | None = strawberry.field(default=None, description="On or before this day.")
    donor: strawberry.ID | None = strawberry.field(default=None, description="From this alumnus or company.")

    def to_repo(self) -> repo.DonationFilter:
        """The repository filter (IDs decoded)."""
        return repo.DonationFilter(
            fund_id=expect_id(self.fund, "Fund") if self.fund else None,
            kinds=tuple(k.value for k in self.kinds) if self.kinds else None,
            date_from=self.date_from,
            date_to=self.date_to,
            donor_id=donor_id(self.donor),
        )


def donor_id(global_id: str | None) -> str | None:
    """The node id of an alumnus or company ID (BAD_USER_INPUT for anything else)."""
    if global_id is None:
        return None
    type_name, node_id = from_global_id(global_id)
    if type_name not in ("Alumnus", "Company"):
        raise bad_input(expected_id("Alumnus", "Company"))
    return node_id


@strawberry.type
class DonationsQuery:
    """Root fields of donations."""

    @strawberry.field(
        description="Donations within your giving scope (ADMIN, FUNDRAISER; COLLEGE_OFFICER for their "
        "college's funds), keyset-paginated.",
        permission_classes=[require_roles(Role.ADMIN, Role.FUNDRAISER, Role.COLLEGE_OFFICER)],
    )
    async def donations(
        self,
        info: strawberry.Info[Context, None],
        first: First = 20,
        after: After = None,
        filter: Annotated[DonationFilter | None, strawberry.argument(description="Filters.")] = None,
        order_by: Annotated[DonationSort, strawberry.argument(description="Sort key.")] = DonationSort.DATE,
        descending: Descending = False,
    ) -> Connection[Donation]:
        """List donations."""
        first, cursor = page_args(first, after)
        params = (filter or DonationFilter()).to_repo().params() | {"scope": info.context.scope.params()}
        order = Order(order_by.value, descending, dated=order_by is DonationSort.DATE)
        return await ordered_connection(
            info.context.db, repo.DONATIONS, params, order, (first, cursor), Donation.from_record
        )
