"""Warm-introduction paths: bidirectional breadth-first search over acquaintance ties.

A hop is KNOWS (either direction), CLASSMATE (same class), COLLEAGUE (both current at one
company) or CHAPTER (both officers of one non-GENERAL chapter). Each search level is one
statement; a class, company or chapter is expanded at most once per side and its members are
listed once per level (grouped by hub), so a huge class costs its size, not its size squared.
The side with the smaller frontier is expanded next; the search stops at the first meeting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, LiteralString

from graph.core.db import Database, Tx
from graph.core.errors import NotFound
from graph.core.scope import ALUMNUS_VISIBLE, Scope

MAX_HOPS = 6
ROW_CAP = 50_000  # members one class, company or chapter may add to a level
GROUP_CAP = 5_000  # groups (hubs and known alumni) one level may return


@dataclass(frozen=True)
class Step:
    """One hop of a path: from one alumnus to the next, and what connects them."""

    from_id: str
    to_id: str
    tie: str
    via_id: str | None
    via_label: str | None


@dataclass
class _Side:
    """One end of the search: distances, parents toward its origin, hubs already expanded."""

    origin: str
    dist: dict[str, int] = field(default_factory=dict)
    parents: dict[str, list[tuple[str, str, str | None, str | None]]] = field(default_factory=dict)
    hubs: set[str] = field(default_factory=set)
    frontier: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.dist[self.origin] = 0
        self.frontier = [self.origin]


_NEW: LiteralString = " AND NOT n.id IN $seen AND " + ALUMNUS_VISIBLE


def _tie_ok(r: LiteralString) -> LiteralString:
    """Which memberships make a tie: any class, a current job, an officer post (not GENERAL)."""
    return (
        "(type(" + r + ") = 'STUDIED_IN'"
        " OR (type(" + r + ") = 'WORKS_AT' AND " + r + ".endYear IS NULL)"
        " OR (type(" + r + ") = 'MEMBER_OF' AND " + r + ".role <> 'MEMBER' AND h.kind <> 'GENERAL'))"
    )


# One level: the new alumni reached from the frontier, grouped by what reaches them (a frontier
# alumnus they know, or a class, company or chapter), each group with up to `$fan` of the
# frontier alumni behind it. Groups travel as one list; where the level meets the other side,
# only the meeting members are kept (the search ends there).
_EXPAND: LiteralString = (
    "CALL () {"
    " UNWIND $frontier AS fid MATCH (:Alumnus {id: fid})-[:KNOWS]-(n:Alumnus) WHERE true"
    + _NEW
    + " WITH fid, collect(n.id) AS members"
    " RETURN [fid] AS froms, 'KNOWS' AS tie, null AS viaId, null AS viaLabel, members"
    " UNION ALL"
    " UNWIND $frontier AS fid MATCH (:Alumnus {id: fid})-[r:STUDIED_IN|WORKS_AT|MEMBER_OF]->(h)"
    " WHERE NOT h.id IN $hubs AND " + _tie_ok("r") + " WITH h, type(r) AS rel, collect(fid)[..$fan] AS froms"
    # each kind of hub expanded over its own relationship type, with only its own condition
    " CALL (h, rel) {"
    " WITH h WHERE rel = 'STUDIED_IN' MATCH (h)<-[:STUDIED_IN]-(n:Alumnus) WHERE true" + _NEW + " RETURN n"
    " UNION ALL WITH h WHERE rel = 'WORKS_AT' MATCH (h)<-[w:WORKS_AT]-(n:Alumnus)"
    " WHERE w.endYear IS NULL" + _NEW + " RETURN n"
    " UNION ALL WITH h WHERE rel = 'MEMBER_OF' MATCH (h)<-[m:MEMBER_OF]-(n:Alumnus)"
    " WHERE m.role <> 'MEMBER'" + _NEW + " RETURN n"
    " } WITH froms, rel, h, collect(n.id)[..$cap] AS members"
    " RETURN froms,"
    " CASE rel WHEN 'STUDIED_IN' THEN 'CLASSMATE' WHEN 'WORKS_AT' THEN 'COLLEAGUE' ELSE 'CHAPTER' END AS tie,"
    " h.id AS viaId, labels(h)[0] AS viaLabel, members"
    " } WITH froms, tie, viaId, viaLabel, members WHERE size(members) > 0 LIMIT $groups"
    " WITH collect([froms, tie, viaId, viaLabel, members]) AS reached"
    " WITH reached, [g IN reached WHERE any(m IN g[4] WHERE m IN $other)"
    " | [g[0], g[1], g[2], g[3], [m IN g[4] WHERE m IN $other]]] AS meeting"
    " RETURN CASE WHEN size(meeting) > 0 THEN meeting ELSE reached END AS groups"
)
_ENDS: LiteralString = (
    "UNWIND $ids AS wanted MATCH (n:Alumnus {id: wanted}) WHERE " + ALUMNUS_VISIBLE + " RETURN n.id AS id"
)


async def introduction_paths(
    db: Database, scope: Scope, source: str, target: str, max_hops: int, first: int
) -> list[list[Step]]:
    """Up to `first` shortest paths (all of the fewest hops, at most `max_hops`)."""

    async def work(tx: Tx) -> list[list[Step]]:
        found = {r["id"] for r in await tx.rows(_ENDS, {"ids": [source, target], "scope": scope.params()})}
        for end in (source, target):
            if end not in found:
                raise NotFound("alumnus not found")
        return await _search(tx, scope, source, target, max_hops, first)

    return await db.read(work)


async def _search(
    tx: Tx, scope: Scope, source: str, target: str, max_hops: int, first: int
) -> list[list[Step]]:
    fwd, bwd = _Side(source), _Side(target)
    hops = 0
    while hops < max_hops and fwd.frontier and bwd.frontier:
        side, other = (fwd, bwd) if len(fwd.frontier) <= len(bwd.frontier) else (bwd, fwd)
        await _expand(tx, scope, side, other, first)
        hops += 1
        meets = [m for m in side.frontier if m in other.dist]
        if meets:
            return _paths(fwd, bwd, meets, first)
    return []


async def _expand(tx: Tx, scope: Scope, side: _Side, other: _Side, first: int) -> None:
    params: dict[str, Any] = {
        "frontier": side.frontier,
        "hubs": sorted(side.hubs),
        "seen": list(side.dist),
        "other": list(other.dist),
        "fan": max(first, 3),
        "cap": ROW_CAP,
        "groups": GROUP_CAP,
        "scope": scope.params(),
    }
    found = await tx.row(_EXPAND, params)
    level = side.dist[side.frontier[0]] + 1
    reached: list[str] = []
    for froms, tie, via_id, via_label, members in found["groups"] if found else []:
        if via_id:
            side.hubs.add(via_id)
        for to in members:
            if to not in side.dist:
                side.dist[to] = level
                reached.append(to)
            if side.dist[to] == level:
                options = side.parents.setdefault(to, [])
                for parent in froms:
                    if len(options) < max(first, 3) * 2:
                        options.append((parent, tie, via_id, via_label))
    side.frontier = reached


def _walks(side: _Side, node: str, limit: int) -> list[list[tuple[str, str, str, str | None, str | None]]]:
    """Up to `limit` parent chains from `node` back to the side's origin (node → … → origin)."""
    if node == side.origin:
        return [[]]
    out: list[list[tuple[str, str, str, str | None, str | None]]] = []
    for parent, tie, via_id, via_label in side.parents.get(node, []):
        for rest in _walks(side, parent, limit - len(out)):
            out.append([(node, parent, tie, via_id, via_label), *rest])
            if len(out) >= limit:
                return out
    return out


def _paths(fwd: _Side, bwd: _Side, meets: list[str], first: int) -> list[list[Step]]:
    best = min(fwd.dist[m] + bwd.dist[m] for m in meets)
    paths: list[list[Step]] = []
    for m in sorted(x for x in meets if fwd.dist[x] + bwd.dist[x] == best):
        for back in _walks(fwd, m, first):
            for ahead in _walks(bwd, m, first):
                steps = [Step(p, n, t, vi, vl) for n, p, t, vi, vl in reversed(back)]
                steps += [Step(n, p, t, vi, vl) for n, p, t, vi, vl in ahead]
                paths.append(steps)
    unique = {tuple((s.from_id, s.to_id, s.tie, s.via_id) for s in p): p for p in paths}
    return [unique[k] for k in sorted(unique)][:first]
