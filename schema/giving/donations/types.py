"""GraphQL type of donations (pledges, gifts, payments) and the loaders around it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry

from graph.core.model import PartyRef
from graph.core.money import from_fen
from graph.giving import donations as repo
from graph.giving.vocabulary import DonationKind
from schema.core.context import Context
from schema.core.registry import load_party
from schema.core.relay import Node, to_global_id
from schema.giving.types import MONEY, Donor
from schema.people.alumni.types import Alumnus

if TYPE_CHECKING:
    from schema.giving.funds.types import Fund

Info = strawberry.Info[Context, None]


async def load_donation(info: Info, node_id: str) -> repo.DonationRecord | None:
    """A donation by id, within the caller's giving scope (batched per request)."""
    loader = info.context.loaders.donation
    found: repo.DonationRecord | None = await loader.load(node_id)
    return found


@strawberry.type(description="A pledge, a gift, or a payment toward a pledge, to a fund.")
class Donation(Node):
    """A donation; its natural key is the receipt number. Visible to giving roles only."""

    receipt_no: str = strawberry.field(description="Receipt number (natural key).")
    kind: DonationKind = strawberry.field(description="Pledge, gift or payment.")
    amount: str = strawberry.field(description="Amount given." + MONEY)
    currency: str = strawberry.field(description="ISO 4217 currency code of `amount`.")
    amount_cny: str = strawberry.field(description="Value in CNY." + MONEY)
    date: dt.date = strawberry.field(description="Day of the pledge, gift or payment.")
    anonymous: bool = strawberry.field(description="The donor asked not to be named publicly.")
    created_at: str | None = strawberry.field(description="When the record was created (ISO 8601).")
    updated_at: str | None = strawberry.field(description="When the record last changed (ISO 8601).")
    node_id: strawberry.Private[str]
    donor_ref: strawberry.Private[PartyRef | None]
    fund_id: strawberry.Private[str | None]
    pledge_id: strawberry.Private[str | None]
    solicitor_id: strawberry.Private[str | None]

    @classmethod
    def from_record(cls, rec: repo.DonationRecord) -> Donation:
        """Build from a repository record."""
        return cls(
            id=to_global_id("Donation", rec.id),
            node_id=rec.id,
            receipt_no=rec.receipt_no,
            kind=DonationKind(rec.kind),
            amount=rec.amount,
            currency=rec.currency,
            amount_cny=rec.amount_cny,
            date=rec.date,
            anonymous=rec.anonymous,
            created_at=rec.created_at,
            updated_at=rec.updated_at,
            donor_ref=rec.donor,
            fund_id=rec.fund_id,
            pledge_id=rec.pledge_id,
            solicitor_id=rec.solicitor_id,
        )

    @strawberry.field(description="Who gave (null if outside your scope).")
    async def donor(self, info: Info) -> Donor | None:
        """Alumnus or company (batched per request)."""
        found: Donor | None = await load_party(info, self.donor_ref)
        return found

    @strawberry.field(description="The fund given to.")
    async def fund(self, info: Info) -> Annotated[Fund, strawberry.lazy("schema.giving.funds.types")] | None:
        """Fund (batched per request)."""
        from schema.giving.funds.types import fund_by_id

        return await fund_by_id(info, self.fund_id) if self.fund_id else None

    @strawberry.field(description="For a payment: the pledge it pays toward.")
    async def pledge(self, info: Info) -> Donation | None:
        """Pledge (batched per request)."""
        rec = await load_donation(info, self.pledge_id) if self.pledge_id else None
        return Donation.from_record(rec) if rec else None

    @strawberry.field(description="For a pledge: the payments toward it, newest first.")
    async def payments(self, info: Info) -> list[Donation]:
        """Payments (batched per request)."""
        return [Donation.from_record(d) for d in await payments_of(info, self.node_id)]

    @strawberry.field(description="For a pledge: CNY paid toward it so far." + MONEY)
    async def paid_cny(self, info: Info) -> str | None:
        """Sum of the payments' CNY values, from integer cents."""
        if self.kind is not DonationKind.PLEDGE:
            return None
        return from_fen(sum(d.amount_cny_fen for d in await payments_of(info, self.node_id)))

    @strawberry.field(description="The alumnus who solicited the donation.")
    async def solicitor(self, info: Info) -> Alumnus | None:
        """Solicitor (null if outside your scope)."""
        rec = await info.context.loaders.alumnus.load(self.solicitor_id) if self.solicitor_id else None
        return Alumnus.from_record(rec) if rec else None


async def payments_of(info: Info, pledge_id: str) -> list[repo.DonationRecord]:
    """Payments toward a pledge, batched with the other pledges of the request."""
    loader = info.context.loaders.payments
    found: list[repo.DonationRecord] = await loader.load(pledge_id)
    return found


async def donations_from(info: Info, kind: str, donor_id: str) -> list[Donation]:
    """Donations from an alumnus or company ('Alumnus' / 'Company'), batched per request."""
    loader = info.context.loaders.donations_from(kind)
    return [Donation.from_record(d) for d in await loader.load(donor_id)]


async def donation_by_id(info: Info, node_id: str) -> Donation | None:
    """Resolve `node(id:)` for donations (outside your giving scope: not found)."""
    rec = await load_donation(info, node_id)
    return Donation.from_record(rec) if rec else None
