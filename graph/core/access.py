"""The write helpers every repository shares: guards (the node exists, is visible, is the caller's
to edit), deletes with their IN_USE rule, generic create/update of a node and link replacement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core.db import Tx
from graph.core.errors import Rejected
from graph.core.model import Label
from graph.core.scope import ALUMNUS_IN_SCOPE, ALUMNUS_VISIBLE, Scope

# `n` is a Class: every class for the office, its own college's classes for a college officer.
CLASS_IN_SCOPE: LiteralString = (
    "($scope.all OR ($scope.college IS NOT NULL"
    " AND EXISTS { (n)-[:OF_COLLEGE]->(:College {code: $scope.college}) }))"
)
# `n` is a College.
COLLEGE_IN_SCOPE: LiteralString = "($scope.all OR n.code = $scope.college)"


@dataclass(frozen=True)
class Target:
    """What an input ID must name: its noun in messages and its guard statement (`$id`, `$scope`)."""

    noun: str
    query: LiteralString


ALUMNUS = Target(
    "alumnus",
    "MATCH (n:Alumnus {id: $id}) WHERE " + ALUMNUS_VISIBLE + " RETURN " + ALUMNUS_IN_SCOPE + " AS editable",
)
CLASS = Target("class", "MATCH (n:Class {id: $id}) RETURN " + CLASS_IN_SCOPE + " AS editable")
COLLEGE = Target("college", "MATCH (n:College {id: $id}) RETURN " + COLLEGE_IN_SCOPE + " AS editable")
CHAPTER = Target("chapter", "MATCH (n:Chapter {id: $id}) RETURN $scope.all AS editable")
REGION = Target("region", "MATCH (n:Region {id: $id}) RETURN false AS editable")
INDUSTRY = Target("industry", "MATCH (n:Industry {id: $id}) RETURN false AS editable")


async def require(tx: Tx, target: Target, node_id: str, scope: Scope, field: str, *, edit: bool) -> None:
    """Refuse unless the node exists and is visible (NOT_FOUND) and, when `edit`, in scope (FORBIDDEN)."""
    row = await tx.row(target.query, {"id": node_id, "scope": scope.params()})
    if row is None:
        raise Rejected(field, "NOT_FOUND", f"no {target.noun} with this ID")
    if edit and not row["editable"]:
        raise Rejected(field, "FORBIDDEN", f"this {target.noun} is outside what you may change")


async def require_refs(tx: Tx, scope: Scope, refs: dict[str, tuple[Target, str | None]]) -> None:
    """`require` (read-only use) for each optional input reference, by input field name."""
    for field, (target, node_id) in refs.items():
        if node_id is not None:
            await require(tx, target, node_id, scope, field, edit=False)


@dataclass(frozen=True)
class Removal:
    """How to delete nodes of one label, and what keeps one from being deleted.

    `usage` lists the links that count as use, as rows (type, total, hard); `delete` removes the
    node and returns its former `props`. A `hard` link is one whose other end cannot live
    without this node (a class needs its college): it blocks the delete even with `detach`, so
    nothing is ever cascaded.
    """

    noun: str
    usage: LiteralString
    delete: LiteralString


async def remove(tx: Tx, removal: Removal, node_id: str, *, detach: bool) -> dict[str, Any]:
    """Delete the node; IN_USE while linked, unless `detach` (then its links go, never other nodes).

    Returns the node's former properties and, under `links`, how many links of each type went.
    """
    usage = await tx.rows(removal.usage, {"id": node_id})
    hard = [u for u in usage if u["hard"]]
    if hard:
        raise Rejected(
            "id", "IN_USE", f"this {removal.noun} still owns {_links(hard)}; move or delete them first"
        )
    if usage and not detach:
        raise Rejected("id", "IN_USE", f"this {removal.noun} is linked by {_links(usage)}; pass detach: true")
    row = await tx.row(removal.delete, {"id": node_id})
    props = {k: v for k, v in dict(row["props"]).items() if v is not None} if row else {}
    return props | {"links": {u["type"]: int(u["total"]) for u in usage}}


def _links(usage: list[dict[str, object]]) -> str:
    return ", ".join(f"{u['total']} {u['type']}" for u in usage)


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


def _usage(label: LiteralString) -> LiteralString:
    # Incoming relationships are references from other nodes; outgoing ones are the node's own
    # links (its industry, organizer, fund...) and go with it.
    return (
        "MATCH (n:" + label + " {id: $id})<-[r]-() RETURN type(r) AS type, false AS hard, count(r) AS total"
    )


def _removal(label: Label, text: LiteralString) -> Removal:
    delete: LiteralString = (
        "MATCH (n:" + text + " {id: $id}) WITH n, n{.*, createdAt: null, updatedAt: null} AS props"
        " DETACH DELETE n RETURN props"
    )
    return Removal(label.value, _usage(text), delete)


_EXISTS = {label: _exists(text) for label, text in LABELS.items()}
TARGETS: dict[Label, Target] = {
    label: Target(label.value, "MATCH (n:" + text + " {id: $id}) RETURN true AS editable")
    for label, text in LABELS.items()
}
REMOVALS: dict[Label, Removal] = {label: _removal(label, text) for label, text in LABELS.items()}
# A company's needs exist only through it: they go with the company. A cooperation is WITH exactly
# one company and cannot live without it: that link blocks the delete even with `detach`.
REMOVALS[Label.COMPANY] = Removal(
    "Company",
    "MATCH (n:Company {id: $id})<-[r]-(o)"
    " RETURN type(r) AS type, (type(r) = 'WITH' AND o:Cooperation) AS hard, count(r) AS total",
    "MATCH (n:Company {id: $id}) WITH n, n{.*, createdAt: null, updatedAt: null} AS props"
    " CALL (n) { MATCH (n)-[:NEEDS]->(x:Need) DETACH DELETE x } DETACH DELETE n RETURN props",
)
_ALUMNUS_VISIBLE: LiteralString = (
    "MATCH (n:Alumnus {id: $id}) WHERE " + ALUMNUS_VISIBLE + " RETURN n.id AS id"
)


def not_found(field: str, label: Label) -> Rejected:
    """The refusal for a reference to a node that does not exist."""
    return Rejected(field, "NOT_FOUND", f"no {label.value} with this ID")


async def require_node(tx: Tx, label: Label, node_id: str | None, field: str) -> None:
    """Refuse with NOT_FOUND unless the node exists (no-op for None)."""
    if node_id is not None and await tx.row(_EXISTS[label], {"id": node_id}) is None:
        raise not_found(field, label)


async def require_alumnus(tx: Tx, node_id: str | None, field: str, scope: Scope) -> None:
    """Refuse with NOT_FOUND unless the alumnus exists and the caller may see it."""
    if node_id is None:
        return
    if await tx.row(_ALUMNUS_VISIBLE, {"id": node_id, "scope": scope.params()}) is None:
        raise not_found(field, Label.ALUMNUS)


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


async def create_node(tx: Tx, label: Label, props: dict[str, Any], node_id: str | None = None) -> str:
    """Create a node with these properties (None values are not stored); returns its id."""
    row = await tx.row(_CREATE[label], {"props": props, "id": node_id})
    assert row is not None
    return str(row["id"])


async def update_node(tx: Tx, label: Label, node_id: str, props: dict[str, Any]) -> dict[str, Any]:
    """Set (None: remove) properties; NOT_FOUND if missing. Returns their previous values."""
    row = await tx.row(_UPDATE[label], {"id": node_id, "props": props})
    if row is None:
        raise not_found("id", label)
    before: dict[str, Any] = row["before"]
    return {key: before.get(key) for key in props}
