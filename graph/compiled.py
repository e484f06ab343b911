"""Compiled reads: one Cypher statement that returns a whole root field's answer, already nested.

The API turns a GraphQL selection into a `Read` tree whose every name is a key of the fixed
tables below (`kinds`); this module turns the tree into Cypher from those fixed fragments only.
Nothing of a request's text reaches the statement: values travel as `$params`, variables are
generated (`v1`, `v2`, …) and parameters of nested arguments are named by the caller (`p1`, …).

Each node comes back as a list: its columns in the order asked, then its links (a list for a
to-many link, a value or null for a to-one link). Scope predicates are those of `graph.scope`,
reduced for callers who see everyone exactly as `graph.scope.specialised` reduces them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import count
from typing import Any, LiteralString, cast

from graph.affiliations import AcquaintanceKind
from graph.db import Database, Row
from graph.insights.cohorts import REUNION_MATCH, REUNION_ORDER
from graph.scope import ALUMNUS_VISIBLE, CONTACT_VISIBLE, reduced


@dataclass(frozen=True)
class Link:
    """A relationship read from a parent: `match` binds the child's slots (`<cX>`) from the parent's
    (`<pX>`); `order` sorts a to-many link; `bind` maps child slots to parent slots (no match); `share`
    names child slots that are a parent slot (an edge's own end)."""

    kind: str
    many: bool
    match: LiteralString = ""
    order: LiteralString = ""
    bind: tuple[tuple[str, str], ...] = ()
    share: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Kind:
    """A GraphQL object type as the graph stores it: its slots (the first is the node), its column
    expressions over `<slot>` placeholders, and its links."""

    slots: tuple[str, ...]
    columns: Mapping[str, LiteralString]
    links: Mapping[str, Link]


@dataclass(frozen=True)
class Read:
    """What to read of one object: column keys, then links (name, child read, argument parameter)."""

    kind: str
    columns: tuple[str, ...] = ()
    links: tuple[tuple[str, Read, str | None], ...] = ()


class NotCompilable(Exception):
    """The read names something the tables do not know (the caller falls back to resolvers)."""


def _renamed(predicate: str, slot: str) -> str:
    """A predicate of `graph.scope` over `n`, rewritten over the placeholder of `slot`."""
    return re.sub(r"\bn\b", f"<{slot}>", predicate)


def _visible(slot: str, everyone: bool) -> str:
    return _renamed(reduced(ALUMNUS_VISIBLE, everyone=everyone, giving=False), slot)


def _contact(slot: str, everyone: bool) -> str:
    return _renamed(reduced(CONTACT_VISIBLE, everyone=everyone, giving=False), slot)


def _alumnus(everyone: bool) -> Kind:
    contact = _contact("n", everyone)
    columns = {
        "id": "<n>.id",
        "externalId": "<n>.externalId",
        "name": "<n>.name",
        "gender": "<n>.gender",
        "birthYear": "<n>.birthYear",
        "kinds": "coalesce(<n>.kinds, [])",
        "email": "CASE WHEN " + contact + " THEN <n>.email END",
        "phone": "CASE WHEN " + contact + " THEN <n>.phone END",
        "notable": "coalesce(<n>.notable, false)",
        "notableNote": "<n>.notableNote",
        "consentContact": "coalesce(<n>.consentContact, false)",
        "consentDirectory": "coalesce(<n>.consentDirectory, false)",
        "createdAt": "toString(<n>.createdAt)",
        "updatedAt": "toString(<n>.updatedAt)",
        "mergedFrom": "coalesce(<n>.mergedFrom, [])",
    }
    links = {
        "education": Link(
            "Class",
            True,
            "MATCH (<pn>)-[:STUDIED_IN]->(<cn>:Class)",
            "<cn>.graduationYear, <cn>.code",
        ),
        "city": Link("Region", False, "MATCH (<pn>)-[:LIVES_IN]->(<cn>:Region)"),
        "employments": Link(
            "Employment",
            True,
            "MATCH (<pn>)-[<cw>:WORKS_AT]->(<cc>:Company)"
            " WHERE (<arg> IS NULL OR (<cw>.endYear IS NULL) = <arg>)",
            _EMPLOYMENT_ORDER,
            share=(("a", "n"),),
        ),
        "liaisonFor": Link(
            "Class",
            True,
            "MATCH (<pn>)-[:LIAISON_FOR]->(<cn>:Class)",
            "<cn>.graduationYear, <cn>.code",
        ),
        "staffRoles": Link(
            "StaffRole",
            True,
            "MATCH (<pn>)-[<cr>:WORKED_AT_SCHOOL]->(<cc>:College)",
            "coalesce(<cr>.startYear, 0), <cc>.code",
        ),
        "acquaintances": Link(
            "Acquaintance",
            True,
            "MATCH (<pn>)-[<ck>:KNOWS]-(<cn>:Alumnus) WHERE " + _visible("cn", everyone),
            "<cn>.name, <cn>.id",
        ),
    }
    return Kind(("n",), cast(Mapping[str, LiteralString], columns), links)


_STAFF_ROLE = Kind(
    ("r", "c"),
    {
        "title": "<r>.title",
        "startYear": "<r>.startYear",
        "endYear": "<r>.endYear",
        "current": "<r>.endYear IS NULL",
    },
    {"college": Link("College", False, bind=(("n", "c"),))},
)
# A recorded kind the enum does not know reads as OTHER (as schema.alumni.Acquaintance does).
_ACQUAINTANCE = Kind(
    ("k", "n"),
    {
        "kind": "CASE WHEN <k>.kind IS NULL THEN null WHEN <k>.kind IN ["
        + ", ".join("'" + k.value + "'" for k in AcquaintanceKind)
        + "] THEN <k>.kind ELSE 'OTHER' END",
        "strength": "<k>.strength",
    },
    {"alumnus": Link("Alumnus", False, bind=(("n", "n"),))},
)
_NEED = Kind(
    ("n", "c"),
    {"id": "<n>.id", "kind": "<n>.kind", "description": "<n>.description"},
    {"company": Link("Company", False, bind=(("n", "c"),))},
)


# As graph.employment orders positions: current first, then the most recent; founders and
# executives before employees; then the alumnus's name and id, and the company's id.
_EMPLOYMENT_ORDER: LiteralString = (
    "<cw>.endYear IS NULL DESC, coalesce(<cw>.endYear, 9999) DESC,"
    " CASE <cw>.role WHEN 'FOUNDER' THEN 0 WHEN 'EXECUTIVE' THEN 1 ELSE 2 END,"
    " <ca>.name, <ca>.id, <cc>.id"
)


def _company(everyone: bool) -> Kind:
    columns: dict[str, LiteralString] = {
        "id": "<n>.id",
        "creditCode": "<n>.creditCode",
        "name": "<n>.name",
        "size": "<n>.size",
        "website": "<n>.website",
        "createdAt": "toString(<n>.createdAt)",
        "updatedAt": "toString(<n>.updatedAt)",
        "alumniCount": "COUNT { (<n>)<-[cw_:WORKS_AT]-(:Alumnus) WHERE cw_.endYear IS NULL }",
    }
    alumni_match = (
        "MATCH (<pn>)<-[<cw>:WORKS_AT]-(<ca>:Alumnus) WHERE "
        + _visible("ca", everyone)
        + " AND (<arg> IS NULL OR (<cw>.endYear IS NULL) = <arg>)"
    )
    links = {
        "industry": Link("Industry", False, "MATCH (<pn>)-[:IN_INDUSTRY]->(<cn>:Industry)"),
        "city": Link("Region", False, "MATCH (<pn>)-[:LOCATED_IN]->(<cn>:Region)"),
        "alumni": Link("Employment", True, alumni_match, _EMPLOYMENT_ORDER, share=(("c", "n"),)),
        "needs": Link(
            "Need",
            True,
            "MATCH (<pn>)-[:NEEDS]->(<cn>:Need)",
            "<cn>.kind, <cn>.description",
            share=(("c", "n"),),
        ),
    }
    return Kind(("n",), columns, links)


_EMPLOYMENT = Kind(
    ("w", "a", "c"),
    {
        "title": "<w>.title",
        "role": "<w>.role",
        "startYear": "<w>.startYear",
        "endYear": "<w>.endYear",
        "current": "<w>.endYear IS NULL",
    },
    {
        "company": Link("Company", False, bind=(("n", "c"),)),
        "alumnus": Link("Alumnus", False, bind=(("n", "a"),)),
    },
)
_COLLEGE = Kind(("n",), {"id": "<n>.id", "code": "<n>.code", "name": "<n>.name"}, {})
_CLASS = Kind(
    ("n",),
    {
        "id": "<n>.id",
        "code": "<n>.code",
        "name": "<n>.name",
        "degree": "<n>.degree",
        "major": "<n>.major",
        "entryYear": "<n>.entryYear",
        "graduationYear": "<n>.graduationYear",
    },
    {"college": Link("College", False, "MATCH (<pn>)-[:OF_COLLEGE]->(<cn>:College)")},
)


def _tree(label: LiteralString) -> Kind:
    """Regions and industries: a code hierarchy with a parent."""
    return Kind(
        ("n",),
        {
            "id": "<n>.id",
            "code": "<n>.code",
            "name": "<n>.name",
            "nameEn": "<n>.nameEn",
            "level": "<n>.level",
        },
        {"parent": Link(label, False, "MATCH (<pn>)-[:PART_OF]->(<cn>:" + label + ")")},
    )


def _local(predicate: str, var: str) -> str:
    """A predicate of `graph.scope` over `n`, rewritten over a subquery's own variable."""
    return re.sub(r"\bn\b", var, predicate)


def _reunion_class(everyone: bool) -> Kind:
    """A row of reunionClasses: the class `<c>` and its anniversary `<y>` (as graph.insights.cohorts)."""
    visible = _local(reduced(ALUMNUS_VISIBLE, everyone=everyone, giving=False), "m_")
    columns = {
        "anniversary": "<y>",
        "alumniCount": "COUNT { MATCH (m_:Alumnus)-[:STUDIED_IN]->(<c>) WHERE " + visible + " }",
        "contactableCount": "COUNT { MATCH (m_:Alumnus)-[:STUDIED_IN]->(<c>) WHERE "
        + visible
        + " AND coalesce(m_.consentContact, false) AND (m_.email IS NOT NULL OR m_.phone IS NOT NULL) }",
    }
    liaisons = "MATCH (<cn>:Alumnus)-[:LIAISON_FOR]->(<pc>) WHERE " + _visible("cn", everyone)
    links = {
        "class": Link("Class", False, bind=(("n", "c"),)),
        "liaisons": Link("Alumnus", True, liaisons, "<cn>.name, <cn>.id"),
    }
    return Kind(("c", "y"), cast(Mapping[str, LiteralString], columns), links)


@cache
def kinds(everyone: bool) -> dict[str, Kind]:
    """The tables for a caller who sees every alumnus (`everyone`) or not."""
    return {
        "Alumnus": _alumnus(everyone),
        "Company": _company(everyone),
        "Employment": _EMPLOYMENT,
        "College": _COLLEGE,
        "Class": _CLASS,
        "Region": _tree("Region"),
        "Industry": _tree("Industry"),
        "ReunionClass": _reunion_class(everyone),
        "StaffRole": _STAFF_ROLE,
        "Acquaintance": _ACQUAINTANCE,
        "Need": _NEED,
    }


def knows(kind: str, column: str | None = None, link: str | None = None) -> bool:
    """Whether the tables have this kind (and this column or link of it)."""
    found = kinds(True).get(kind)
    if found is None:
        return False
    if column is not None:
        return column in found.columns
    if link is not None:
        return link in found.links
    return True


def link_kind(kind: str, link: str) -> str:
    """The kind a link of `kind` leads to."""
    return kinds(True)[kind].links[link].kind


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
        parts = [_fill(kind.columns[c], slots, {}) for c in read.columns]
        parts += [self.link(kind.links[name], child, slots, param) for name, child, param in read.links]
        return "[" + ", ".join(parts) + "]"

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
    # Built only from the fixed fragments of this module and of graph.scope / graph.nodes, generated
    # variable names and caller-chosen parameter names (`p` + a number); never from request text.
    return text  # mypy treats LiteralString as str; the rule above is what keeps it literal


def node_projection(read: Read, everyone: bool) -> LiteralString:
    """The projection of `read` over the node bound to `n`."""
    return _statement(_Builder(kinds(everyone)).projection(read, {"n": "n"}))


def page_statement(
    match: LiteralString,
    sort: LiteralString,
    descending: bool,
    reads: tuple[Read, ...],
    *,
    everyone: bool,
    total: bool,
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
        + "".join(", " + node_projection(read, everyone) for read in reads)
        + "]"
    )
    text = "RETURN COLLECT { " + page + " } AS rows"
    if total:
        text = "CALL () { " + match + " RETURN count(n) AS total } " + text + ", total"
    return _statement(reduced(_statement(text), everyone=everyone, giving=False))


def by_id_statement(label_match: LiteralString, read: Read, *, everyone: bool) -> LiteralString:
    """The node `label_match` binds to `n` (by `$id`), projected: one record with `rows`."""
    text = "RETURN COLLECT { " + label_match + " RETURN " + node_projection(read, everyone) + " } AS rows"
    return _statement(reduced(_statement(text), everyone=everyone, giving=False))


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
}


async def run(db: Database, statement: LiteralString, params: Mapping[str, Any]) -> Row:
    """Run one compiled statement (a read) and return its one record."""
    rows = await db.read_rows(statement, params)
    return rows[0]
