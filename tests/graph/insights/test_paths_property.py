"""Property: introductionPaths returns exactly the `first` smallest shortest paths (steps read as
(from id, to id, tie, via id)), as an exhaustive search in Python finds them."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.core.db import Database
from graph.core.scope import FULL
from graph.insights.paths import introduction_paths
from tests.conftest import wipe

N = 12


@dataclass(frozen=True)
class World:
    """A random graph: who knows whom, who is in which class/company/chapter and how."""

    knows: frozenset[tuple[int, int]]
    classes: tuple[frozenset[int], ...]
    jobs: tuple[tuple[int, int, bool], ...]  # (alumnus, company, current)
    posts: tuple[tuple[int, int, bool], ...]  # (alumnus, chapter 0=GENERAL, officer)


pairs = st.tuples(st.integers(0, N - 1), st.integers(0, N - 1)).filter(lambda p: p[0] != p[1])
worlds = st.builds(
    World,
    knows=st.frozensets(pairs, max_size=10),
    classes=st.lists(st.frozensets(st.integers(0, N - 1), max_size=4), max_size=3).map(tuple),
    jobs=st.lists(st.tuples(st.integers(0, N - 1), st.integers(0, 2), st.booleans()), max_size=8).map(tuple),
    posts=st.lists(st.tuples(st.integers(0, N - 1), st.integers(0, 2), st.booleans()), max_size=8).map(tuple),
)


def neighbours(w: World) -> dict[int, set[int]]:
    """The tie graph by DESIGN's rules."""
    adj: dict[int, set[int]] = {i: set() for i in range(N)}

    def link(group: set[int]) -> None:
        for a in group:
            adj[a] |= group - {a}

    for a, b in w.knows:
        adj[a].add(b)
        adj[b].add(a)
    for members in w.classes:
        link(set(members))
    for company in range(3):
        link({a for a, c, current in last_per_pair(w.jobs) if c == company and current})
    for chapter in range(1, 3):
        link({a for a, c, officer in last_per_pair(w.posts) if c == chapter and officer})
    return adj


def last_per_pair(ties: tuple[tuple[int, int, bool], ...]) -> list[tuple[int, int, bool]]:
    """One tie per (alumnus, target), the last one given: what `store` keeps (MERGE, then SET)."""
    return list(dict(((a, c), (a, c, flag)) for a, c, flag in ties).values())


Key = tuple[tuple[str, str, str, str | None], ...]


def edges(w: World) -> dict[int, list[tuple[int, str, str | None]]]:
    """The tie graph with what each tie is: (other alumnus, tie, via id) per alumnus."""
    out: dict[int, list[tuple[int, str, str | None]]] = {i: [] for i in range(N)}

    def group(members: set[int], tie: str, via: str) -> None:
        for a in members:
            out[a] += [(b, tie, via) for b in members - {a}]

    for a, b in w.knows:
        out[a].append((b, "KNOWS", None))
        out[b].append((a, "KNOWS", None))
    for k, members in enumerate(w.classes):
        group(set(members), "CLASSMATE", f"k{k}")
    for company in range(3):
        current = {a for a, c, now in last_per_pair(w.jobs) if c == company and now}
        group(current, "COLLEAGUE", f"co{company}")
    for chapter in range(1, 3):
        officers = {a for a, c, officer in last_per_pair(w.posts) if c == chapter and officer}
        group(officers, "CHAPTER", f"ch{chapter}")
    return out


def smallest_shortest(w: World, a: int, b: int, first: int) -> list[Key]:
    """Every shortest path from a to b (at most 6 hops), the `first` smallest by their step keys."""
    adj = neighbours(w)
    ties = edges(w)
    to_b = {x: d for x in range(N) if (d := bfs(adj, x, b)) is not None}
    if a not in to_b or to_b[a] > 6:
        return []
    found: list[Key] = []

    def walk(x: int, steps: Key) -> None:
        if x == b:
            found.append(steps)
            return
        for y, tie, via in ties[x]:
            if to_b.get(y) == to_b[x] - 1:
                walk(y, (*steps, (f"a{x}", f"a{y}", tie, via)))

    walk(a, ())
    return sorted(set(found))[:first]


def bfs(adj: dict[int, set[int]], a: int, b: int) -> int | None:
    dist = {a: 0}
    queue = deque([a])
    while queue:
        x = queue.popleft()
        for y in adj[x]:
            if y not in dist:
                dist[y] = dist[x] + 1
                queue.append(y)
    return dist.get(b)


async def store(db: Database, w: World) -> None:
    await db.write_rows(
        """
        UNWIND range(0, $n - 1) AS i CREATE (:Alumnus {id: 'a' + i, externalId: 'A' + i, name: 'A' + i})
        WITH count(*) AS _
        UNWIND range(0, 2) AS j
        CREATE (:Company {id: 'co' + j, creditCode: 'CO' + j, name: 'CO' + j})
        CREATE (:Chapter {id: 'ch' + j, code: 'CH' + j, name: 'CH' + j,
                          kind: CASE j WHEN 0 THEN 'GENERAL' ELSE 'REGIONAL' END})
        """,
        {"n": N},
    )
    await db.write_rows(
        """
        UNWIND $knows AS p MATCH (a:Alumnus {id: 'a' + p[0]}), (b:Alumnus {id: 'a' + p[1]})
        MERGE (a)-[:KNOWS]-(b)
        """,
        {"knows": [list(p) for p in w.knows]},
    )
    await db.write_rows(
        """
        UNWIND range(0, size($classes) - 1) AS k CREATE (c:Class {id: 'k' + k, code: 'K' + k})
        WITH c, $classes[k] AS members UNWIND members AS m
        MATCH (a:Alumnus {id: 'a' + m}) MERGE (a)-[:STUDIED_IN]->(c)
        """,
        {"classes": [sorted(c) for c in w.classes]},
    )
    await db.write_rows(
        """
        UNWIND $jobs AS j MATCH (a:Alumnus {id: 'a' + j[0]}), (c:Company {id: 'co' + j[1]})
        MERGE (a)-[w:WORKS_AT]->(c) SET w.role = 'EMPLOYEE', w.endYear = CASE WHEN j[2] THEN null ELSE 2000 END
        """,
        {"jobs": [list(j) for j in last_per_pair(w.jobs)]},
    )
    await db.write_rows(
        """
        UNWIND $posts AS p MATCH (a:Alumnus {id: 'a' + p[0]}), (c:Chapter {id: 'ch' + p[1]})
        MERGE (a)-[m:MEMBER_OF]->(c) SET m.role = CASE WHEN p[2] THEN 'SECRETARY' ELSE 'MEMBER' END
        """,
        {"posts": [list(p) for p in last_per_pair(w.posts)]},
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(world=worlds, ends=pairs)
async def test_path_lengths_match_breadth_first_search(
    session_db: Database, world: World, ends: tuple[int, int]
) -> None:
    # given
    await wipe(session_db)
    await store(session_db, world)
    a, b = ends
    expected = bfs(neighbours(world), a, b)
    # when
    paths = await introduction_paths(session_db, FULL, f"a{a}", f"a{b}", 6, 3)
    # then they are the three smallest of all shortest paths, in order
    keys = [tuple((s.from_id, s.to_id, s.tie, s.via_id) for s in p) for p in paths]
    assert keys == smallest_shortest(world, a, b, 3)
    if expected is None or expected > 6:
        assert paths == []
    else:
        assert paths
        assert {len(p) for p in paths} == {expected}
        for p in paths:
            assert p[0].from_id == f"a{a}" and p[-1].to_id == f"a{b}"
            assert all(s.to_id == t.from_id for s, t in pairwise(p))
