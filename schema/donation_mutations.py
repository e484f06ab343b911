"""Mutations of donations (ADMIN, FUNDRAISER; deleting: ADMIN), validated but without pledge rules."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph import audit
from graph import donation_rules as rules
from graph import donations as repo
from graph import refs as graph_refs
from graph.db import Tx
from graph.errors import Rejected
from graph.giving import DonationKind
from graph.model import Label
from graph.scope import Scope
from schema.context import Context
from schema.donation_inputs import (
    CreateDonationInput,
    DeleteDonationInput,
    DeleteDonationPayload,
    DonationPayload,
    UpdateDonationInput,
    audit_links,
    links,
    money,
    payload,
    plain_values,
)
from schema.errors import UserErrorCode
from schema.mutations import Problems, execute
from schema.permissions import Role, require_roles
from schema.refs import camel, delete_node, provided, ref

Info = strawberry.Info[Context, None]
WRITERS = [require_roles(Role.ADMIN, Role.FUNDRAISER)]
PLAIN = ("receipt_no", "kind", "date", "anonymous")
LINKS = ("donor", "fund", "pledge", "solicitor")
MONEY = ("amount", "currency", "amount_cny")


async def require_links(tx: Tx, named: dict[str, Any], scope: Scope) -> None:
    """Every node the input names must exist (people: and be visible to the caller)."""
    donor = named.get("donor")
    if donor is not None and donor.kind == "Alumnus":
        await graph_refs.require_alumnus(tx, donor.id, "donor", scope)
    elif donor is not None:
        await graph_refs.require(tx, Label.COMPANY, donor.id, "donor")
    await graph_refs.require(tx, Label.FUND, named.get("fund"), "fund")
    await graph_refs.require(tx, Label.DONATION, named.get("pledge"), "pledge")
    await graph_refs.require_alumnus(tx, named.get("solicitor"), "solicitor", scope)


def pledge_problem(kind: DonationKind, pledge_id: str | None) -> str | None:
    """Why a new donation may not name this pledge, or None."""
    return "only a PAYMENT pays toward a pledge" if pledge_id and kind is not DonationKind.PAYMENT else None


async def reread(tx: Tx, donation_id: str, scope: Scope) -> repo.DonationRecord:
    """The donation as stored now (within the caller's giving scope), inside the transaction."""
    rows = await tx.rows(repo.DONATIONS.by_ids, {"ids": [donation_id], "scope": scope.params()})
    if not rows:
        raise graph_refs.not_found("id", Label.DONATION)
    return repo.donation(rows[0])


async def settle_update(tx: Tx, donation_id: str, sent: dict[str, Any], scope: Scope) -> dict[str, Any]:
    """Money properties after the update (empty when no money field was sent)."""
    current = await reread(tx, donation_id, scope)
    if not sent:
        return {}
    now = {"amount": current.amount, "currency": current.currency, "amountCny": current.amount_cny}
    props, problem = rules.merged_money(now, sent)
    if problem:
        raise Rejected(*problem)
    return props


async def write_update(
    tx: Tx, donation_id: str, props: dict[str, Any], named: dict[str, Any]
) -> dict[str, Any]:
    """Apply properties and links, then check payments against pledges; returns previous values."""
    before = await graph_refs.update(tx, Label.DONATION, donation_id, props)
    await rules.link(tx, donation_id, named)
    await rules.check_pledges(tx, donation_id)
    return before


@strawberry.type
class DonationMutations:
    """Mutations of donations."""

    @strawberry.mutation(description="Record a donation (ADMIN, FUNDRAISER).", permission_classes=WRITERS)
    async def create_donation(
        self,
        info: Info,
        input: Annotated[CreateDonationInput, strawberry.argument(description="The donation.")],
    ) -> DonationPayload:
        """Validate, then create the donation and its links in one audited transaction."""
        p = Problems()
        props = plain_values(p, provided(input, *PLAIN)) | money(
            p, input.amount, input.currency, input.amount_cny
        )
        named = links(p, provided(input, *LINKS))
        p.add("pledge", UserErrorCode.INVALID, pledge_problem(input.kind, named.get("pledge")))
        if p:
            return DonationPayload(donation=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> repo.DonationRecord:
            await rules.check_receipt(tx, props["receiptNo"])
            await require_links(tx, named, scope)
            donation_id = await graph_refs.create(tx, Label.DONATION, props)
            await rules.link(tx, donation_id, named)
            await rules.check_pledges(tx, donation_id)
            after = props | audit_links(named)
            await audit.record(tx, actor, audit.Change("createDonation", [donation_id], {}, after))
            return await reread(tx, donation_id, scope)

        return payload(await execute(info, work, duplicate_field="receiptNo"))

    @strawberry.mutation(description="Change a donation (ADMIN, FUNDRAISER).", permission_classes=WRITERS)
    async def update_donation(
        self,
        info: Info,
        input: Annotated[UpdateDonationInput, strawberry.argument(description="The changes.")],
    ) -> DonationPayload:
        """Validate the fields sent, then update them; amounts are settled against the stored ones."""
        p = Problems()
        donation_id = ref(p, "id", input.id, "Donation")
        props = plain_values(p, provided(input, *PLAIN))
        sent_money = {camel(k): v for k, v in provided(input, *MONEY).items()}
        named = links(p, provided(input, *LINKS))
        if p or donation_id is None:
            return DonationPayload(donation=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> repo.DonationRecord:
            changed = props | await settle_update(tx, donation_id, sent_money, scope)
            await rules.check_receipt(tx, changed.get("receiptNo"), donation_id)
            await require_links(tx, named, scope)
            before = await write_update(tx, donation_id, changed, named)
            after = changed | audit_links(named)
            await audit.record(tx, actor, audit.Change("updateDonation", [donation_id], before, after))
            return await reread(tx, donation_id, scope)

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
        deleted, errors = await delete_node(info, Label.DONATION, input.id, input.detach)
        return DeleteDonationPayload(deleted_id=deleted, user_errors=errors)
