"""Mutations of interactions and their participants (ADMIN, FUNDRAISER; deleting: ADMIN)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Any

import strawberry

from graph.core import access, audit, validation
from graph.core.db import Tx
from graph.core.model import Label, PartyRef
from graph.core.pages import reread
from graph.core.scope import Scope
from graph.engagement import interactions as repo
from graph.engagement.vocabulary import InteractionKind
from schema.core.context import Context
from schema.core.errors import UserError, UserErrorCode
from schema.core.inputs import decode_optional, delete_node, given, parties
from schema.core.mutations import Outcome, Problems, execute
from schema.core.permissions import Role, require_roles
from schema.engagement.events.inputs import day
from schema.engagement.interactions.types import Interaction

Info = strawberry.Info[Context, None]
WRITERS = [require_roles(Role.ADMIN, Role.FUNDRAISER)]
PARTY_TYPES = ("Alumnus", "Chapter", "Company")


@strawberry.input(description="A new interaction.")
class CreateInteractionInput:
    """Input of createInteraction."""

    kind: InteractionKind = strawberry.field(description="Visit, meeting, call, message or feedback.")
    date: dt.date = strawberry.field(description="When it took place.")
    summary: str | None = strawberry.field(default=None, description="What was discussed (2000 characters).")
    feedback: str | None = strawberry.field(default=None, description="Feedback collected (2000 characters).")
    by: strawberry.ID | None = strawberry.field(
        default=None, description="The staff member or leader (an alumnus)."
    )
    with_: list[strawberry.ID] = strawberry.field(
        default_factory=list, name="with", description="Alumni, chapters and companies contacted."
    )


@strawberry.input(description="Changes to an interaction; fields left out stay as they are, null clears.")
class UpdateInteractionInput:
    """Input of updateInteraction."""

    id: strawberry.ID = strawberry.field(description="The interaction.")
    kind: strawberry.Maybe[InteractionKind | None] = strawberry.field(description="New kind.")
    date: strawberry.Maybe[dt.date | None] = strawberry.field(description="New day.")
    summary: strawberry.Maybe[str | None] = strawberry.field(description="New summary.")
    feedback: strawberry.Maybe[str | None] = strawberry.field(description="New feedback.")
    by: strawberry.Maybe[strawberry.ID | None] = strawberry.field(description="New staff member.")
    with_: strawberry.Maybe[list[strawberry.ID] | None] = strawberry.field(
        name="with", description="The new set of participants (replaces the old)."
    )


@strawberry.input(description="An interaction to delete.")
class DeleteInteractionInput:
    """Input of deleteInteraction."""

    id: strawberry.ID = strawberry.field(description="The interaction.")
    detach: bool = strawberry.field(
        default=False, description="Accepted for symmetry; nothing references one."
    )


@strawberry.type(description="Result of an interaction mutation.")
class InteractionPayload:
    """The interaction as it is now, or why nothing changed."""

    interaction: Interaction | None = strawberry.field(description="The interaction, unless refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type(description="Result of deleteInteraction.")
class DeleteInteractionPayload:
    """Which interaction was deleted, or why not."""

    deleted_id: strawberry.ID | None = strawberry.field(description="ID of the deleted interaction.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


def interaction_values(p: Problems, values: dict[str, Any]) -> dict[str, Any]:
    """Checked, stored form of interaction properties (only those given)."""
    out: dict[str, Any] = {}
    if "kind" in values:
        out["kind"] = values["kind"].value if values["kind"] else None
        p.add("kind", UserErrorCode.REQUIRED, None if out["kind"] else "give the kind of contact")
    if "date" in values:
        out["date"] = day(p, "date", values["date"], required=True)
    for name in ("summary", "feedback"):
        if name in values:
            text = (values[name] or "").strip() or None
            p.add(name, UserErrorCode.INVALID, validation.text_error(text, 2000) if text else None)
            out[name] = text
    return out


def participants(p: Problems, global_ids: Sequence[str] | None) -> list[PartyRef] | None:
    """The participants named in the input (None: not sent)."""
    if global_ids is None:
        return None
    return parties(p, "with", global_ids, *PARTY_TYPES)


async def require_parties(tx: Tx, by: str | None, others: list[PartyRef] | None, scope: Scope) -> None:
    """Every named person, chapter and company must exist (and people be visible to the caller)."""
    await access.require_alumnus(tx, by, "by", scope)
    for i, other in enumerate(others or []):
        if other.kind == "Alumnus":
            await access.require_alumnus(tx, other.id, f"with.{i}", scope)
        else:
            await access.require_node(tx, Label(other.kind), other.id, f"with.{i}")


async def link(tx: Tx, interaction_id: str, values: dict[str, Any], refs_: tuple[str | None, Any]) -> None:
    """Set BY and WITH for the links the input sent."""
    by, others = refs_
    if "by" in values:
        await repo.set_by(tx, interaction_id, by)
    if others is not None:
        await repo.set_parties(tx, interaction_id, others)


def payload(out: Outcome[repo.InteractionRecord]) -> InteractionPayload:
    """Payload of an interaction outcome."""
    return InteractionPayload(
        interaction=Interaction.from_record(out.value) if out.value else None, user_errors=out.errors
    )


def audit_links(by: str | None, others: list[PartyRef] | None) -> dict[str, Any]:
    """Participants as audit values."""
    return {"by": by} | ({"with": [o.id for o in others]} if others is not None else {})


@strawberry.type
class InteractionMutations:
    """Mutations of interactions."""

    @strawberry.mutation(description="Record an interaction (ADMIN, FUNDRAISER).", permission_classes=WRITERS)
    async def create_interaction(
        self,
        info: Info,
        input: Annotated[CreateInteractionInput, strawberry.argument(description="The contact.")],
    ) -> InteractionPayload:
        """Validate, then create the interaction and its participants in one audited transaction."""
        p = Problems()
        values = dict(
            kind=input.kind, date=input.date, summary=input.summary, feedback=input.feedback, by=input.by
        )
        props = interaction_values(p, values)
        by, others = decode_optional(p, "by", input.by, "Alumnus"), participants(p, input.with_)
        if p:
            return InteractionPayload(interaction=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> repo.InteractionRecord:
            await require_parties(tx, by, others, scope)
            interaction_id = await repo.create(tx, props)
            await link(tx, interaction_id, values, (by, others))
            after = props | audit_links(by, others)
            await audit.record(tx, actor, audit.Change("createInteraction", [interaction_id], {}, after))
            return await reread(
                tx, repo.INTERACTIONS, interaction_id, {"scope": scope.params()}, noun="Interaction"
            )

        return payload(await execute(info, work))

    @strawberry.mutation(description="Change an interaction (ADMIN, FUNDRAISER).", permission_classes=WRITERS)
    async def update_interaction(
        self,
        info: Info,
        input: Annotated[UpdateInteractionInput, strawberry.argument(description="The changes.")],
    ) -> InteractionPayload:
        """Validate the fields sent, then update them and the participants sent."""
        p = Problems()
        interaction_id = decode_optional(p, "id", input.id, "Interaction")
        values = given(
            kind=input.kind,
            date=input.date,
            summary=input.summary,
            feedback=input.feedback,
            by=input.by,
            with_=input.with_,
        )
        props = interaction_values(p, values)
        by = decode_optional(p, "by", values.get("by"), "Alumnus")
        others = participants(p, values.get("with_"))
        if p or interaction_id is None:
            return InteractionPayload(interaction=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> repo.InteractionRecord:
            before = await repo.update(tx, interaction_id, props)
            await require_parties(tx, by, others, scope)
            await link(tx, interaction_id, values, (by, others))
            after = props | (audit_links(by, others) if "by" in values or others is not None else {})
            await audit.record(tx, actor, audit.Change("updateInteraction", [interaction_id], before, after))
            return await reread(
                tx, repo.INTERACTIONS, interaction_id, {"scope": scope.params()}, noun="Interaction"
            )

        return payload(await execute(info, work))

    @strawberry.mutation(
        description="Delete an interaction (ADMIN).", permission_classes=[require_roles(Role.ADMIN)]
    )
    async def delete_interaction(
        self,
        info: Info,
        input: Annotated[DeleteInteractionInput, strawberry.argument(description="The contact.")],
    ) -> DeleteInteractionPayload:
        """Delete with an audit entry."""
        deleted, errors = await delete_node(info, input.id, input.detach, Label.INTERACTION)
        return DeleteInteractionPayload(deleted_id=deleted, user_errors=errors)
