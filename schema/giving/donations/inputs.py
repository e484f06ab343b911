"""Inputs and payloads of the donation mutations; their rules are `graph.giving.donation_rules`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from graph.core.model import PartyRef
from graph.giving import donations as repo
from graph.giving.donation_rules import DONORS
from graph.giving.vocabulary import DonationKind
from schema.core.errors import UserError
from schema.core.inputs import decode_optional, party
from schema.core.mutations import Outcome, Problems
from schema.giving.donations.types import Donation


@strawberry.input(
    description="A new donation of any kind, under the rules of recordPledge, recordGift and recordPayment."
)
class CreateDonationInput:
    """Input of createDonation."""

    receipt_no: str = strawberry.field(description="Unique receipt number.")
    kind: DonationKind = strawberry.field(description="Pledge, gift or payment.")
    amount: str = strawberry.field(description="Amount in `currency`: a decimal string, two places at most.")
    currency: str = strawberry.field(default="CNY", description="ISO 4217 code; CNY unless given.")
    amount_cny: str | None = strawberry.field(
        default=None, description="CNY value; required for other currencies, equal to amount for CNY."
    )
    date: dt.date = strawberry.field(description="Day of the pledge, gift or payment.")
    anonymous: bool = strawberry.field(default=False, description="The donor asks not to be named publicly.")
    donor: strawberry.ID = strawberry.field(description="The alumnus or company giving.")
    fund: strawberry.ID = strawberry.field(description="The fund given to.")
    pledge: strawberry.ID | None = strawberry.field(
        default=None, description="For a PAYMENT: the PLEDGE (same fund and donor) it pays toward."
    )
    solicitor: strawberry.ID | None = strawberry.field(
        default=None, description="The alumnus who solicited it."
    )


@strawberry.input(description="Changes to a donation; fields left out stay as they are, null clears.")
class UpdateDonationInput:
    """Input of updateDonation."""

    id: strawberry.ID = strawberry.field(description="The donation.")
    receipt_no: strawberry.Maybe[str | None] = strawberry.field(description="New receipt number.")
    kind: strawberry.Maybe[DonationKind | None] = strawberry.field(description="New kind.")
    amount: strawberry.Maybe[str | None] = strawberry.field(description="New amount.")
    currency: strawberry.Maybe[str | None] = strawberry.field(description="New currency.")
    amount_cny: strawberry.Maybe[str | None] = strawberry.field(
        description="New CNY value (required when amount or currency of a non-CNY donation change).",
    )
    date: strawberry.Maybe[dt.date | None] = strawberry.field(description="New day.")
    anonymous: strawberry.Maybe[bool | None] = strawberry.field(description="New anonymity.")
    donor: strawberry.Maybe[strawberry.ID | None] = strawberry.field(description="New donor.")
    fund: strawberry.Maybe[strawberry.ID | None] = strawberry.field(description="New fund.")
    pledge: strawberry.Maybe[strawberry.ID | None] = strawberry.field(description="New pledge paid.")
    solicitor: strawberry.Maybe[strawberry.ID | None] = strawberry.field(description="New solicitor.")


@strawberry.input(description="A donation to delete.")
class DeleteDonationInput:
    """Input of deleteDonation."""

    id: strawberry.ID = strawberry.field(description="The donation.")
    detach: bool = strawberry.field(
        default=False, description="Also unlink payments toward it (otherwise a paid pledge is IN_USE)."
    )


@strawberry.type(description="Result of a donation mutation.")
class DonationPayload:
    """The donation as it is now, or why nothing changed."""

    donation: Donation | None = strawberry.field(description="The donation, unless the input was refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type(description="Result of deleteDonation.")
class DeleteDonationPayload:
    """Which donation was deleted, or why not."""

    deleted_id: strawberry.ID | None = strawberry.field(description="ID of the deleted donation.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


def links(p: Problems, values: dict[str, Any]) -> dict[str, Any]:
    """Donor, fund, pledge and solicitor named in the input (only those given; null clears)."""
    out: dict[str, Any] = {}
    if "donor" in values:
        out["donor"] = party(p, "donor", values["donor"], *DONORS)
    if "fund" in values:
        out["fund"] = decode_optional(p, "fund", values["fund"], "Fund")
    if "pledge" in values:
        out["pledge"] = decode_optional(p, "pledge", values["pledge"], "Donation")
    if "solicitor" in values:
        out["solicitor"] = decode_optional(p, "solicitor", values["solicitor"], "Alumnus")
    return out


def audit_links(named: dict[str, Any]) -> dict[str, Any]:
    """Links as audit values (ids)."""
    return {k: (v.id if isinstance(v, PartyRef) else v) for k, v in named.items()}


def payload(out: Outcome[repo.DonationRecord]) -> DonationPayload:
    """Payload of a donation outcome."""
    return DonationPayload(
        donation=Donation.from_record(out.value) if out.value else None, user_errors=out.errors
    )
