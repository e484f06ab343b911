"""Warm-introduction paths: one statement, a bidirectional breadth-first search over acquaintance ties.

A hop is KNOWS (either direction), CLASSMATE (same class), COLLEAGUE (both current at one
company) or CHAPTER (both officers of one non-GENERAL chapter). Every alumnus on a path is one the
caller may see.

The answer is defined without reference to how it is searched: of all the shortest paths (fewest
hops, at most `maxHops`), the `first` smallest when each path is read as its sequence of steps and
a step as (from id, to id, tie, via id) — the order the paths come back in.

One statement finds them. It grows breadth-first layers from both ends, always the side with the
smaller frontier (a class, company or chapter is expanded at most once per side, its members listed
once per level, so a huge class costs its size, not its size squared), until the new layer meets
the other side. The layers give every alumnus that can stand at each position of a shortest path:
on the side that grew from `from` they are pruned back from the meeting alumni to those that lead
there; on the other side every layer leads to `to`. A beam of the `first` smallest prefixes then
walks from `from` to `to`, one position at a time, only through those alumni, so it never enters a
dead end and its prefixes are exactly the prefixes of the answer. Both the resolver and the
compiled read (`schema.compiled.paths`) run this search; they differ only in their last clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.core.db import Database
from graph.core.errors import NotFound
from graph.core.scope import ALUMNUS_VISIBLE, Scope

MAX_HOPS = 6


@dataclass(frozen=True)
class Step:
    """One hop of a path: from one alumnus to the next, and what connects them."""

    from_id: str
    to_id: str
    tie: str
    via_id: str | None
    via_label: str | None


def _ties(xs: LiteralString) -> LiteralString:
    """One tie from each alumnus `x` of the list `xs` to an alumnus `n`: rows `x, n, tie, h` (`h` the
    shared class, company or chapter; null for KNOWS)."""
    return (
        "UNWIND " + xs + " AS x MATCH (x)-[:KNOWS]-(n:Alumnus)"
        " RETURN x, n, 'KNOWS' AS tie, null AS h"
        " UNION ALL UNWIND " + xs + " AS x MATCH (x)-[:STUDIED_IN]->(h)<-[:STUDIED_IN]-(n:Alumnus)"
        " RETURN x, n, 'CLASSMATE' AS tie, h"
        " UNION ALL UNWIND " + xs + " AS x MATCH (x)-[w1:WORKS_AT]->(h)<-[w2:WORKS_AT]-(n:Alumnus)"
        " WHERE w1.endYear IS NULL AND w2.endYear IS NULL RETURN x, n, 'COLLEAGUE' AS tie, h"
        " UNION ALL UNWIND " + xs + " AS x MATCH (x)-[m1:MEMBER_OF]->(h)<-[m2:MEMBER_OF]-(n:Alumnus)"
        " WHERE m1.role <> 'MEMBER' AND m2.role <> 'MEMBER' AND h.kind <> 'GENERAL'"
        " RETURN x, n, 'CHAPTER' AS tie, h"
    )


_ENDS: LiteralString = (
    "OPTIONAL MATCH (n:Alumnus {id: $from}) WHERE " + ALUMNUS_VISIBLE + " WITH n AS s"
    " OPTIONAL MATCH (n:Alumnus {id: $to}) WHERE " + ALUMNUS_VISIBLE + " WITH s, n AS t"
)

# One breadth-first level of the side with the smaller frontier (`ahead`: the side of `from`), over
# the state `st` {fl, bl: the layers of each side; fh, bh: the hubs each side expanded; meet}.
# Hubs (classes, companies, chapters) are listed once and expanded once per side; `prev` and
# `front` are the only layers a new alumnus can already be in. Where the new layer meets the other
# side, `meet` says where: `a` the position of the meeting alumni `m` on a shortest path, `d` its
# length. The levels are a `reduce` over `$maxHops` (one copy of the text to plan, not six).
_LEVEL: LiteralString = (
    "WITH st, size(last(st.fl)) <= size(last(st.bl)) AS ahead"
    " WITH st, ahead, CASE WHEN ahead THEN st.fl ELSE st.bl END AS mine,"
    " CASE WHEN ahead THEN st.bl ELSE st.fl END AS theirs, CASE WHEN ahead THEN st.fh ELSE st.bh END AS hubs"
    " WITH st, ahead, theirs, hubs, last(mine) AS front, coalesce(mine[-2], []) AS prev"
    " WITH st, ahead, theirs, hubs, front, prev,"
    " COLLECT { UNWIND front AS x MATCH (x)-[:STUDIED_IN]->(h) WHERE NOT h IN hubs"
    " RETURN DISTINCT h } AS classes,"
    " COLLECT { UNWIND front AS x MATCH (x)-[r:WORKS_AT]->(h) WHERE r.endYear IS NULL AND NOT h IN hubs"
    " RETURN DISTINCT h } AS firms,"
    " COLLECT { UNWIND front AS x MATCH (x)-[r:MEMBER_OF]->(h)"
    " WHERE r.role <> 'MEMBER' AND h.kind <> 'GENERAL' AND NOT h IN hubs RETURN DISTINCT h } AS chapters"
    " WITH st, ahead, theirs, hubs + classes + firms + chapters AS grown, COLLECT {"
    " CALL (front, classes, firms, chapters) {"
    " UNWIND front AS x MATCH (x)-[:KNOWS]-(n:Alumnus) RETURN n"
    " UNION UNWIND classes AS h MATCH (h)<-[:STUDIED_IN]-(n:Alumnus) RETURN n"
    " UNION UNWIND firms AS h MATCH (h)<-[w:WORKS_AT]-(n:Alumnus) WHERE w.endYear IS NULL RETURN n"
    " UNION UNWIND chapters AS h MATCH (h)<-[m:MEMBER_OF]-(n:Alumnus) WHERE m.role <> 'MEMBER' RETURN n"
    " }"
    " WITH n, front, prev WHERE NOT n IN front AND NOT n IN prev AND " + ALUMNUS_VISIBLE + " RETURN n"
    " } AS reached"
    " WITH st, ahead, theirs, grown, reached,"
    " [j IN range(0, size(theirs) - 1) WHERE any(y IN theirs[j] WHERE y IN reached)][0] AS j"
    " RETURN {"
    " fl: CASE WHEN ahead THEN st.fl + [reached] ELSE st.fl END,"
    " bl: CASE WHEN ahead THEN st.bl ELSE st.bl + [reached] END,"
    " fh: CASE WHEN ahead THEN grown ELSE st.fh END,"
    " bh: CASE WHEN ahead THEN st.bh ELSE grown END,"
    " meet: CASE WHEN j IS NULL THEN null"
    " ELSE {a: CASE WHEN ahead THEN size(st.fl) ELSE j END,"
    " d: CASE WHEN ahead THEN size(st.fl) ELSE size(st.bl) END + j,"
    " m: [y IN theirs[j] WHERE y IN reached]} END}"
)

# The alumni that can stand at positions 1…a of a shortest path on the side of `from`, pruned back
# from the meeting alumni (those of the layer that have a tie to the position after): `alive` grows
# at its front.
_PRUNE: LiteralString = (
    "WITH st.fl[st.meet.a - size(alive)] AS layer, alive[0] AS ahead"
    " CALL (ahead) {" + _ties("ahead") + " }"
    " WITH n, layer WHERE n IN layer"
    " RETURN DISTINCT n"
)

# One position more of the `first` smallest prefixes (`beam`), each `{end, steps}`, a step being
# `[from, to, tie, via]` (nodes); the next alumni come from `alive` up to the meeting, then from
# the layers of the side of `to` (both as ids here: lists of nodes in the rows of a subquery inside
# `reduce` are accounted at many times their size, and exhaust the transaction's memory).
_WALK: LiteralString = (
    "WITH beam, size(beam[0].steps) AS p"
    " WITH beam, CASE WHEN p + 1 <= meet.a THEN alive[p + 1] ELSE bl[meet.d - p - 1] END AS next"
    " UNWIND range(0, size(beam) - 1) AS k"
    " WITH k, beam[k] AS prefix, [beam[k].end] AS ends, next"
    " CALL (ends) {" + _ties("ends") + " }"
    " WITH k, prefix, n, tie, h, next WHERE n.id IN next"
    " WITH k, prefix, n, tie, h ORDER BY k, n.id, tie, h.id LIMIT $first"
    " RETURN {end: n, steps: prefix.steps + [[prefix.end, n, tie, h]]}"
)

SEARCH: LiteralString = (
    _ENDS
    + " WITH s, t, reduce(st = {fl: [[s]], bl: [[t]], fh: [], bh: [], meet: null}, i IN range(1, $maxHops) |"
    " CASE WHEN s IS NULL OR t IS NULL OR st.meet IS NOT NULL"
    " OR size(last(st.fl)) = 0 OR size(last(st.bl)) = 0 THEN st"
    " ELSE COLLECT { " + _LEVEL + " }[0] END) AS st"
    " WITH s, t, st.bl AS bl, st.meet AS meet,"
    " reduce(alive = CASE WHEN st.meet IS NULL THEN [] ELSE [st.meet.m] END, i IN range(1, $maxHops) |"
    " CASE WHEN st.meet IS NULL OR st.meet.a - size(alive) < 1 THEN alive"
    " ELSE [COLLECT { " + _PRUNE + " }] + alive END) AS alive"
    " WITH s, t, [l IN bl | [n IN l | n.id]] AS bl, meet, [l IN [[s]] + alive | [n IN l | n.id]] AS alive"
    " WITH s, t, reduce(beam = CASE WHEN meet IS NULL THEN [] ELSE [{end: s, steps: []}] END,"
    " i IN range(1, $maxHops) |"
    " CASE WHEN size(beam) = 0 OR size(beam[0].steps) >= meet.d THEN beam"
    " ELSE COLLECT { " + _WALK + " } END) AS beam"
)
"""The search: binds `s`, `t` (null when not visible) and `beam`, the answer's paths in order."""

_PATHS: LiteralString = (
    SEARCH + " RETURN s IS NOT NULL AND t IS NOT NULL AS found,"
    " [p IN beam | [st IN p.steps | [st[0].id, st[1].id, st[2], st[3].id, labels(st[3])[0]]]] AS paths"
)


async def introduction_paths(
    db: Database, scope: Scope, source: str, target: str, max_hops: int, first: int
) -> list[list[Step]]:
    """Up to `first` shortest paths (all of the fewest hops, at most `max_hops`), in the order above."""
    params = {"from": source, "to": target, "maxHops": max_hops, "first": first, "scope": scope.params()}
    row = (await db.read_rows(_PATHS, params))[0]
    if not row["found"]:
        raise NotFound("alumnus not found")
    return [[Step(*step) for step in path] for path in row["paths"]]
