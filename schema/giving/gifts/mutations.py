"""Recording gifts: recordPledge, recordGift, recordPayment (toward a pledge) and cancelPledge.

The donation rules are `graph.giving.donation_rules`, the same as for createDonation/updateDonation.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from graph.core import audit
from graph.core.db import Tx
from graph.giving import gifts
from graph.giving.donation_rules import DONORS, Draft
from schema.core.context import Context
from schema.core.errors import UserError
from schema.core.inputs import decode_optional, party
from schema.core.mutations import Outcome, Problems, execute
from schema.core.permissions import Role, require_roles
from schema.giving.donations.types import Donation, donation_by_id

FUNDRAISING = [require_roles(Role.ADMIN, Role.FUNDRAISER)]


@strawberry.input(description="A pledge or gift to record.")
class RecordGiftInput:
    """Input of recordPledge and recordGift."""

    receipt_no: str = strawberry.field(description="Receipt number; unique, recording it twice is refused.")
    donor: strawberry.ID = strawberry.field(description="The alumnus or company who gives.")
    fund: strawberry.ID = strawberry.field(description="The fund given to (it must be OPEN).")
    amount: str = strawberry.field(description='Amount in `currency`, a decimal string (e.g. "1200.00").')
    currency: str = strawberry.field(default="CNY", description="ISO 4217 code; CNY by default.")
    amount_cny: str | None = strawberry.field(
        default=None, description="Value in CNY at receipt; required unless the currency is CNY."
    )
    date: date = strawberry.field(description="Date of the pledge or gift (not in the future).")
    anonymous: bool = strawberry.field(default=False, description="The donor asks not to be named.")
    solicitor: strawberry.ID | None = strawberry.field(
        default=None, description="The staff member who solicited it."
    )


@strawberry.input(description="A payment toward a pledge.")
class RecordPaymentInput:
    """Input of recordPayment; fund and donor are those of the pledge."""

    receipt_no: str = strawberry.field(description="Receipt number; unique.")
    pledge: strawberry.ID = strawberry.field(
        description="The pledge paid toward; the payment may not exceed what is open."
    )
    amount: str = strawberry.field(description="Amount in `currency`.")
    currency: str = strawberry.field(default="CNY", description="ISO 4217 code; CNY by default.")
    amount_cny: str | None = strawberry.field(
        default=None, description="Value in CNY; required unless the currency is CNY."
    )
    date: date = strawberry.field(description="Date of the payment.")
    anonymous: bool = strawberry.field(default=False, description="The donor asks not to be named.")
    solicitor: strawberry.ID | None = strawberry.field(
        default=None, description="The staff member who solicited it."
    )


@strawberry.input(description="A pledge to cancel.")
class CancelPledgeInput:
    """Input of cancelPledge."""

    pledge: strawberry.ID = strawberry.field(description="The pledge.")
    date: date = strawberry.field(
        description=(
            "Date of the cancellation (not in the future, not before the pledge's date);"
            " payments already made stay."
        )
    )


@strawberry.type(description="Result of recording or cancelling a donation.")
class RecordedDonationPayload:
    """The donation, or why nothing was recorded."""

    donation: Donation | None = strawberry.field(description="The donation (or the cancelled pledge).")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


async def _record(
    info: strawberry.Info[Context, None], op: str, draft: Draft, p: Problems
) -> RecordedDonationPayload:
    """Check the draft by the donation rules (with the input problems `p`), then record it."""
    scope, known = info.context.scope, p.found()

    async def work(tx: Tx, actor: audit.Actor) -> str:
        done = await gifts.record(tx, draft, scope, known)
        after = {k: done.props[k] for k in ("receiptNo", "kind", "amountCny")}
        await audit.record(tx, actor, audit.Change(op, [done.id], {}, after))
        return done.id

    return await _payload(info, await execute(info, work, duplicate_field="receiptNo"))


async def _payload(info: strawberry.Info[Context, None], out: Outcome[str]) -> RecordedDonationPayload:
    donation = await donation_by_id(info, out.value) if out.value else None
    return RecordedDonationPayload(donation=donation, user_errors=out.errors)


async def _record_gift(
    info: strawberry.Info[Context, None], op: str, kind: str, data: RecordGiftInput
) -> RecordedDonationPayload:
    """recordPledge / recordGift: read the input, then check and record."""
    p = Problems()
    draft = Draft(
        kind=kind,
        receipt_no=data.receipt_no.strip(),
        amount=data.amount,
        currency=data.currency,
        amount_cny=data.amount_cny,
        on=data.date,
        donor=party(p, "donor", data.donor, *DONORS),
        fund_id=decode_optional(p, "fund", data.fund, "Fund"),
        solicitor_id=decode_optional(p, "solicitor", data.solicitor, "Alumnus"),
        anonymous=data.anonymous,
    )
    return await _record(info, op, draft, p)


@strawberry.type
class GiftMutations:
    """Recording pledges, gifts and payments (fundraisers and the office)."""

    @strawberry.mutation(
        description="Record a pledge (a promise to give) to a fund.", permission_classes=FUNDRAISING
    )
    async def record_pledge(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[RecordGiftInput, strawberry.argument(description="The pledge.")],
    ) -> RecordedDonationPayload:
        """Validate and record a pledge."""
        return await _record_gift(info, "recordPledge", "PLEDGE", input)

    @strawberry.mutation(description="Record a one-off gift to a fund.", permission_classes=FUNDRAISING)
    async def record_gift(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[RecordGiftInput, strawberry.argument(description="The gift.")],
    ) -> RecordedDonationPayload:
        """Validate and record a gift."""
        return await _record_gift(info, "recordGift", "GIFT", input)

    @strawberry.mutation(
        description="Record a payment toward a pledge; it may not exceed what is still open.",
        permission_classes=FUNDRAISING,
    )
    async def record_payment(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[RecordPaymentInput, strawberry.argument(description="The payment.")],
    ) -> RecordedDonationPayload:
        """Check and record a payment (its fund and donor are the pledge's)."""
        p = Problems()
        draft = Draft(
            kind="PAYMENT",
            receipt_no=input.receipt_no.strip(),
            amount=input.amount,
            currency=input.currency,
            amount_cny=input.amount_cny,
            on=input.date,
            donor=None,
            fund_id=None,
            pledge_id=decode_optional(p, "pledge", input.pledge, "Donation"),
            solicitor_id=decode_optional(p, "solicitor", input.solicitor, "Alumnus"),
            anonymous=input.anonymous,
            fund_from_pledge=True,
        )
        return await _record(info, "recordPayment", draft, p)

    @strawberry.mutation(
        description="Cancel what is still open on a pledge (payments already made stay).",
        permission_classes=FUNDRAISING,
    )
    async def cancel_pledge(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[CancelPledgeInput, strawberry.argument(description="The pledge and date.")],
    ) -> RecordedDonationPayload:
        """Cancel a pledge."""
        p = Problems()
        pledge_id = decode_optional(p, "pledge", input.pledge, "Donation")
        if p or pledge_id is None:
            return RecordedDonationPayload(donation=None, user_errors=p.errors)

        async def work(tx: Tx, actor: audit.Actor) -> str:
            await gifts.cancel_pledge(tx, pledge_id, input.date)
            await audit.record(
                tx, actor, audit.Change("cancelPledge", [pledge_id], {}, {"cancelledOn": input.date})
            )
            return pledge_id

        return await _payload(info, await execute(info, work))
