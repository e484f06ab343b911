"""Mutations of events: create, update, delete and organizer (college officers for their college)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph.core import access, audit
from graph.core.db import Tx
from graph.core.errors import Rejected
from graph.core.model import Label, PartyRef
from graph.core.pages import reread
from graph.core.scope import Scope
from graph.engagement import events as repo
from schema.core.context import Context
from schema.core.inputs import decode_optional, delete_node, given
from schema.core.mutations import Problems, execute
from schema.core.permissions import Role, require_roles
from schema.engagement.events.inputs import (
    CreateEventInput,
    DeleteEventInput,
    DeleteEventPayload,
    EventPayload,
    SetEventOrganizerInput,
    UpdateEventInput,
    check_dates,
    event_payload,
    event_values,
    organizer_ref,
    region_ref,
)

Info = strawberry.Info[Context, None]
OFFICE = [require_roles(Role.ADMIN, Role.COLLEGE_OFFICER)]
FIELDS = ("code", "name", "kind", "date", "end_date")


async def require_organizer(tx: Tx, organizer: PartyRef | None, scope: Scope) -> None:
    """The organizer must exist and be the caller's to act for; officers must name one."""
    if organizer is not None:
        await repo.check_organizer(tx, organizer, scope, "organizer")
    elif not scope.all_alumni:
        raise Rejected("organizer", "REQUIRED", "name your college or one of its chapters as organizer")


async def check_code(tx: Tx, code: str | None, event_id: str | None = None) -> None:
    """Refuse a code another event has."""
    if code and await repo.code_taken(tx, code, event_id):
        raise Rejected("code", "DUPLICATE", f"an event with code {code} already exists")


def organizer_audit(rec: repo.EventRecord) -> dict[str, Any]:
    """The organizer of an event as an audit value."""
    return {"organizer": rec.organizer.id if rec.organizer else None}


@strawberry.type
class EventMutations:
    """Mutations of events."""

    @strawberry.mutation(
        description="Create an event (ADMIN; COLLEGE_OFFICER for events organized by their college "
        "or its chapters).",
        permission_classes=OFFICE,
    )
    async def create_event(
        self, info: Info, input: Annotated[CreateEventInput, strawberry.argument(description="The event.")]
    ) -> EventPayload:
        """Validate, then create the event and its links in one audited transaction."""
        p = Problems()
        props = event_values(
            p,
            dict(code=input.code, name=input.name, kind=input.kind, date=input.date, end_date=input.end_date),
        )
        organizer = organizer_ref(p, "organizer", input.organizer)
        region = region_ref(p, {"region": input.region})
        if p:
            return EventPayload(event=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> repo.EventRecord:
            await check_code(tx, props["code"])
            await require_organizer(tx, organizer, scope)
            await access.require_node(tx, Label.REGION, region, "region")
            event_id = await repo.create(tx, props)
            await repo.set_organizer(tx, event_id, organizer)
            await repo.set_region(tx, event_id, region)
            rec = await reread(tx, repo.EVENTS, event_id, noun="Event")
            check_dates(rec)
            after = props | organizer_audit(rec) | {"region": region}
            await audit.record(tx, actor, audit.Change("createEvent", [event_id], {}, after))
            return rec

        return event_payload(await execute(info, work, duplicate_field="code"))

    @strawberry.mutation(
        description="Change an event (ADMIN; COLLEGE_OFFICER for their college's events).",
        permission_classes=OFFICE,
    )
    async def update_event(
        self, info: Info, input: Annotated[UpdateEventInput, strawberry.argument(description="The changes.")]
    ) -> EventPayload:
        """Validate the fields sent, then update them."""
        p = Problems()
        event_id = decode_optional(p, "id", input.id, "Event")
        values = given(
            code=input.code,
            name=input.name,
            kind=input.kind,
            date=input.date,
            end_date=input.end_date,
            region=input.region,
        )
        props = event_values(p, values)
        region = region_ref(p, values)
        if p or event_id is None:
            return EventPayload(event=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> repo.EventRecord:
            await repo.check_event(tx, event_id, scope)
            await check_code(tx, props.get("code"), event_id)
            await access.require_node(tx, Label.REGION, region, "region")
            before = await repo.update(tx, event_id, props)
            if "region" in values:
                await repo.set_region(tx, event_id, region)
            rec = await reread(tx, repo.EVENTS, event_id, noun="Event")
            check_dates(rec)
            await audit.record(tx, actor, audit.Change("updateEvent", [event_id], before, props))
            return rec

        return event_payload(await execute(info, work, duplicate_field="code"))

    @strawberry.mutation(
        description="Delete an event; refused (IN_USE) while attendance is recorded, "
        "unless `detach` (ADMIN).",
        permission_classes=[require_roles(Role.ADMIN)],
    )
    async def delete_event(
        self, info: Info, input: Annotated[DeleteEventInput, strawberry.argument(description="The event.")]
    ) -> DeleteEventPayload:
        """Delete with an audit entry."""
        deleted, errors = await delete_node(info, input.id, input.detach, Label.EVENT)
        return DeleteEventPayload(deleted_id=deleted, user_errors=errors)

    @strawberry.mutation(
        description="Set (or clear) who organized an event (ADMIN; COLLEGE_OFFICER within their college).",
        permission_classes=OFFICE,
    )
    async def set_event_organizer(
        self,
        info: Info,
        input: Annotated[SetEventOrganizerInput, strawberry.argument(description="Event and organizer.")],
    ) -> EventPayload:
        """Replace the ORGANIZED_BY link."""
        p = Problems()
        event_id = decode_optional(p, "event", input.event, "Event")
        organizer = organizer_ref(p, "organizer", input.organizer)
        if p or event_id is None:
            return EventPayload(event=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> repo.EventRecord:
            await repo.check_event(tx, event_id, scope, "event")
            await require_organizer(tx, organizer, scope)
            before = organizer_audit(await reread(tx, repo.EVENTS, event_id, noun="Event"))
            await repo.set_organizer(tx, event_id, organizer)
            rec = await reread(tx, repo.EVENTS, event_id, noun="Event")
            await audit.record(
                tx, actor, audit.Change("setEventOrganizer", [event_id], before, organizer_audit(rec))
            )
            return rec

        return event_payload(await execute(info, work))
