"""Mutations of donations (ADMIN, FUNDRAISER; deleting: ADMIN), checked by `graph.donation_rules`."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph import audit, gifts
from graph import donation_rules as rules
from graph import donations as repo
from graph import refs as graph_refs
from graph.db import Tx
from graph.errors import Problem, Rejected
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
    payload,
)
from schema.mutations import Problems, execute
from schema.permissions import Role, require_roles
from schema.refs import camel, delete_node, provided, ref

Info = strawberry.Info[Context, None]
WRITERS = [require_roles(Role.ADMIN, Role.FUNDRAISER)]
PLAIN = ("receipt_no", "kind", "date", "anonymous")
LINKS = ("donor", "fund", "pledge", "solicitor")
MONEY = ("amount", "currency", "amount_cny")


async def reread(
    tx: Tx, donation_id: str, scope: Scope, known: list[Problem] | None = None
) -> repo.DonationRecord:
    """The donation as stored now (within the caller's giving scope), inside the transaction."""
    rows = await tx.rows(repo.DONATIONS.by_ids, {"ids": [donation_id], "scope": scope.params()})
    if not rows:
        raise Rejected.every([*(known or []), *graph_refs.not_found("id", Label.DONATION).problems])
    return repo.donation(rows[0])


def sent_values(data: UpdateDonationInput) -> dict[str, Any]:
    """The plain and money fields an update sends, as stored-property names and values."""
    sent = {camel(k): v for k, v in provided(data, *PLAIN, *MONEY).items()}
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
        named = links(p, provided(input, *LINKS))
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
            return await reread(tx, done.id, scope)

        return payload(await execute(info, work, duplicate_field="receiptNo"))

    @strawberry.mutation(description="Change a donation (ADMIN, FUNDRAISER).", permission_classes=WRITERS)
    async def update_donation(
        self,
        info: Info,
        input: Annotated[UpdateDonationInput, strawberry.argument(description="The changes.")],
    ) -> DonationPayload:
        """Check the donation the update leaves by the donation rules, then write the changes."""
        p = Problems()
        donation_id = ref(p, "id", input.id, "Donation")
        sent = sent_values(input)
        named = links(p, provided(input, *LINKS))
        if donation_id is None:
            return DonationPayload(donation=None, user_errors=p.errors)
        scope, known = info.context.scope, p.found()

        async def work(tx: Tx, actor: audit.Actor) -> repo.DonationRecord:
            stored = await reread(tx, donation_id, scope, known)
            draft = rules.merged(stored, sent | named)
            draft, money = await rules.check(tx, draft, scope, known=known, stored=stored)
            changed = changed_props(draft, money, sent)
            before = await graph_refs.update(tx, Label.DONATION, donation_id, changed)
            await repo.link(tx, donation_id, named)
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
