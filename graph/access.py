"""Guards run first inside write transactions: the node exists, is visible and is the caller's to edit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.db import Tx
from graph.errors import Rejected
from graph.scope import ALUMNUS_IN_SCOPE, ALUMNUS_VISIBLE, Scope

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
    props = dict(row["props"]) if row else {}
    return props | {"links": {u["type"]: int(u["total"]) for u in usage}}


def _links(usage: list[dict[str, object]]) -> str:
    return ", ".join(f"{u['total']} {u['type']}" for u in usage)
