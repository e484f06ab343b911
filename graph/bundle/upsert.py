"""The Cypher that writes each bundle file: batched `UNWIND $rows` upserts by natural key.

Statements are built once, at import time, from fixed text only (labels, types and properties
below); values travel as parameters. A statement compares before it sets, so importing the same
rows again changes nothing — not even `updatedAt`. `$present` tells which optional links the
file's header carries: a link whose column is absent is left alone; an empty cell removes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

_CHANGED: LiteralString = (
    "any(k IN keys(row.props) WHERE NOT coalesce(x[k] = row.props[k], x[k] IS NULL AND row.props[k] IS NULL))"
)


@dataclass(frozen=True)
class Target:
    """A node a link may point to: its label, key property and the row field holding the key."""

    label: LiteralString
    key: LiteralString
    field: LiteralString


@dataclass(frozen=True)
class Link:
    """A single-valued relationship written with the node (replaced when the row names another).

    `exclusive`: the node has at most one such relationship, whatever the target's label;
    otherwise only relationships to nodes of the target's label are replaced.
    """

    rel: LiteralString
    targets: tuple[Target, ...]
    exclusive: bool = True


def _changed(var: LiteralString) -> LiteralString:
    return _CHANGED.replace("x[", var + "[")


_VARS: tuple[LiteralString, ...] = ("t0", "t1", "t2")


def _link(link: Link) -> LiteralString:
    targets = list(zip(_VARS, link.targets, strict=False))
    present = " OR ".join(["$present." + t.field for _, t in targets])
    matches = "".join(
        [
            " OPTIONAL MATCH (" + v + ":" + t.label + " {" + t.key + ": row." + t.field + "})"
            for v, t in targets
        ]
    )
    target = "coalesce(" + ", ".join([v for v, _ in targets]) + ")"
    other = "(o)" if link.exclusive else "(o:" + link.targets[0].label + ")"
    return (
        " CALL (n, row) { WITH * WHERE " + present + matches + " WITH n, " + target + " AS t"
        " OPTIONAL MATCH (n)-[old:" + link.rel + "]->" + other + " WHERE t IS NULL OR o <> t"
        " DELETE old WITH DISTINCT n, t WHERE t IS NOT NULL MERGE (n)-[:" + link.rel + "]->(t) }"
    )  # fmt: skip


def node_statement(
    label: LiteralString, key: LiteralString, links: tuple[Link, ...] = (), on_create: LiteralString = ""
) -> LiteralString:
    """Upsert nodes by natural key with their single-valued links; returns how many existing nodes changed.

    Interaction and Award (key `id`) take their id from the row; other nodes get a random UUID.
    """
    new_id: LiteralString = "" if key == "id" else "n.id = randomUUID(), "
    return (
        "UNWIND $rows AS row MERGE (n:" + label + " {" + key + ": row.key})"
        " ON CREATE SET " + new_id + "n.createdAt = datetime()" + on_create
        + " WITH n, row, n.updatedAt IS NULL AS created,"
        " n.updatedAt IS NULL OR " + _changed("n") + " AS changed"
        " CALL (n, row, changed) { WITH * WHERE changed SET n += row.props, n.updatedAt = datetime() }"
        + "".join([_link(link) for link in links])
        + " RETURN collect(row.line) AS lines,"
        " sum(CASE WHEN changed AND NOT created THEN 1 ELSE 0 END) AS updated"
    )  # fmt: skip


def rel_statement(start: Target, rel: LiteralString, end: Target, undirected: bool = False) -> LiteralString:
    """Upsert one relationship per (start, end) with its properties; returns the lines written."""
    pattern: LiteralString = "-[old:" + rel + "]-" if undirected else "-[old:" + rel + "]->"
    return (
        "UNWIND $rows AS row MATCH (a:" + start.label + " {" + start.key + ": row.a})"
        " MATCH (b:" + end.label + " {" + end.key + ": row.b})"
        " OPTIONAL MATCH (a)" + pattern + "(b)"
        " WITH a, b, row, old, old IS NOT NULL AND " + _changed("old") + " AS changed"
        " CALL (a, b, row, old) { WITH * WHERE old IS NULL"
        " CREATE (a)-[r:" + rel + "]->(b) SET r += row.props }"
        " CALL (old, row, changed) { WITH * WHERE changed SET old += row.props }"
        " RETURN collect(row.line) AS lines, sum(CASE WHEN changed THEN 1 ELSE 0 END) AS updated"
    )  # fmt: skip


NEEDS: LiteralString = (
    "UNWIND $rows AS row MATCH (a:Company {creditCode: row.a})"
    " OPTIONAL MATCH (a)-[:NEEDS]->(old:Need {kind: row.kind})"
    " WHERE coalesce(old.description, '') = coalesce(row.description, '')"
    " CALL (a, row, old) { WITH * WHERE old IS NULL CREATE (a)-[:NEEDS]->(:Need {id: randomUUID(),"
    " kind: row.kind, description: row.description, createdAt: datetime(), updatedAt: datetime()}) }"
    " RETURN collect(row.line) AS lines, 0 AS updated"
)

ALUMNUS = Target("Alumnus", "externalId", "a")
COLLEGE = Target("College", "code", "college")
CHAPTER = Target("Chapter", "code", "chapter")
REGION: LiteralString = "Region"
INDUSTRY: LiteralString = "Industry"

STATEMENTS: dict[str, LiteralString] = {
    "colleges.csv": node_statement("College", "code"),
    "classes.csv": node_statement("Class", "code", (Link("OF_COLLEGE", (COLLEGE,)),)),
    "companies.csv": node_statement(
        "Company",
        "creditCode",
        (
            Link("IN_INDUSTRY", (Target(INDUSTRY, "code", "industry"),)),
            Link("LOCATED_IN", (Target(REGION, "code", "city"),)),
        ),
    ),
    "chapters.csv": node_statement(
        "Chapter",
        "code",
        (
            Link("PART_OF", (Target("Chapter", "code", "parent"),)),
            Link("OF_COLLEGE", (COLLEGE,)),
            Link("IN_REGION", (Target(REGION, "code", "region"),)),
            Link("FOCUSES_ON", (Target(INDUSTRY, "code", "industry"),)),
        ),
        on_create=", n.status = 'ACTIVE'",
    ),
    "alumni.csv": node_statement(
        "Alumnus", "externalId", (Link("LIVES_IN", (Target(REGION, "code", "city"),)),)
    ),
    "education.csv": rel_statement(ALUMNUS, "STUDIED_IN", Target("Class", "code", "b")),
    "staff.csv": rel_statement(ALUMNUS, "WORKED_AT_SCHOOL", Target("College", "code", "b")),
    "employment.csv": rel_statement(ALUMNUS, "WORKS_AT", Target("Company", "creditCode", "b")),
    "needs.csv": NEEDS,
    "memberships.csv": rel_statement(ALUMNUS, "MEMBER_OF", Target("Chapter", "code", "b")),
    "liaisons.csv": rel_statement(ALUMNUS, "LIAISON_FOR", Target("Class", "code", "b")),
    "relations.csv": rel_statement(ALUMNUS, "KNOWS", Target("Alumnus", "externalId", "b"), undirected=True),
    "funds.csv": node_statement(
        "Fund", "code", (Link("OF_COLLEGE", (COLLEGE,)),), on_create=", n.status = 'OPEN'"
    ),
    "events.csv": node_statement(
        "Event",
        "code",
        (
            Link("IN_REGION", (Target(REGION, "code", "region"),)),
            Link("ORGANIZED_BY", (COLLEGE,), exclusive=False),
            Link("ORGANIZED_BY", (CHAPTER,), exclusive=False),
        ),
    ),
    "attendance.csv": rel_statement(ALUMNUS, "ATTENDED", Target("Event", "code", "b")),
    "donations.csv": node_statement(
        "Donation",
        "receiptNo",
        (
            Link(
                "FROM",
                (
                    Target("Alumnus", "externalId", "donorAlumnus"),
                    Target("Company", "creditCode", "donorCompany"),
                ),
            ),
            Link("TO", (Target("Fund", "code", "fund"),)),
            Link("PAYS", (Target("Donation", "receiptNo", "pledge"),)),
            Link("SOLICITED_BY", (Target("Alumnus", "externalId", "solicitor"),)),
        ),
    ),
    "interactions.csv": node_statement(
        "Interaction",
        "id",
        (
            Link("BY", (Target("Alumnus", "externalId", "by"),)),
            Link("WITH", (Target("Alumnus", "externalId", "withAlumnus"),), exclusive=False),
            Link("WITH", (Target("Chapter", "code", "withChapter"),), exclusive=False),
            Link("WITH", (Target("Company", "creditCode", "withCompany"),), exclusive=False),
        ),
    ),
    "awards.csv": node_statement(
        "Award",
        "id",
        (
            Link(
                "TO",
                (COLLEGE, CHAPTER, Target("Alumnus", "externalId", "alumnus")),
            ),
        ),
    ),
}
