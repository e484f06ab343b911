"""Events: records, filtered keyset lists, a college's events, organizer and region links."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core.access import create_node, replace_link, update_node
from graph.core.db import Row, Tx
from graph.core.errors import Rejected
from graph.core.model import PARTY_KIND, Label, PartyRef, party
from graph.core.pages import ListSpec, Related, by_ids_query
from graph.core.scope import Scope


@dataclass(frozen=True)
class EventRecord:
    """An event; `organizer` is the College or Chapter that organized it."""

    id: str
    code: str
    name: str
    kind: str
    date: dt.date
    end_date: dt.date | None
    region_id: str | None
    organizer: PartyRef | None
    created_at: str | None
    updated_at: str | None


@dataclass(frozen=True)
class EventFilter:
    """Filters of the `events` connection; None means 'any'."""

    name: str | None = None
    kinds: tuple[str, ...] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    organizer_id: str | None = None
    college_id: str | None = None
    region_id: str | None = None

    def params(self) -> dict[str, Any]:
        """Statement parameters for the filter."""
        return {
            "name": self.name,
            "kinds": list(self.kinds) if self.kinds else None,
            "from": self.date_from,
            "to": self.date_to,
            "organizer": self.organizer_id,
            "college": self.college_id,
            "region": self.region_id,
        }


COLUMNS: LiteralString = (
    "n.id AS id, n.code AS code, n.name AS name, n.kind AS kind, n.date AS date,"
    " n.endDate AS endDate, head([(n)-[:IN_REGION]->(r:Region) | r.id]) AS regionId,"
    " head([(n)-[:ORGANIZED_BY]->(p) | {kind: " + PARTY_KIND + ", id: p.id}]) AS organizer,"
    " toString(n.createdAt) AS createdAt, toString(n.updatedAt) AS updatedAt"
)
_RETURN: LiteralString = " RETURN " + COLUMNS
# Organized by the college itself or by one of its chapters.
_BY_COLLEGE: LiteralString = (
    "EXISTS { (n)-[:ORGANIZED_BY]->(o) WHERE o.id = $college"
    " OR EXISTS { (o:Chapter)-[:OF_COLLEGE]->(:College {id: $college}) } }"
)
_FILTER: LiteralString = (
    "MATCH (n:Event) WHERE ($name IS NULL OR n.name CONTAINS $name OR n.code = $name)"
    " AND ($kinds IS NULL OR n.kind IN $kinds)"
    " AND ($from IS NULL OR n.date >= $from) AND ($to IS NULL OR n.date <= $to)"
    " AND ($organizer IS NULL OR EXISTS { (n)-[:ORGANIZED_BY]->({id: $organizer}) })"
    " AND ($college IS NULL OR " + _BY_COLLEGE + ")"
    " AND ($region IS NULL OR EXISTS { (n)-[:IN_REGION]->(:Region)-[:PART_OF*0..]->(:Region {id: $region}) })"
)


def event(row: Row) -> EventRecord:
    """Map a row to an event."""
    return EventRecord(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        kind=row["kind"],
        date=row["date"].to_native(),
        end_date=row["endDate"].to_native() if row["endDate"] else None,
        region_id=row["regionId"],
        organizer=party(row["organizer"]),
        created_at=row["createdAt"],
        updated_at=row["updatedAt"],
    )


EVENTS = ListSpec(
    match=_FILTER,
    projection=_RETURN,
    sorts={"date": "date", "code": "code", "name": "name"},
    by_ids=by_ids_query("MATCH (n:Event {id: wanted})", _RETURN),
    record=event,
)
# A college's events (its own and its chapters'), newest first, paged per college.
OF_COLLEGES = Related(
    inner=(
        "MATCH (c:College {id: owner})<-[:OF_COLLEGE*0..1]-(o)<-[:ORGANIZED_BY]-(n:Event)"
        " WHERE (o:College OR o:Chapter)"
    ),
    carry="n",
    key="toString(n.date)",
    tie="n.id",
    columns=COLUMNS,
    descending=True,
)

SET_REGION = replace_link("Event", "IN_REGION", "Region")
SET_ORGANIZER: dict[str, LiteralString] = {
    "College": replace_link("Event", "ORGANIZED_BY", "College"),
    "Chapter": replace_link("Event", "ORGANIZED_BY", "Chapter"),
}
# Which organizers a caller may act for: anyone for the office, a college and its chapters for
# its officer.
_ORGANIZER_SCOPE: LiteralString = (
    "($scope.all OR ($scope.college IS NOT NULL AND (o.code = $scope.college AND o:College"
    " OR EXISTS { (o:Chapter)-[:OF_COLLEGE]->(:College {code: $scope.college}) })))"
)
_ORGANIZER_ALLOWED: dict[str, LiteralString] = {
    "College": "MATCH (o:College {id: $organizer}) RETURN " + _ORGANIZER_SCOPE + " AS allowed",
    "Chapter": "MATCH (o:Chapter {id: $organizer}) RETURN " + _ORGANIZER_SCOPE + " AS allowed",
}
_EVENT_ALLOWED: LiteralString = (
    "MATCH (n:Event {id: $id}) OPTIONAL MATCH (n)-[:ORGANIZED_BY]->(o)"
    " RETURN o IS NOT NULL AND " + _ORGANIZER_SCOPE + " OR $scope.all AS allowed"
)
_CODE_TAKEN: LiteralString = "MATCH (n:Event {code: $code}) WHERE n.id <> coalesce($id, '') RETURN n.id AS id"


async def code_taken(tx: Tx, code: str, except_id: str | None = None) -> bool:
    """True when another event already has this code."""
    return await tx.row(_CODE_TAKEN, {"code": code, "id": except_id}) is not None


async def check_organizer(tx: Tx, organizer: PartyRef, scope: Scope, field: str) -> None:
    """NOT_FOUND unless the organizer exists; FORBIDDEN unless the caller may act for it."""
    query = _ORGANIZER_ALLOWED[organizer.kind]
    row = await tx.row(query, {"organizer": organizer.id, "scope": scope.params()})
    if row is None:
        raise Rejected(field, "NOT_FOUND", f"no {organizer.kind} with this ID")
    if not row["allowed"]:
        raise Rejected(field, "FORBIDDEN", "you may only act for your own college and its chapters")


async def check_event(tx: Tx, event_id: str, scope: Scope, field: str = "id") -> None:
    """NOT_FOUND unless the event exists; FORBIDDEN unless organized within the caller's college."""
    row = await tx.row(_EVENT_ALLOWED, {"id": event_id, "scope": scope.params()})
    if row is None:
        raise Rejected(field, "NOT_FOUND", "no Event with this ID")
    if not row["allowed"]:
        raise Rejected(field, "FORBIDDEN", "this event is not organized by your college or its chapters")


async def set_organizer(tx: Tx, event_id: str, organizer: PartyRef | None) -> None:
    """Make the college or chapter the event's only organizer (None: no organizer)."""
    query = SET_ORGANIZER[organizer.kind if organizer else "College"]
    await tx.rows(query, {"id": event_id, "target": organizer.id if organizer else None})


async def set_region(tx: Tx, event_id: str, region_id: str | None) -> None:
    """Place the event in a region (None: nowhere)."""
    await tx.rows(SET_REGION, {"id": event_id, "target": region_id})


async def create(tx: Tx, props: dict[str, Any]) -> str:
    """Create a event from checked properties (None values are not stored); its id."""
    return await create_node(tx, Label.EVENT, props)


async def update(tx: Tx, node_id: str, props: dict[str, Any]) -> dict[str, Any]:
    """Set (None: remove) checked properties of a event; NOT_FOUND if missing; their old values."""
    return await update_node(tx, Label.EVENT, node_id, props)
