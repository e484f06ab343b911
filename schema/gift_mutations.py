"""Recording gifts: recordPledge, recordGift, recordPayment (toward a pledge) and cancelPledge."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry

from graph import audit, gifts, validation
from graph.db import Tx
from graph.donation_rules import CURRENCY, DONORS
from schema.context import Context
from schema.donations import Donation, donation_by_id
from schema.errors import UserError, UserErrorCode
from schema.mutations import Outcome, Problems, execute
from schema.permissions import Role, require_roles
from schema.refs import party, ref

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
    date: date = strawberry.field(description="Date of the cancellation; payments already made stay.")


@strawberry.type(description="Result of recording or cancelling a donation.")
class RecordedDonationPayload:
    """The donation, or why nothing was recorded."""

    donation: Donation | None = strawberry.field(description="The donation (or the cancelled pledge).")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


def _money(p: Problems, data: RecordGiftInput | RecordPaymentInput) -> tuple[str, str, str]:
    currency = data.currency.strip().upper()
    p.add(
        "currency",
        UserErrorCode.INVALID,
        None if CURRENCY.match(currency) else "use a 3-letter ISO 4217 code",
    )
    p.add("amount", UserErrorCode.INVALID, validation.amount_error(data.amount))
    if not validation.amount_error(data.amount) and Decimal(data.amount) <= 0:
        p.add("amount", UserErrorCode.OUT_OF_RANGE, "the amount must be more than zero")
    cny = data.amount_cny if data.amount_cny is not None else (data.amount if currency == "CNY" else None)
    if cny is None:
        p.add("amountCny", UserErrorCode.REQUIRED, "give the CNY value for a foreign currency")
        cny = "0"
    elif data.amount_cny is not None:
        p.add("amountCny", UserErrorCode.INVALID, validation.amount_error(cny))
    if data.date > date.today():
        p.add("date", UserErrorCode.OUT_OF_RANGE, "the date is in the future")
    p.add("receiptNo", UserErrorCode.INVALID, validation.code_error(data.receipt_no.strip()))
    return data.amount.strip(), currency, cny.strip()


async def _record(
    info: strawberry.Info[Context, None], op: str, new: gifts.NewDonation
) -> RecordedDonationPayload:
    async def work(tx: Tx, actor: audit.Actor) -> str:
        donation_id = await gifts.record(tx, new)
        after = {"receiptNo": new.receipt_no, "kind": new.kind, "amountCny": new.amount_cny}
        await audit.record(tx, actor, audit.Change(op, [donation_id], {}, after))
        return donation_id

    return await _payload(info, await execute(info, work, duplicate_field="receiptNo"))


async def _payload(info: strawberry.Info[Context, None], out: Outcome[str]) -> RecordedDonationPayload:
    donation = await donation_by_id(info, out.value) if out.value else None
    return RecordedDonationPayload(donation=donation, user_errors=out.errors)


async def _record_gift(
    info: strawberry.Info[Context, None], op: str, kind: str, data: RecordGiftInput
) -> RecordedDonationPayload:
    """recordPledge / recordGift: validate, then record."""
    p = Problems()
    amount, currency, cny = _money(p, data)
    donor = party(p, "donor", data.donor, *DONORS)
    fund = ref(p, "fund", data.fund, "Fund")
    solicitor = ref(p, "solicitor", data.solicitor, "Alumnus")
    if p or donor is None or fund is None:
        return RecordedDonationPayload(donation=None, user_errors=p.errors)
    new = gifts.NewDonation(
        kind=kind,
        receipt_no=data.receipt_no.strip(),
        donor_label=donor.kind,
        donor_id=donor.id,
        fund_id=fund,
        amount=amount,
        currency=currency,
        amount_cny=cny,
        on=data.date,
        anonymous=data.anonymous,
        solicitor_id=solicitor,
    )
    return await _record(info, op, new)


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
        """Validate and record a payment."""
        p = Problems()
        amount, currency, cny = _money(p, input)
        pledge = ref(p, "pledge", input.pledge, "Donation")
        solicitor = ref(p, "solicitor", input.solicitor, "Alumnus")
        if p or pledge is None:
            return RecordedDonationPayload(donation=None, user_errors=p.errors)
        new = gifts.NewDonation(
            kind="PAYMENT",
            receipt_no=input.receipt_no.strip(),
            donor_label="",
            donor_id=None,
            fund_id=None,
            amount=amount,
            currency=currency,
            amount_cny=cny,
            on=input.date,
            anonymous=input.anonymous,
            solicitor_id=solicitor,
            pledge_id=pledge,
        )
        return await _record(info, "recordPayment", new)

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
        pledge_id = ref(p, "pledge", input.pledge, "Donation")
        if p or pledge_id is None:
            return RecordedDonationPayload(donation=None, user_errors=p.errors)

        async def work(tx: Tx, actor: audit.Actor) -> str:
            await gifts.cancel_pledge(tx, pledge_id, input.date)
            await audit.record(
                tx, actor, audit.Change("cancelPledge", [pledge_id], {}, {"cancelledOn": input.date})
            )
            return pledge_id

        return await _payload(info, await execute(info, work))
