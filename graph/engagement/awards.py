"""Awards of the annual evaluation: records, filtered keyset lists and the recipient link."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core.access import create_node, replace_link, update_node
from graph.core.db import Row, Tx
from graph.core.model import PARTY_KIND, Label, PartyRef, party
from graph.core.pages import ListSpec, by_ids_query


@dataclass(frozen=True)
class AwardRecord:
    """An award given in a year to a college, a chapter or an alumnus."""

    id: str
    kind: str
    year: int
    title: str
    recipient: PartyRef | None
    created_at: str | None
    updated_at: str | None


@dataclass(frozen=True)
class AwardFilter:
    """Filters of the `awards` connection; None means 'any'."""

    year: int | None = None
    kinds: tuple[str, ...] | None = None
    recipient_id: str | None = None

    def params(self) -> dict[str, Any]:
        """Statement parameters for the filter."""
        return {
            "year": self.year,
            "kinds": list(self.kinds) if self.kinds else None,
            "recipient": self.recipient_id,
        }


COLUMNS: LiteralString = (
    "n.id AS id, n.kind AS kind, n.year AS year, n.title AS title,"
    " head([(n)-[:TO]->(p) | {kind: " + PARTY_KIND + ", id: p.id}]) AS recipient,"
    " toString(n.createdAt) AS createdAt, toString(n.updatedAt) AS updatedAt"
)
_FILTER: LiteralString = (
    "MATCH (n:Award) WHERE ($year IS NULL OR n.year = $year) AND ($kinds IS NULL OR n.kind IN $kinds)"
    " AND ($recipient IS NULL OR EXISTS { (n)-[:TO]->(r) WHERE r.id = $recipient })"
)


def award(row: Row) -> AwardRecord:
    """Map a row to an award."""
    return AwardRecord(
        id=row["id"],
        kind=row["kind"],
        year=row["year"],
        title=row["title"],
        recipient=party(row["recipient"]),
        created_at=row["createdAt"],
        updated_at=row["updatedAt"],
    )


AWARDS = ListSpec(
    match=_FILTER,
    projection=" RETURN " + COLUMNS,
    sorts={"year": "year", "title": "title"},
    by_ids=by_ids_query("MATCH (n:Award {id: wanted})", " RETURN " + COLUMNS),
    record=award,
)
SET_RECIPIENT: dict[str, LiteralString] = {
    kind: replace_link("Award", "TO", kind) for kind in ("College", "Chapter", "Alumnus")
}


async def set_recipient(tx: Tx, award_id: str, recipient: PartyRef | None) -> None:
    """Give the award to one college, chapter or alumnus (None: to nobody)."""
    query = SET_RECIPIENT[recipient.kind if recipient else "College"]
    await tx.rows(query, {"id": award_id, "target": recipient.id if recipient else None})


async def create(tx: Tx, props: dict[str, Any]) -> str:
    """Create a award from checked properties (None values are not stored); its id."""
    return await create_node(tx, Label.AWARD, props)


async def update(tx: Tx, node_id: str, props: dict[str, Any]) -> dict[str, Any]:
    """Set (None: remove) checked properties of a award; NOT_FOUND if missing; their old values."""
    return await update_node(tx, Label.AWARD, node_id, props)
