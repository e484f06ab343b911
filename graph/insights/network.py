"""The neighbourhood of any node, as nodes and edges for drawing (bounded by depth and limit)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core.db import Database
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
# The centre, then up to `$depth` layers, each the nodes next to the layer before that are new
# and shown, in the order the graph yields them, the last one cut where the drawing reaches `$limit`
# nodes; then the relationships between the drawn nodes. One statement (the layers are a `reduce`).
_COUNT: LiteralString = "reduce(k = 0, l IN layers | k + size(l))"
_LAYERS: LiteralString = (
    " WITH CASE WHEN n IS NULL THEN [] ELSE [n] END AS centre"
    " WITH reduce(layers = [centre], i IN range(1, $depth) |"
    " CASE WHEN size(last(layers)) = 0 OR " + _COUNT + " >= $limit THEN layers"
    " ELSE layers + [COLLECT {"
    " WITH reduce(a = [], l IN layers | a + l) AS seen, last(layers) AS front"
    " UNWIND front AS x MATCH (x)--(n) WHERE NOT n IN seen AND " + _SHOWN + ""
    " RETURN DISTINCT n LIMIT $limit"
    " }[..$limit - " + _COUNT + "]] END) AS layers"
    " WITH reduce(a = [], l IN layers | a + l) AS drawn"
    " RETURN [n IN drawn | [labels(n)[0], n.id, coalesce(n.name, n.title, n.receiptNo, n.kind)]] AS nodes,"
    " COLLECT { UNWIND drawn AS a MATCH (a)-[r]->(b) WHERE b IN drawn"
    " RETURN [labels(a)[0], a.id, labels(b)[0], b.id, type(r)] } AS edges"
)
STATEMENTS: dict[Label, LiteralString] = {
    label: "OPTIONAL MATCH (n:" + label.value + " {id: $id}) WHERE " + _SHOWN + _LAYERS for label in Label
}
"""The drawing around a node of each label: one record, `nodes` ([label, id, name], the centre
first, nearest first) and `edges` ([label, id, label, id, type] of each relationship's ends), both
empty when the centre is not there (or not shown)."""


async def network(
    db: Database, scope: Scope, label: Label, node_id: str, depth: int, limit: int
) -> tuple[list[NetNode], list[NetEdge]]:
    """Nodes within `depth` hops of the centre (at most `limit`, nearest first) and their edges."""
    params: dict[str, Any] = {"id": node_id, "depth": depth, "limit": limit, "scope": scope.params()}
    row = (await db.read_rows(STATEMENTS[label], params))[0]
    if not row["nodes"]:
        raise NotFound(f"{label.value} not found")
    nodes = [NetNode(f"{kind}:{i}", kind, i, name) for kind, i, name in row["nodes"]]
    edges = [NetEdge(f"{a}:{ai}", f"{b}:{bi}", rel) for a, ai, b, bi, rel in row["edges"]]
    return nodes, edges
