"""Interactions (visits, meetings, calls, messages, feedback): scoped reads and participant links."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core.access import create_node, replace_link, update_node
from graph.core.db import Database, Row, Tx
from graph.core.model import PARTY_KIND, Label, PartyRef, party
from graph.core.pages import ListSpec, by_ids_query, fetch_related
from graph.core.scope import ALUMNUS_IN_SCOPE, Scope


@dataclass(frozen=True)
class InteractionRecord:
    """A contact: who from the university (`by_id`) with whom (`parties`), when and what was said."""

    id: str
    kind: str
    date: dt.date
    summary: str | None
    feedback: str | None
    by_id: str | None
    parties: tuple[PartyRef, ...]
    created_at: str | None
    updated_at: str | None


@dataclass(frozen=True)
class InteractionFilter:
    """Filters of the `interactions` connection; None means 'any'."""

    kinds: tuple[str, ...] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    by_id: str | None = None
    with_id: str | None = None

    def params(self) -> dict[str, Any]:
        """Statement parameters for the filter."""
        return {
            "kinds": list(self.kinds) if self.kinds else None,
            "from": self.date_from,
            "to": self.date_to,
            "by": self.by_id,
            "with": self.with_id,
        }


# `i` is an Interaction. Visible when the caller's scope covers one of its people (the office
# sees all), its chapter (a chapter's organizer; a college officer for the college's chapters).
VISIBLE: LiteralString = (
    "($scope.all OR EXISTS { MATCH (i)-[:BY|WITH]->(n:Alumnus) WHERE " + ALUMNUS_IN_SCOPE + " }"
    " OR ($scope.chapter IS NOT NULL AND EXISTS { (i)-[:WITH]->(:Chapter {code: $scope.chapter}) })"
    " OR ($scope.college IS NOT NULL AND EXISTS {"
    " (i)-[:WITH]->(:Chapter)-[:OF_COLLEGE]->(:College {code: $scope.college}) }))"
)
COLUMNS: LiteralString = (
    "n.id AS id, n.kind AS kind, n.date AS date, n.summary AS summary, n.feedback AS feedback,"
    " head([(n)-[:BY]->(b:Alumnus) | b.id]) AS byId,"
    " [(n)-[:WITH]->(p) | {kind: " + PARTY_KIND + ", id: p.id}] AS parties,"
    " toString(n.createdAt) AS createdAt, toString(n.updatedAt) AS updatedAt"
)
_FILTER: LiteralString = (
    "MATCH (i:Interaction) WHERE " + VISIBLE + " WITH i AS n WHERE ($kinds IS NULL OR n.kind IN $kinds)"
    " AND ($from IS NULL OR n.date >= $from) AND ($to IS NULL OR n.date <= $to)"
    " AND ($by IS NULL OR EXISTS { (n)-[:BY]->(:Alumnus {id: $by}) })"
    " AND ($with IS NULL OR EXISTS { (n)-[:WITH]->({id: $with}) })"
)


def interaction(row: Row) -> InteractionRecord:
    """Map a row to an interaction."""
    parties = [party(p) for p in row["parties"]]
    return InteractionRecord(
        id=row["id"],
        kind=row["kind"],
        date=row["date"].to_native(),
        summary=row["summary"],
        feedback=row["feedback"],
        by_id=row["byId"],
        parties=tuple(sorted((p for p in parties if p), key=lambda p: (p.kind, p.id))),
        created_at=row["createdAt"],
        updated_at=row["updatedAt"],
    )


INTERACTIONS = ListSpec(
    match=_FILTER,
    projection=" RETURN " + COLUMNS,
    sorts={"date": "date"},
    by_ids=by_ids_query(
        "MATCH (i:Interaction {id: wanted}) WHERE " + VISIBLE + " WITH i AS n", " RETURN " + COLUMNS
    ),
    record=interaction,
)
_WITH_ALUMNI: LiteralString = (
    "UNWIND $ids AS owner MATCH (:Alumnus {id: owner})<-[:WITH]-(i:Interaction) WHERE "
    + VISIBLE
    + " WITH owner, i AS n ORDER BY n.date DESC, n.id RETURN owner, "
    + COLUMNS
)

SET_BY = replace_link("Interaction", "BY", "Alumnus")
_CLEAR_WITH: LiteralString = "MATCH (n:Interaction {id: $id})-[w:WITH]->() DELETE w"
_ADD_WITH: dict[str, LiteralString] = {
    kind: "MATCH (n:Interaction {id: $id}) UNWIND $targets AS target"
    " MATCH (t:" + kind + " {id: target}) MERGE (n)-[:WITH]->(t)"
    for kind in ("Alumnus", "Chapter", "Company")
}


async def with_alumni(db: Database, ids: list[str], scope: Scope) -> dict[str, list[InteractionRecord]]:
    """Interactions with many alumni, newest first, in one statement."""
    grouped = await fetch_related(db, _WITH_ALUMNI, ids, {"scope": scope.params()})
    return {k: [interaction(r) for r in rows] for k, rows in grouped.items()}


async def set_by(tx: Tx, interaction_id: str, alumnus_id: str | None) -> None:
    """Who from the university made the contact (None: nobody recorded)."""
    await tx.rows(SET_BY, {"id": interaction_id, "target": alumnus_id})


async def set_parties(tx: Tx, interaction_id: str, parties: list[PartyRef]) -> None:
    """Replace whom the contact was with (alumni, chapters, companies)."""
    await tx.rows(_CLEAR_WITH, {"id": interaction_id})
    for kind, query in _ADD_WITH.items():
        targets = [p.id for p in parties if p.kind == kind]
        if targets:
            await tx.rows(query, {"id": interaction_id, "targets": targets})


async def create(tx: Tx, props: dict[str, Any]) -> str:
    """Create a interaction from checked properties (None values are not stored); its id."""
    return await create_node(tx, Label.INTERACTION, props)


async def update(tx: Tx, node_id: str, props: dict[str, Any]) -> dict[str, Any]:
    """Set (None: remove) checked properties of a interaction; NOT_FOUND if missing; their old values."""
    return await update_node(tx, Label.INTERACTION, node_id, props)
