"""GraphQL types of events and attendance."""

from __future__ import annotations

import datetime as dt

import strawberry

from graph.core.db import Row
from graph.core.model import PartyRef
from graph.engagement import attendance as attendance_repo
from graph.engagement import events as repo
from graph.engagement.vocabulary import AttendanceRole, EventKind
from schema.careers.geography.types import Region
from schema.cooperation import links as cooperation_links
from schema.core.context import Context
from schema.core.registry import load_party
from schema.core.relay import After, Connection, First, Node, related_connection, to_global_id
from schema.engagement.types import Organizer
from schema.people.alumni.types import Alumnus

Info = strawberry.Info[Context, None]


async def load_event(info: Info, node_id: str) -> repo.EventRecord | None:
    """An event by id (batched per request)."""
    loader = info.context.loaders.event
    found: repo.EventRecord | None = await loader.load(node_id)
    return found


@strawberry.type(description="An alumnus's attendance at an event.")
class Attendance:
    """One ATTENDED relationship."""

    role: AttendanceRole = strawberry.field(description="Guest, speaker or organizer.")
    alumnus_id: strawberry.Private[str]
    event_id: strawberry.Private[str]

    @classmethod
    def from_record(cls, rec: attendance_repo.AttendanceRecord) -> Attendance:
        """Build from a repository record."""
        return cls(role=AttendanceRole(rec.role), alumnus_id=rec.alumnus_id, event_id=rec.event_id)

    @classmethod
    def from_row(cls, row: Row) -> Attendance:
        """Build from a row of a nested page."""
        return cls.from_record(attendance_repo.attendance(row))

    @strawberry.field(description="The alumnus (null if outside your scope).")
    async def alumnus(self, info: Info) -> Alumnus | None:
        """The attendee."""
        rec = await info.context.loaders.alumnus.load(self.alumnus_id)
        return Alumnus.from_record(rec) if rec else None

    @strawberry.field(description="The event.")
    async def event(self, info: Info) -> Event | None:
        """The event attended."""
        rec = await load_event(info, self.event_id)
        return Event.from_record(rec) if rec else None


@strawberry.type(description="A university event: anniversary, reunion, gala, lecture, job fair…")
class Event(Node):
    """An event; its natural key is `code`."""

    code: str = strawberry.field(description="Unique event code.")
    name: str = strawberry.field(description="Name of the event.")
    kind: EventKind = strawberry.field(description="Kind of event.")
    date: dt.date = strawberry.field(description="(First) day of the event.")
    end_date: dt.date | None = strawberry.field(description="Last day, for events of several days.")
    created_at: str | None = strawberry.field(description="When the record was created (ISO 8601).")
    updated_at: str | None = strawberry.field(description="When the record last changed (ISO 8601).")
    node_id: strawberry.Private[str]
    region_id: strawberry.Private[str | None]
    organizer_ref: strawberry.Private[PartyRef | None]

    @classmethod
    def from_record(cls, rec: repo.EventRecord) -> Event:
        """Build from a repository record."""
        return cls(
            id=to_global_id("Event", rec.id),
            node_id=rec.id,
            code=rec.code,
            name=rec.name,
            kind=EventKind(rec.kind),
            date=rec.date,
            end_date=rec.end_date,
            created_at=rec.created_at,
            updated_at=rec.updated_at,
            region_id=rec.region_id,
            organizer_ref=rec.organizer,
        )

    @strawberry.field(description="The college or chapter that organized the event.")
    async def organizer(self, info: Info) -> Organizer | None:
        """Organizer (batched per request)."""
        found: Organizer | None = await load_party(info, self.organizer_ref)
        return found

    @strawberry.field(description="Where the event took place.")
    async def region(self, info: Info) -> Region | None:
        """Region."""
        rec = await info.context.loaders.region.load(self.region_id) if self.region_id else None
        return Region.from_record(rec) if rec else None

    @strawberry.field(description="Alumni who attended (within your scope), by name.")
    async def attendees(self, info: Info, first: First = 20, after: After = None) -> Connection[Attendance]:
        """Attendance page (one statement for every event of the request)."""
        spec = attendance_repo.OF_EVENTS
        return await related_connection(
            info, "attendees", spec, self.node_id, (first, after), Attendance.from_row
        )

    stories = strawberry.field(
        resolver=cooperation_links.event_stories, description="Stories featuring the event, newest first."
    )


async def event_by_id(info: Info, node_id: str) -> Event | None:
    """Resolve `node(id:)` for events."""
    rec = await load_event(info, node_id)
    return Event.from_record(rec) if rec else None
