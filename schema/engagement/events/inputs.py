"""Inputs, payloads and validation of the event and attendance mutations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from graph.core import validation
from graph.core.errors import Rejected
from graph.core.model import PartyRef
from graph.engagement import events as repo
from graph.engagement.vocabulary import AttendanceRole, EventKind
from schema.core.errors import UserError, UserErrorCode
from schema.core.inputs import camel, decode_optional, party
from schema.core.mutations import Outcome, Problems
from schema.engagement.events.types import Attendance, Event


@strawberry.input(description="A new event.")
class CreateEventInput:
    """Input of createEvent."""

    code: str = strawberry.field(description="Unique event code.")
    name: str = strawberry.field(description="Name of the event.")
    kind: EventKind = strawberry.field(description="Kind of event.")
    date: dt.date = strawberry.field(description="(First) day.")
    end_date: dt.date | None = strawberry.field(default=None, description="Last day, if several.")
    region: strawberry.ID | None = strawberry.field(default=None, description="Where it takes place.")
    organizer: strawberry.ID | None = strawberry.field(
        default=None, description="The organizing college or chapter (required for college officers)."
    )


@strawberry.input(description="Changes to an event; fields left out stay as they are, null clears.")
class UpdateEventInput:
    """Input of updateEvent."""

    id: strawberry.ID = strawberry.field(description="The event.")
    code: strawberry.Maybe[str | None] = strawberry.field(description="New code.")
    name: strawberry.Maybe[str | None] = strawberry.field(description="New name.")
    kind: strawberry.Maybe[EventKind | None] = strawberry.field(description="New kind.")
    date: strawberry.Maybe[dt.date | None] = strawberry.field(description="New (first) day.")
    end_date: strawberry.Maybe[dt.date | None] = strawberry.field(description="New last day.")
    region: strawberry.Maybe[strawberry.ID | None] = strawberry.field(description="New region.")


@strawberry.input(description="An event to delete.")
class DeleteEventInput:
    """Input of deleteEvent."""

    id: strawberry.ID = strawberry.field(description="The event.")
    detach: bool = strawberry.field(
        default=False, description="Also delete its attendance records (otherwise refused: IN_USE)."
    )


@strawberry.input(description="Who organized an event.")
class SetEventOrganizerInput:
    """Input of setEventOrganizer."""

    event: strawberry.ID = strawberry.field(description="The event.")
    organizer: strawberry.ID | None = strawberry.field(description="A college or chapter; null for none.")


@strawberry.input(description="An alumnus attending an event.")
class AddAttendanceInput:
    """Input of addAttendance."""

    event: strawberry.ID = strawberry.field(description="The event.")
    alumnus: strawberry.ID = strawberry.field(description="The alumnus.")
    role: AttendanceRole = strawberry.field(default=AttendanceRole.GUEST, description="How they took part.")


@strawberry.input(description="An attendance to delete.")
class RemoveAttendanceInput:
    """Input of removeAttendance."""

    event: strawberry.ID = strawberry.field(description="The event.")
    alumnus: strawberry.ID = strawberry.field(description="The alumnus.")


@strawberry.type(description="Result of an event mutation.")
class EventPayload:
    """The event as it is now, or why nothing changed."""

    event: Event | None = strawberry.field(description="The event, unless the input was refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type(description="Result of deleteEvent.")
class DeleteEventPayload:
    """Which event was deleted, or why not."""

    deleted_id: strawberry.ID | None = strawberry.field(description="ID of the deleted event.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type(description="Result of addAttendance and removeAttendance.")
class AttendancePayload:
    """The attendance (as it was, when removed), or why nothing changed."""

    attendance: Attendance | None = strawberry.field(description="The attendance.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


def event_values(p: Problems, values: dict[str, Any]) -> dict[str, Any]:
    """Checked, stored form of event properties (only those given)."""
    out: dict[str, Any] = {}
    if "code" in values:
        out["code"] = (values["code"] or "").strip()
        p.add("code", UserErrorCode.INVALID, validation.code_error(out["code"]))
    if "name" in values:
        out["name"] = (values["name"] or "").strip()
        p.add(
            "name",
            UserErrorCode.REQUIRED if not out["name"] else UserErrorCode.INVALID,
            validation.text_error(out["name"], 200),
        )
    if "kind" in values:
        out["kind"] = values["kind"].value if values["kind"] else None
        p.add("kind", UserErrorCode.REQUIRED, None if out["kind"] else "give the kind of event")
    for name in ("date", "end_date"):
        if name in values:
            out[camel(name)] = day(p, camel(name), values[name], required=name == "date")
    return out


def day(p: Problems, field: str, value: dt.date | None, *, required: bool) -> dt.date | None:
    """A checked day (between 1890 and a few years ahead)."""
    if value is None:
        p.add(field, UserErrorCode.REQUIRED, "give a day" if required else None)
        return None
    p.add(field, UserErrorCode.OUT_OF_RANGE, validation.year_error(value.year))
    return value


def organizer_ref(p: Problems, field: str, global_id: str | None) -> PartyRef | None:
    """The organizer named by a college or chapter ID."""
    return party(p, field, global_id, "College", "Chapter")


def region_ref(p: Problems, values: dict[str, Any]) -> str | None:
    """The region named in the input, if any."""
    return decode_optional(p, "region", values.get("region"), "Region")


def check_dates(rec: repo.EventRecord) -> None:
    """Refuse an event that ends before it starts."""
    if rec.end_date is not None and rec.end_date < rec.date:
        raise Rejected("endDate", "OUT_OF_RANGE", "the last day is before the first day")


def event_payload(out: Outcome[repo.EventRecord]) -> EventPayload:
    """Payload of an event outcome."""
    return EventPayload(event=Event.from_record(out.value) if out.value else None, user_errors=out.errors)
