"""Attendance: (Alumnus)-[:ATTENDED {role}]->(Event), one per pair; reads are scoped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.core.db import Database, Row, Tx
from graph.core.errors import Rejected
from graph.core.pages import Related, fetch_related
from graph.core.scope import ALUMNUS_IN_SCOPE, ALUMNUS_VISIBLE, Scope


@dataclass(frozen=True)
class AttendanceRecord:
    """One alumnus at one event, and in what role."""

    alumnus_id: str
    event_id: str
    role: str


# An event's attendees within the caller's scope, by name, paged per event.
OF_EVENTS = Related(
    inner="MATCH (:Event {id: owner})<-[r:ATTENDED]-(n:Alumnus) WHERE " + ALUMNUS_VISIBLE,
    carry="r, n",
    key="n.name",
    tie="n.id",
    columns="n.id AS alumnusId, owner AS eventId, coalesce(r.role, 'GUEST') AS role",
)
_OF_ALUMNI: LiteralString = (
    "UNWIND $ids AS owner MATCH (n:Alumnus {id: owner})-[r:ATTENDED]->(e:Event) WHERE "
    + ALUMNUS_VISIBLE
    + " RETURN owner, n.id AS alumnusId, e.id AS eventId, coalesce(r.role, 'GUEST') AS role"
    " ORDER BY e.date DESC, e.id"
)
_ADD: LiteralString = (
    "MATCH (n:Alumnus {id: $alumnus}) MATCH (e:Event {id: $event})"
    " MERGE (n)-[r:ATTENDED]->(e) WITH n, e, r, r.role AS before SET r.role = $role"
    " RETURN n.id AS alumnusId, e.id AS eventId, r.role AS role, before"
)
_REMOVE: LiteralString = (
    "MATCH (n:Alumnus {id: $alumnus})-[r:ATTENDED]->(e:Event {id: $event})"
    " WITH n, e, r, coalesce(r.role, 'GUEST') AS role DELETE r"
    " RETURN n.id AS alumnusId, e.id AS eventId, role"
)
_ALUMNUS_SCOPE: LiteralString = (
    "MATCH (n:Alumnus {id: $id}) WHERE " + ALUMNUS_VISIBLE + " RETURN " + ALUMNUS_IN_SCOPE + " AS inScope"
)


def attendance(row: Row) -> AttendanceRecord:
    """Map a row to an attendance."""
    return AttendanceRecord(alumnus_id=row["alumnusId"], event_id=row["eventId"], role=row["role"])


async def of_alumni(db: Database, ids: list[str], scope: Scope) -> dict[str, list[AttendanceRecord]]:
    """Events many alumni attended, newest first, in one statement."""
    grouped = await fetch_related(db, _OF_ALUMNI, ids, {"scope": scope.params()})
    return {k: [attendance(r) for r in rows] for k, rows in grouped.items()}


async def check_alumnus(tx: Tx, alumnus_id: str, scope: Scope) -> None:
    """NOT_FOUND unless the caller sees the alumnus; FORBIDDEN unless it is within their scope."""
    row = await tx.row(_ALUMNUS_SCOPE, {"id": alumnus_id, "scope": scope.params()})
    if row is None:
        raise Rejected("alumnus", "NOT_FOUND", "no Alumnus with this ID")
    if not row["inScope"]:
        raise Rejected("alumnus", "FORBIDDEN", "this alumnus is outside your scope")


async def add(tx: Tx, alumnus_id: str, event_id: str, role: str) -> tuple[AttendanceRecord, str | None]:
    """Record (or re-role) an attendance; returns it and the role it had before, if any."""
    row = await tx.row(_ADD, {"alumnus": alumnus_id, "event": event_id, "role": role})
    if row is None:
        raise Rejected("event", "NOT_FOUND", "no Event with this ID")
    return attendance(row), row["before"]


async def remove(tx: Tx, alumnus_id: str, event_id: str) -> AttendanceRecord:
    """Delete an attendance; NOT_FOUND when there is none."""
    row = await tx.row(_REMOVE, {"alumnus": alumnus_id, "event": event_id})
    if row is None:
        raise Rejected("event", "NOT_FOUND", "this alumnus is not recorded as attending this event")
    return attendance(row)
