"""Giving vocabulary for the API: enums and the Donor union."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, TypeAlias, Union

import strawberry

from graph.giving.vocabulary import DonationKind, FundKind, FundStatus
from schema.people.alumni.types import Alumnus

strawberry.enum(FundKind, description="Purpose of a donation fund.")
strawberry.enum(FundStatus, description="Whether a fund still takes donations.")
strawberry.enum(DonationKind, description="A pledge (promise), a gift, or a payment toward a pledge.")

MONEY = ' A decimal string in the currency given, two places (e.g. "1200.00"); exact, never a float.'

# Company is referenced lazily: its module imports this one's neighbours.
if TYPE_CHECKING:
    from schema.careers.companies.types import Company

    Donor: TypeAlias = Alumnus | Company
else:
    COMPANY = strawberry.LazyType("Company", "schema.careers.companies.types")
    Donor = Annotated[
        Union[Alumnus, COMPANY],  # noqa: UP007  (a LazyType does not support |)
        strawberry.union("Donor", description="Who gave: an alumnus or a company."),
    ]
