"""Write helpers shared by careers, engagement and giving: referenced nodes, links and deletes."""

from __future__ import annotations

from typing import Any, LiteralString

from graph.db import Tx
from graph.errors import Rejected
from graph.model import Label
from graph.scope import ALUMNUS_VISIBLE, Scope

# The only label texts these helpers place into Cypher.
LABELS: dict[Label, LiteralString] = {
    Label.ALUMNUS: "Alumnus",
    Label.COLLEGE: "College",
    Label.CHAPTER: "Chapter",
    Label.COMPANY: "Company",
    Label.INDUSTRY: "Industry",
    Label.REGION: "Region",
    Label.EVENT: "Event",
    Label.FUND: "Fund",
    Label.DONATION: "Donation",
    Label.INTERACTION: "Interaction",
    Label.AWARD: "Award",
}


def _exists(label: LiteralString) -> LiteralString:
    return "MATCH (n:" + label + " {id: $id}) RETURN n.id AS id"


def _references(label: LiteralString) -> LiteralString:
    # Incoming relationships are references from other nodes; outgoing ones are the node's own
    # links (its industry, organizer, fund...) and go with it.
    return (
        "MATCH (n:" + label + " {id: $id}) OPTIONAL MATCH (n)<-[r]-()"
        " RETURN n{.*, createdAt: null, updatedAt: null} AS props, type(r) AS type, count(r) AS uses"
    )


def _delete(label: LiteralString) -> LiteralString:
    return "MATCH (n:" + label + " {id: $id}) DETACH DELETE n"


_EXISTS = {label: _exists(text) for label, text in LABELS.items()}
_REFERENCES = {label: _references(text) for label, text in LABELS.items()}
_DELETE: dict[Label, LiteralString] = {label: _delete(text) for label, text in LABELS.items()}
# A company's needs exist only through it: they go with the company.
_DELETE[Label.COMPANY] = (
    "MATCH (n:Company {id: $id}) CALL (n) { MATCH (n)-[:NEEDS]->(x:Need) DETACH DELETE x } DETACH DELETE n"
)
_ALUMNUS_VISIBLE: LiteralString = (
    "MATCH (n:Alumnus {id: $id}) WHERE " + ALUMNUS_VISIBLE + " RETURN n.id AS id"
)


def not_found(field: str, label: Label) -> Rejected:
    """The refusal for a reference to a node that does not exist."""
    return Rejected(field, "NOT_FOUND", f"no {label.value} with this ID")


async def require(tx: Tx, label: Label, node_id: str | None, field: str) -> None:
    """Refuse with NOT_FOUND unless the node exists (no-op for None)."""
    if node_id is not None and await tx.row(_EXISTS[label], {"id": node_id}) is None:
        raise not_found(field, label)


async def require_alumnus(tx: Tx, node_id: str | None, field: str, scope: Scope) -> None:
    """Refuse with NOT_FOUND unless the alumnus exists and the caller may see it."""
    if node_id is None:
        return
    if await tx.row(_ALUMNUS_VISIBLE, {"id": node_id, "scope": scope.params()}) is None:
        raise not_found(field, Label.ALUMNUS)


async def delete(tx: Tx, label: Label, node_id: str, *, detach: bool) -> dict[str, Any]:
    """Delete a node; IN_USE while others reference it unless `detach`. Returns its properties."""
    rows = await tx.rows(_REFERENCES[label], {"id": node_id})
    if not rows:
        raise not_found("id", label)
    uses = {r["type"]: r["uses"] for r in rows if r["type"]}
    if uses and not detach:
        listed = ", ".join(f"{n} {t}" for t, n in sorted(uses.items()))
        raise Rejected(
            "id",
            "IN_USE",
            f"this {label.value} is referenced ({listed}); pass detach: true to delete it with those links",
        )
    await tx.rows(_DELETE[label], {"id": node_id})
    props: dict[str, Any] = {k: v for k, v in rows[0]["props"].items() if v is not None}
    return props


def replace_link(src: LiteralString, rel: LiteralString, dst: LiteralString) -> LiteralString:
    """Statement replacing `$id`'s outgoing `rel` links by one to `$target` (none when it is null)."""
    return (
        "MATCH (n:" + src + " {id: $id}) OPTIONAL MATCH (n)-[old:" + rel + "]->() DELETE old"
        " WITH DISTINCT n SET n.updatedAt = datetime()"
        " WITH n MATCH (t:" + dst + " {id: $target}) MERGE (n)-[:" + rel + "]->(t)"
    )


def _create(label: LiteralString) -> LiteralString:
    return (
        "CREATE (n:" + label + ") SET n = $props, n.id = coalesce($id, randomUUID()),"
        " n.createdAt = datetime(), n.updatedAt = datetime() RETURN n.id AS id"
    )


def _update(label: LiteralString) -> LiteralString:
    return (
        "MATCH (n:" + label + " {id: $id}) WITH n, properties(n) AS before"
        " SET n += $props, n.updatedAt = datetime() RETURN before"
    )


_CREATE = {label: _create(text) for label, text in LABELS.items()}
_UPDATE = {label: _update(text) for label, text in LABELS.items()}


async def create(tx: Tx, label: Label, props: dict[str, Any], node_id: str | None = None) -> str:
    """Create a node with these properties (None values are not stored); returns its id."""
    row = await tx.row(_CREATE[label], {"props": props, "id": node_id})
    assert row is not None
    return str(row["id"])


async def update(tx: Tx, label: Label, node_id: str, props: dict[str, Any]) -> dict[str, Any]:
    """Set (None: remove) properties; NOT_FOUND if missing. Returns their previous values."""
    row = await tx.row(_UPDATE[label], {"id": node_id, "props": props})
    if row is None:
        raise not_found("id", label)
    before: dict[str, Any] = row["before"]
    return {key: before.get(key) for key in props}
