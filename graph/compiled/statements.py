"""Compiled reads: one Cypher statement that returns a whole root field's answer, already nested.

The API turns a GraphQL selection into a `Read` tree whose every name is a key of the fixed
tables of `graph.compiled.kinds`; this module turns the tree into Cypher from those fragments only.
Nothing of a request's text reaches the statement: values travel as `$params`, variables are
generated (`v1`, `v2`, …) and parameters of nested arguments are named by the caller (`p1`, …).

Each node comes back as a list: its columns in the order asked, then its links (a list for a
to-many link, a value or null for a to-one link). Scope predicates are those of `graph.core.scope`,
reduced for callers who see everyone exactly as `graph.core.scope.specialised` reduces them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import count
from typing import Any, LiteralString

from graph.compiled.giving import BY_ID as GIVING_BY_ID
from graph.compiled.kinds import Kind, Link, kinds
from graph.cooperation.cooperations import COOPERATION_READ
from graph.core.db import Database, Row
from graph.core.scope import ALUMNUS_VISIBLE, reduced
from graph.insights.cohorts import REUNION_MATCH, REUNION_ORDER


@dataclass(frozen=True)
class Read:
    """What to read of one object: column keys, then links (name, child read, argument parameter)."""

    kind: str
    columns: tuple[str, ...] = ()
    links: tuple[tuple[str, Read, str | None], ...] = ()


class NotCompilable(Exception):
    """The read names something the tables do not know (the caller falls back to resolvers)."""


@dataclass
class _Builder:
    """Writes the projection of a read tree, numbering variables as it goes."""

    tables: dict[str, Kind]
    counter: count[int] = field(default_factory=lambda: count(1))

    def fresh(self) -> str:
        return f"v{next(self.counter)}"

    def projection(self, read: Read, slots: dict[str, str]) -> str:
        """`[col, …, link, …]` for one object bound to `slots` (slot name → variable)."""
        kind = self.tables.get(read.kind)
        if kind is None:
            raise NotCompilable(read.kind)
        if kind.members:
            return self.union(kind, read, slots)
        parts = [_fill(kind.columns[c], slots, {}) for c in read.columns]
        parts += [self.link(kind.links[name], child, slots, param) for name, child, param in read.links]
        return "[" + ", ".join(parts) + "]"

    def union(self, kind: Kind, read: Read, slots: dict[str, str]) -> str:
        """`[i, projection]` of the member the node is (i: its place in `read.links`), or null.
        `read.links` holds one read per member it can be (named by the member kind)."""
        tests = dict(kind.members)
        if not read.links or any(member not in tests for member, _, _ in read.links):
            raise NotCompilable(read.kind)
        branches = [
            " WHEN "
            + _fill(tests[member], slots, {})
            + " THEN ["
            + str(i)
            + ", "
            + self.projection(child, slots)
            + "]"
            for i, (member, child, _param) in enumerate(read.links)
        ]
        return "CASE" + "".join(branches) + " END"

    def link(self, link: Link, child: Read, parent: dict[str, str], param: str | None) -> str:
        if link.bind:
            bound = {slot: parent[source] for slot, source in link.bind}
            return self.projection(child, bound)
        shared = {slot: parent[source] for slot, source in link.share}
        child_slots = {s: shared.get(s) or self.fresh() for s in self.tables[child.kind].slots}
        arg = "$" + param if param else "null"
        match = _fill(link.match, {"p" + k: v for k, v in parent.items()}, {"arg": arg}, child_slots)
        order = _fill(link.order, {}, {}, child_slots) if link.order else ""
        body = match + " RETURN " + self.projection(child, child_slots)
        if order:
            body += " ORDER BY " + order
        return "COLLECT { " + body + " }" + ("" if link.many else "[0]")


_PLACEHOLDER = re.compile(r"<([a-z]+)>")


def _fill(
    template: str, slots: Mapping[str, str], extra: Mapping[str, str], child: Mapping[str, str] | None = None
) -> str:
    """Replace `<slot>`, `<pX>`, `<cX>` and `<arg>` placeholders by generated names."""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in extra:
            return extra[name]
        if child is not None and name.startswith("c") and name[1:] in child:
            return child[name[1:]]
        if name in slots:
            return slots[name]
        raise NotCompilable(name)

    return _PLACEHOLDER.sub(sub, template)


def _statement(text: str) -> LiteralString:
    # Built only from the fixed fragments of this module and of graph.core.scope / graph.core.pages, generated
    # variable names and caller-chosen parameter names (`p` + a number); never from request text.
    return text  # mypy treats LiteralString as str; the rule above is what keeps it literal


def node_projection(
    read: Read, everyone: bool, giving: bool = False, *, var: LiteralString = "n"
) -> LiteralString:
    """The projection of `read` over the node bound to `var` (`n` unless said)."""
    return _statement(_Builder(kinds(everyone, giving)).projection(read, {"n": var}))


def projection(read: Read, slots: dict[str, str], *, everyone: bool, giving: bool) -> LiteralString:
    """The projection of `read` over the variables its kind's slots are bound to."""
    return _statement(_Builder(kinds(everyone, giving)).projection(read, slots))


def page_statement(
    match: LiteralString,
    sort: LiteralString,
    descending: bool,
    reads: tuple[Read, ...],
    *,
    everyone: bool,
    total: bool,
    giving: bool = False,
) -> LiteralString:
    """One keyset page of `match` (binds `n`, ends in WHERE), each row `[sortKey, id, projection…]`
    (one projection per read), and the whole list's count when `total` — one record with `rows`
    (and `total`)."""
    cmp, bound, direction = (" < ", " <= ", " DESC") if descending else (" > ", " >= ", "")
    seek = (
        f" AND n.{sort} IS NOT NULL AND ($afterId IS NULL OR (n.{sort}{bound}$afterKey"
        f" AND (n.{sort}{cmp}$afterKey OR n.id{cmp}$afterId)))"
    )
    page = (
        match
        + seek
        + f" WITH n ORDER BY n.{sort}{direction}, n.id{direction} LIMIT $limit"
        + f" RETURN [n.{sort}, n.id"
        + "".join(", " + node_projection(read, everyone, giving) for read in reads)
        + "]"
    )
    text = "RETURN COLLECT { " + page + " } AS rows"
    if total:
        text = "CALL () { " + match + " RETURN count(n) AS total } " + text + ", total"
    return _statement(reduced(_statement(text), everyone=everyone, giving=giving))


def by_id_statement(
    label_match: LiteralString, read: Read, *, everyone: bool, giving: bool = False
) -> LiteralString:
    """The node `label_match` binds to `n` (by `$id`), projected: one record with `rows`."""
    text = (
        "RETURN COLLECT { "
        + label_match
        + " RETURN "
        + node_projection(read, everyone, giving)
        + " } AS rows"
    )
    return _statement(reduced(_statement(text), everyone=everyone, giving=giving))


def reunion_statement(read: Read, *, everyone: bool) -> LiteralString:
    """reunionClasses, each row projected: one record with `rows`."""
    projection = _Builder(kinds(everyone)).projection(read, {"c": "c", "y": "anniversary"})
    text = (
        "RETURN COLLECT { "
        + REUNION_MATCH
        + " WITH c, anniversary"
        + REUNION_ORDER
        + " RETURN "
        + projection
        + " } AS rows"
    )
    return _statement(reduced(_statement(text), everyone=everyone, giving=False))


BY_ID: dict[str, LiteralString] = {
    "Alumnus": "MATCH (n:Alumnus {id: $id}) WHERE " + ALUMNUS_VISIBLE,
    "Company": "MATCH (n:Company {id: $id})",
    "College": "MATCH (n:College {id: $id})",
    "Class": "MATCH (n:Class {id: $id})",
    "Region": "MATCH (n:Region {id: $id})",
    "Industry": "MATCH (n:Industry {id: $id})",
    **GIVING_BY_ID,
    "Chapter": "MATCH (n:Chapter {id: $id})",
    "Event": "MATCH (n:Event {id: $id})",
    "Cooperation": "MATCH (n:Cooperation {id: $id}) WHERE " + COOPERATION_READ,
    "Story": "MATCH (n:Story {id: $id})",
}


async def run(db: Database, statement: LiteralString, params: Mapping[str, Any]) -> Row:
    """Run one compiled statement (a read) and return its one record."""
    rows = await db.read_rows(statement, params)
    return rows[0]
