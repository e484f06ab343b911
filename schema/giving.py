"""Giving vocabulary for the API: enums and the Donor and AwardRecipient unions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, TypeAlias, Union

import strawberry

from graph.giving import AwardKind, DonationKind, FundKind, FundStatus
from schema.alumni import Alumnus
from schema.institutions import College

strawberry.enum(FundKind, description="Purpose of a donation fund.")
strawberry.enum(FundStatus, description="Whether a fund still takes donations.")
strawberry.enum(DonationKind, description="A pledge (promise), a gift, or a payment toward a pledge.")
strawberry.enum(AwardKind, description="Kind of award of the annual evaluation.")

MONEY = ' A decimal string in the currency given, two places (e.g. "1200.00"); exact, never a float.'

# Company and Chapter are referenced lazily: their modules import this one's neighbours.
if TYPE_CHECKING:
    from schema.chapters import Chapter
    from schema.companies import Company

    Donor: TypeAlias = Alumnus | Company
    AwardRecipient: TypeAlias = College | Chapter | Alumnus
else:
    COMPANY = strawberry.LazyType("Company", "schema.companies")
    CHAPTER = strawberry.LazyType("Chapter", "schema.chapters")
    Donor = Annotated[
        Union[Alumnus, COMPANY],  # noqa: UP007  (a LazyType does not support |)
        strawberry.union("Donor", description="Who gave: an alumnus or a company."),
    ]
    AwardRecipient = Annotated[
        Union[College, CHAPTER, Alumnus],  # noqa: UP007
        strawberry.union(
            "AwardRecipient", description="Who received an award: a college, chapter or alumnus."
        ),
    ]
