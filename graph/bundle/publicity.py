"""cooperations.csv and stories.csv (DESIGN §7): row rules, the need-kind rule that needs the graph,
and the upserts with their many-valued links (needs answered, brokers, features).

A list column replaces the links it stands for; a column absent from the header leaves them alone.
"""

from __future__ import annotations

from typing import LiteralString

from graph.bundle import cells as c
from graph.bundle.rows import Draft
from graph.bundle.upsert import COLLEGE, Link, Target, node_statement
from graph.core.db import Database

FEATURE_COLUMNS = ("external_ids", "credit_codes", "event_codes", "chapter_codes", "college_codes")


def code_list(one: c.Converter) -> c.Converter:
    """`;`-separated keys, each converted by `one`, duplicates dropped, order kept; empty → None."""

    def convert(raw: str) -> list[str] | None:
        values = [one(part.strip()) for part in raw.split(";") if part.strip()]
        return list(dict.fromkeys(values)) or None

    return convert


def cooperation(d: Draft) -> None:
    """The end date is not before the start; the value is stored as a decimal string and as fen."""
    start, end = d.values.get("start_date"), d.values.get("end_date")
    if start is not None and end is not None and end < start:
        d.problem("end_date", "before start_date")
    if "value_cny" in d.values:
        value = d.values["value_cny"]
        d.props["valueCny"], d.props["valueCnyFen"] = c.money(value) if value is not None else (None, None)


def story(d: Draft) -> None:
    """A story features at least one alumnus, company, event, chapter or college."""
    if not any(d.values.get(column) for column in FEATURE_COLUMNS):
        d.problem("external_ids", "a story features at least one alumnus, company, event, chapter or college")


_NEED_KINDS: LiteralString = (
    "UNWIND $keys AS k MATCH (:Company {creditCode: k})-[:NEEDS]->(x:Need)"
    " RETURN k AS key, collect(DISTINCT x.kind) AS kinds"
)


async def without_unknown_needs(db: Database, rows: list[Draft]) -> tuple[list[Draft], list[Draft]]:
    """(rows kept, rows rejected): a need kind the row's company has no need of is a row error."""
    keys = sorted({d.values["credit_code"] for d in rows if d.values.get("need_kinds")})
    found = (
        {r["key"]: set(r["kinds"]) for r in await db.read_rows(_NEED_KINDS, {"keys": keys})} if keys else {}
    )
    kept: list[Draft] = []
    rejected: list[Draft] = []
    for row in rows:
        company = row.values["credit_code"]
        missing = [k for k in row.values.get("need_kinds") or [] if k not in found.get(company, set())]
        if missing:
            row.problem("need_kinds", f"company {company} has no need of kind {', '.join(missing)}")
            rejected.append(row)
        else:
            kept.append(row)
    return kept, rejected


def _before_return(statement: LiteralString, extra: LiteralString) -> LiteralString:
    """`statement` (from `node_statement`) with `extra` Cypher inserted before its final RETURN."""
    head, sep, tail = statement.rpartition(" RETURN collect(row.line)")
    assert sep, "node_statement changed shape"
    return head + extra + sep + tail  # parts of fixed text


_ANSWERS: LiteralString = (
    " CALL (n, row) { WITH * WHERE $present.needKinds"
    " OPTIONAL MATCH (n)-[old:ANSWERS]->(x:Need) WHERE NOT x.kind IN coalesce(row.needKinds, [])"
    " OR NOT EXISTS { (n)-[:WITH]->(:Company)-[:NEEDS]->(x) } DELETE old }"
    " CALL (n, row) { WITH * WHERE $present.needKinds UNWIND coalesce(row.needKinds, []) AS kind"
    " MATCH (n)-[:WITH]->(:Company)-[:NEEDS]->(x:Need {kind: kind}) MERGE (n)-[:ANSWERS]->(x) }"
)
_BROKERS: LiteralString = (
    " CALL (n, row) { WITH * WHERE $present.brokers"
    " OPTIONAL MATCH (n)-[old:BROKERED_BY]->(x:Alumnus) WHERE NOT x.externalId IN coalesce(row.brokers, [])"
    " DELETE old }"
    " CALL (n, row) { WITH * WHERE $present.brokers UNWIND coalesce(row.brokers, []) AS key"
    " MATCH (x:Alumnus {externalId: key}) MERGE (n)-[:BROKERED_BY]->(x) }"
)
COOPERATION_STATEMENT: LiteralString = _before_return(
    node_statement(
        "Cooperation",
        "code",
        (Link("WITH", (Target("Company", "creditCode", "company"),)), Link("OF_COLLEGE", (COLLEGE,))),
    ),
    _ANSWERS + _BROKERS,
)


def _features(label: LiteralString, key: LiteralString, field: LiteralString) -> LiteralString:
    """Replace the story's features of one label by the keys of the row's list (when its column is there)."""
    return (
        " CALL (n, row) { WITH * WHERE $present." + field
        + " OPTIONAL MATCH (n)-[old:FEATURES]->(x:" + label + ") WHERE NOT x." + key
        + " IN coalesce(row." + field + ", []) DELETE old }"
        " CALL (n, row) { WITH * WHERE $present." + field + " UNWIND coalesce(row." + field + ", []) AS key"
        " MATCH (x:" + label + " {" + key + ": key}) MERGE (n)-[:FEATURES]->(x) }"
    )  # fmt: skip


STORY_STATEMENT: LiteralString = _before_return(
    node_statement("Story", "code"),
    _features("Alumnus", "externalId", "alumni")
    + _features("Company", "creditCode", "companies")
    + _features("Event", "code", "events")
    + _features("Chapter", "code", "chapters")
    + _features("College", "code", "colleges"),
)

STATEMENTS: dict[str, LiteralString] = {
    "cooperations.csv": COOPERATION_STATEMENT,
    "stories.csv": STORY_STATEMENT,
}
