"""Mutations of awards: create, update (recipient included) and delete (ADMIN)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph.core import access, audit, validation
from graph.core.db import Tx
from graph.core.model import AwardKind, Label, PartyRef
from graph.core.pages import reread
from graph.core.scope import Scope
from graph.engagement import awards as repo
from schema.core.context import Context
from schema.core.errors import UserError, UserErrorCode
from schema.core.inputs import decode_optional, delete_node, given, party
from schema.core.mutations import Outcome, Problems, execute
from schema.core.permissions import Role, require_roles
from schema.engagement.awards.types import Award

Info = strawberry.Info[Context, None]
ADMIN = [require_roles(Role.ADMIN)]
RECIPIENTS = ("College", "Chapter", "Alumnus")


@strawberry.input(description="A new award.")
class CreateAwardInput:
    """Input of createAward."""

    kind: AwardKind = strawberry.field(description="Kind of award.")
    year: int = strawberry.field(description="Year of the evaluation.")
    title: str = strawberry.field(description="Title (200 characters at most).")
    recipient: strawberry.ID = strawberry.field(description="The college, chapter or alumnus awarded.")


@strawberry.input(description="Changes to an award; fields left out stay as they are.")
class UpdateAwardInput:
    """Input of updateAward."""

    id: strawberry.ID = strawberry.field(description="The award.")
    kind: strawberry.Maybe[AwardKind | None] = strawberry.field(description="New kind.")
    year: strawberry.Maybe[int | None] = strawberry.field(description="New year.")
    title: strawberry.Maybe[str | None] = strawberry.field(description="New title.")
    recipient: strawberry.Maybe[strawberry.ID | None] = strawberry.field(description="New recipient.")


@strawberry.input(description="An award to delete.")
class DeleteAwardInput:
    """Input of deleteAward."""

    id: strawberry.ID = strawberry.field(description="The award.")
    detach: bool = strawberry.field(
        default=False, description="Accepted for symmetry; nothing references one."
    )


@strawberry.type(description="Result of an award mutation.")
class AwardPayload:
    """The award as it is now, or why nothing changed."""

    award: Award | None = strawberry.field(description="The award, unless the input was refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type(description="Result of deleteAward.")
class DeleteAwardPayload:
    """Which award was deleted, or why not."""

    deleted_id: strawberry.ID | None = strawberry.field(description="ID of the deleted award.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


def award_values(p: Problems, values: dict[str, Any]) -> dict[str, Any]:
    """Checked award properties (only those given)."""
    out: dict[str, Any] = {}
    if "kind" in values:
        out["kind"] = values["kind"].value if values["kind"] else None
        p.add("kind", UserErrorCode.REQUIRED, None if out["kind"] else "give the kind of award")
    if "year" in values:
        out["year"] = values["year"]
        reason = validation.year_error(values["year"]) if values["year"] is not None else "give the year"
        p.add("year", UserErrorCode.OUT_OF_RANGE, reason)
    if "title" in values:
        out["title"] = (values["title"] or "").strip()
        code = UserErrorCode.REQUIRED if not out["title"] else UserErrorCode.INVALID
        p.add("title", code, validation.text_error(out["title"], 200))
    return out


def recipient_ref(p: Problems, global_id: str | None) -> PartyRef | None:
    """The college, chapter or alumnus named as recipient."""
    found = party(p, "recipient", global_id, *RECIPIENTS)
    p.add("recipient", UserErrorCode.REQUIRED, None if global_id else "name the recipient")
    return found


async def require_recipient(tx: Tx, recipient: PartyRef, scope: Scope) -> None:
    """The recipient must exist (an alumnus: and be visible)."""
    if recipient.kind == "Alumnus":
        await access.require_alumnus(tx, recipient.id, "recipient", scope)
    else:
        await access.require_node(tx, Label(recipient.kind), recipient.id, "recipient")


@strawberry.input(description="The award to revoke.")
class RevokeAwardInput:
    """Input of revokeAward."""

    id: strawberry.ID = strawberry.field(description="The award.")


async def grant(info: Info, input: CreateAwardInput, op: str) -> AwardPayload:
    """Create an award (createAward / grantAward)."""
    p = Problems()
    props = award_values(p, dict(kind=input.kind, year=input.year, title=input.title))
    recipient = recipient_ref(p, input.recipient)
    if p or recipient is None:
        return AwardPayload(award=None, user_errors=p.errors)
    scope = info.context.scope

    async def work(tx: Tx, actor: audit.Actor) -> repo.AwardRecord:
        await require_recipient(tx, recipient, scope)
        award_id = await repo.create(tx, props)
        await repo.set_recipient(tx, award_id, recipient)
        after = props | {"recipient": recipient.id}
        await audit.record(tx, actor, audit.Change(op, [award_id], {}, after))
        return await reread(tx, repo.AWARDS, award_id, noun="Award")

    return payload(await execute(info, work))


def payload(out: Outcome[repo.AwardRecord]) -> AwardPayload:
    """Payload of an award outcome."""
    return AwardPayload(award=Award.from_record(out.value) if out.value else None, user_errors=out.errors)


@strawberry.type
class AwardMutations:
    """Mutations of awards."""

    @strawberry.mutation(description="Give an award (ADMIN).", permission_classes=ADMIN)
    async def create_award(
        self, info: Info, input: Annotated[CreateAwardInput, strawberry.argument(description="The award.")]
    ) -> AwardPayload:
        """Validate, then create the award and its recipient link with an audit entry."""
        return await grant(info, input, "createAward")

    @strawberry.mutation(
        description="Grant a yearly honour (college work, major breakthrough, outstanding chapter or "
        "individual) to a college, chapter or alumnus (ADMIN).",
        permission_classes=ADMIN,
    )
    async def grant_award(
        self, info: Info, input: Annotated[CreateAwardInput, strawberry.argument(description="The award.")]
    ) -> AwardPayload:
        """The honours name of createAward."""
        return await grant(info, input, "grantAward")

    @strawberry.mutation(
        description="Revoke an award: it and its recipient link are removed (ADMIN).",
        permission_classes=ADMIN,
    )
    async def revoke_award(
        self, info: Info, input: Annotated[RevokeAwardInput, strawberry.argument(description="The award.")]
    ) -> DeleteAwardPayload:
        """Delete the award with its recipient link, audited."""
        deleted, errors = await delete_node(info, input.id, True, Label.AWARD)
        return DeleteAwardPayload(deleted_id=deleted, user_errors=errors)

    @strawberry.mutation(description="Change an award or its recipient (ADMIN).", permission_classes=ADMIN)
    async def update_award(
        self, info: Info, input: Annotated[UpdateAwardInput, strawberry.argument(description="The changes.")]
    ) -> AwardPayload:
        """Validate the fields sent, then update them."""
        p = Problems()
        award_id = decode_optional(p, "id", input.id, "Award")
        values = given(kind=input.kind, year=input.year, title=input.title, recipient=input.recipient)
        props = award_values(p, values)
        recipient = recipient_ref(p, values["recipient"]) if "recipient" in values else None
        if p or award_id is None:
            return AwardPayload(award=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> repo.AwardRecord:
            before = await repo.update(tx, award_id, props)
            if recipient is not None:
                await require_recipient(tx, recipient, scope)
                await repo.set_recipient(tx, award_id, recipient)
            after = props | ({"recipient": recipient.id} if recipient else {})
            await audit.record(tx, actor, audit.Change("updateAward", [award_id], before, after))
            return await reread(tx, repo.AWARDS, award_id, noun="Award")

        return payload(await execute(info, work))

    @strawberry.mutation(description="Delete an award (ADMIN).", permission_classes=ADMIN)
    async def delete_award(
        self, info: Info, input: Annotated[DeleteAwardInput, strawberry.argument(description="The award.")]
    ) -> DeleteAwardPayload:
        """Delete with an audit entry."""
        deleted, errors = await delete_node(info, input.id, input.detach, Label.AWARD)
        return DeleteAwardPayload(deleted_id=deleted, user_errors=errors)
