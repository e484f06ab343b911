"""Mutations of donations (ADMIN, FUNDRAISER; deleting: ADMIN), checked by `graph.giving.donation_rules`."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph.core import audit
from graph.core.db import Tx
from graph.core.errors import Rejected
from graph.core.model import Label
from graph.core.pages import reread
from graph.giving import donation_rules as rules
from graph.giving import donations as repo
from graph.giving import gifts
from schema.core.context import Context
from schema.core.inputs import camel, decode_optional, delete_node, given
from schema.core.mutations import Problems, execute
from schema.core.permissions import Role, require_roles
from schema.giving.donations.inputs import (
    CreateDonationInput,
    DeleteDonationInput,
    DeleteDonationPayload,
    DonationPayload,
    UpdateDonationInput,
    audit_links,
    links,
    payload,
)

Info = strawberry.Info[Context, None]
WRITERS = [require_roles(Role.ADMIN, Role.FUNDRAISER)]
PLAIN = ("receipt_no", "kind", "date", "anonymous")
LINKS = ("donor", "fund", "pledge", "solicitor")
MONEY = ("amount", "currency", "amount_cny")


def sent_values(data: UpdateDonationInput) -> dict[str, Any]:
    """The plain and money fields an update sends, as stored-property names and values."""
    sent = {
        camel(k): v
        for k, v in given(
            receipt_no=data.receipt_no,
            kind=data.kind,
            date=data.date,
            anonymous=data.anonymous,
            amount=data.amount,
            currency=data.currency,
            amount_cny=data.amount_cny,
        ).items()
    }
    if "receiptNo" in sent:
        sent["receiptNo"] = (sent["receiptNo"] or "").strip()
    if "kind" in sent:
        sent["kind"] = sent["kind"].value if sent["kind"] else None
    return sent


def changed_props(draft: rules.Draft, money: dict[str, Any], sent: dict[str, Any]) -> dict[str, Any]:
    """The properties an update writes: those sent, and all money ones when any was sent."""
    values = {
        "receiptNo": draft.receipt_no,
        "kind": draft.kind,
        "date": draft.on,
        "anonymous": draft.anonymous,
    }
    props = {k: v for k, v in values.items() if k in sent}
    return props | (money if any(k in sent for k in rules.MONEY_FIELDS) else {})


@strawberry.type
class DonationMutations:
    """Mutations of donations."""

    @strawberry.mutation(description="Record a donation (ADMIN, FUNDRAISER).", permission_classes=WRITERS)
    async def create_donation(
        self,
        info: Info,
        input: Annotated[CreateDonationInput, strawberry.argument(description="The donation.")],
    ) -> DonationPayload:
        """Check by the donation rules, then create it and its links in one audited transaction."""
        p = Problems()
        named = links(
            p, dict(donor=input.donor, fund=input.fund, pledge=input.pledge, solicitor=input.solicitor)
        )
        draft = rules.Draft(
            kind=input.kind.value,
            receipt_no=input.receipt_no.strip(),
            amount=input.amount,
            currency=input.currency,
            amount_cny=input.amount_cny,
            on=input.date,
            donor=named.get("donor"),
            fund_id=named.get("fund"),
            pledge_id=named.get("pledge"),
            solicitor_id=named.get("solicitor"),
            anonymous=input.anonymous,
        )
        scope, known = info.context.scope, p.found()

        async def work(tx: Tx, actor: audit.Actor) -> repo.DonationRecord:
            done = await gifts.record(tx, draft, scope, known)
            after = done.props | audit_links(named)
            await audit.record(tx, actor, audit.Change("createDonation", [done.id], {}, after))
            return await reread(tx, repo.DONATIONS, done.id, {"scope": scope.params()}, noun="Donation")

        return payload(await execute(info, work, duplicate_field="receiptNo"))

    @strawberry.mutation(description="Change a donation (ADMIN, FUNDRAISER).", permission_classes=WRITERS)
    async def update_donation(
        self,
        info: Info,
        input: Annotated[UpdateDonationInput, strawberry.argument(description="The changes.")],
    ) -> DonationPayload:
        """Check the donation the update leaves by the donation rules, then write the changes."""
        p = Problems()
        donation_id = decode_optional(p, "id", input.id, "Donation")
        sent = sent_values(input)
        named = links(
            p, given(donor=input.donor, fund=input.fund, pledge=input.pledge, solicitor=input.solicitor)
        )
        if donation_id is None:
            return DonationPayload(donation=None, user_errors=p.errors)
        scope, known = info.context.scope, p.found()

        async def work(tx: Tx, actor: audit.Actor) -> repo.DonationRecord:
            try:
                stored = await reread(
                    tx, repo.DONATIONS, donation_id, {"scope": scope.params()}, noun="Donation"
                )
            except Rejected as gone:
                raise Rejected.every([*known, *gone.problems]) from None
            draft = rules.merged(stored, sent | named)
            draft, money = await rules.check(tx, draft, scope, known=known, stored=stored)
            changed = changed_props(draft, money, sent)
            before = await repo.update(tx, donation_id, changed)
            await repo.link(tx, donation_id, named)
            after = changed | audit_links(named)
            await audit.record(tx, actor, audit.Change("updateDonation", [donation_id], before, after))
            return await reread(tx, repo.DONATIONS, donation_id, {"scope": scope.params()}, noun="Donation")

        return payload(await execute(info, work, duplicate_field="receiptNo"))

    @strawberry.mutation(
        description="Delete a donation; a pledge with payments toward it is IN_USE unless `detach` (ADMIN).",
        permission_classes=[require_roles(Role.ADMIN)],
    )
    async def delete_donation(
        self,
        info: Info,
        input: Annotated[DeleteDonationInput, strawberry.argument(description="The donation.")],
    ) -> DeleteDonationPayload:
        """Delete with an audit entry."""
        deleted, errors = await delete_node(info, input.id, input.detach, Label.DONATION)
        return DeleteDonationPayload(deleted_id=deleted, user_errors=errors)
