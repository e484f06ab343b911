"""The neighbourhood of any node, as nodes and edges for drawing (bounded by depth and limit)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core.db import Database, Tx
from graph.core.errors import NotFound
from graph.core.model import Label
from graph.core.scope import ALUMNUS_VISIBLE, Scope

MAX_DEPTH = 3
MAX_LIMIT = 500


@dataclass(frozen=True)
class NetNode:
    """A node of the drawing."""

    key: str
    label: str
    id: str
    name: str | None


@dataclass(frozen=True)
class NetEdge:
    """A relationship between two drawn nodes (keys of NetNode)."""

    source: str
    target: str
    type: str


# `n` is a neighbour: hidden when it is an alumnus outside the caller's view, giving data
# without the giving scope, or bookkeeping.
_SHOWN: LiteralString = (
    "NOT n:AuditEntry AND NOT n:_Meta AND NOT n:_Migration"
    " AND (NOT n:Alumnus OR " + ALUMNUS_VISIBLE + ")"
    " AND (NOT n:Donation OR $scope.giving)"
)
_NODE: LiteralString = (
    " RETURN DISTINCT elementId(n) AS key, labels(n)[0] AS label, n.id AS id,"
    " coalesce(n.name, n.title, n.receiptNo, n.kind) AS name"
)
_NODE_COLUMNS: tuple[LiteralString, ...] = ("key", "label", "id", "name")
_CENTER: dict[Label, LiteralString] = {
    label: "MATCH (n:" + label.value + " {id: $id}) WHERE " + _SHOWN + _NODE for label in Label
}
_EXPAND: LiteralString = (
    "UNWIND $frontier AS key MATCH (x) WHERE elementId(x) = key"
    " MATCH (x)--(n) WHERE NOT elementId(n) IN $seen AND " + _SHOWN + _NODE + " LIMIT $room"
)
_EDGES: LiteralString = (
    "UNWIND $keys AS key MATCH (a) WHERE elementId(a) = key"
    " MATCH (a)-[r]->(b) WHERE elementId(b) IN $keys"
    " RETURN elementId(a) AS source, elementId(b) AS target, type(r) AS type"
)


async def network(
    db: Database, scope: Scope, label: Label, node_id: str, depth: int, limit: int
) -> tuple[list[NetNode], list[NetEdge]]:
    """Nodes within `depth` hops of the centre (at most `limit`, nearest first) and their edges."""

    async def work(tx: Tx) -> tuple[list[NetNode], list[NetEdge]]:
        base: dict[str, Any] = {"scope": scope.params()}
        center = await tx.row(_CENTER[label], base | {"id": node_id})
        if center is None:
            raise NotFound(f"{label.value} not found")
        nodes = [_node(center)]
        frontier = [center["key"]]
        for _ in range(depth):
            room = limit - len(nodes)
            if room <= 0 or not frontier:
                break
            seen = [n.key for n in nodes]
            rows = await tx.table(
                _EXPAND, _NODE_COLUMNS, base | {"frontier": frontier, "seen": seen, "room": room}
            )
            nodes += [_node(r) for r in rows]
            frontier = [r["key"] for r in rows]
        edges = await tx.table(_EDGES, ("source", "target", "type"), {"keys": [n.key for n in nodes]})
        return nodes, [NetEdge(e["source"], e["target"], e["type"]) for e in edges]

    return await db.read(work)


def _node(row: dict[str, Any]) -> NetNode:
    return NetNode(row["key"], row["label"], row["id"], row["name"])
