"""The fixed tables of compiled reads: each GraphQL object type as the graph stores it.

Every column is a Cypher expression over `<slot>` placeholders; every link a pattern from a
parent's slots (`<pX>`) to a child's (`<cX>`). `graph.compiled.statements` fills the placeholders
with generated variable names; nothing else ever enters the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, LiteralString, cast

from graph.core.scope import ALUMNUS_VISIBLE, CONTACT_VISIBLE, reduced
from graph.people.affiliations import AcquaintanceKind


@dataclass(frozen=True)
class Link:
    """A relationship read from a parent: `match` binds the child's slots (`<cX>`) from the parent's
    (`<pX>`); `order` sorts a to-many link; `bind` maps child slots to parent slots (no match); `share`
    names child slots that are a parent slot (an edge's own end); `members`, for a link to a union or
    interface, narrows the kinds it can reach (default: every member of the abstract kind)."""

    kind: str
    many: bool
    match: LiteralString = ""
    order: LiteralString = ""
    bind: tuple[tuple[str, str], ...] = ()
    share: tuple[tuple[str, str], ...] = ()
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class Kind:
    """A GraphQL object type as the graph stores it: its slots (the first is the node), its column
    expressions over `<slot>` placeholders, and its links. `formats` turn a column's raw value into
    the response's (money from fen…) before null checks. A union or interface is a kind with
    `members` instead: each member object kind with a test over `<n>` (`<n>:Alumnus`) that also says
    the caller may see it; its value is the first member whose test holds, projected as that member
    over the same slots."""

    slots: tuple[str, ...]
    columns: Mapping[str, LiteralString]
    links: Mapping[str, Link]
    formats: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    members: tuple[tuple[str, LiteralString], ...] = ()


def _renamed(predicate: str, slot: str) -> str:
    """A predicate of `graph.core.scope` over `n`, rewritten over the placeholder of `slot`."""
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
# A recorded kind the enum does not know reads as OTHER (as schema.people.alumni.types.Acquaintance does).
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


# As graph.careers.employment orders positions: current first, then the most recent; founders and
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
    """A predicate of `graph.core.scope` over `n`, rewritten over a subquery's own variable."""
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
def kinds(everyone: bool, giving: bool = False) -> dict[str, Kind]:
    """The tables for a caller who sees every alumnus (`everyone`) or not, and all giving data or not."""
    from graph.compiled import careers, people  # (they build on this module)
    from graph.compiled.giving import giving_kinds

    tables: dict[str, Kind] = giving_kinds(everyone, giving) | {
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
    careers.register(tables, everyone)
    return people.extended(everyone, tables)


def knows(kind: str, column: str | None = None, link: str | None = None) -> bool:
    """Whether the tables have this kind (and this column or link of it)."""
    found = kinds(True, True).get(kind)
    if found is None:
        return False
    if column is not None:
        return column in found.columns
    if link is not None:
        return link in found.links
    return True


def link_kind(kind: str, link: str) -> str:
    """The kind a link of `kind` leads to."""
    return kinds(True, True)[kind].links[link].kind


def column_text(kind: str, column: str) -> str:
    """A column's expression (fields with the same expression share one column of a read)."""
    return kinds(True, True)[kind].columns[column]


def column_format(kind: str, column: str) -> Callable[[Any], Any] | None:
    """How a column's raw value becomes the response's, when it is not passed as it is."""
    return kinds(True, True)[kind].formats.get(column)


def members(kind: str) -> tuple[str, ...]:
    """The member kinds of a union kind (empty for an object kind)."""
    return tuple(name for name, _ in kinds(True, True)[kind].members)


def link_members(kind: str, link: str) -> tuple[str, ...]:
    """The object kinds a link of `kind` to a union or interface can reach (empty: not abstract)."""
    tables = kinds(True, True)
    found = tables[kind].links[link]
    return found.members or tuple(name for name, _ in tables[found.kind].members)
