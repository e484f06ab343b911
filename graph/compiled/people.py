"""Compiled reads of the people questions: chapters, events, name search, chapter recommendations and
notable alumni due a contact. Tables in the form of `graph.compiled.kinds`, statements in the form of
`graph.compiled.statements`, the matching parts shared with the resolvers' repositories."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import LiteralString

from graph.compiled.kinds import Kind, Link
from graph.compiled.statements import Read, _Builder, _statement
from graph.core.scope import ALUMNUS_VISIBLE, reduced
from graph.insights.cohorts import DUE_MATCH, DUE_ORDER, RECOMMEND_MATCH, RECOMMEND_ORDER
from graph.people.search import SEARCH_MATCH


def _visible(slot: str, everyone: bool) -> str:
    return re.sub(r"\bn\b", f"<{slot}>", reduced(ALUMNUS_VISIBLE, everyone=everyone, giving=False))


def _chapter(everyone: bool) -> Kind:
    # Officers as graph.chapters.memberships reads them: president, vice-presidents, secretaries.
    officers = (
        "MATCH (<pn>)<-[<cr>:MEMBER_OF]-(<ca>:Alumnus)"
        " WHERE <cr>.role IN ['PRESIDENT', 'VICE_PRESIDENT', 'SECRETARY'] AND " + _visible("ca", everyone)
    )
    links = {
        "parent": Link("Chapter", False, "MATCH (<pn>)-[:PART_OF]->(<cn>:Chapter)"),
        "children": Link("Chapter", True, "MATCH (<pn>)<-[:PART_OF]-(<cn>:Chapter)", "<cn>.name, <cn>.id"),
        "college": Link("College", False, "MATCH (<pn>)-[:OF_COLLEGE]->(<cn>:College)"),
        "region": Link("Region", False, "MATCH (<pn>)-[:IN_REGION]->(<cn>:Region)"),
        "industry": Link("Industry", False, "MATCH (<pn>)-[:FOCUSES_ON]->(<cn>:Industry)"),
        "officers": Link(
            "Membership",
            True,
            officers,
            "CASE <cr>.role WHEN 'PRESIDENT' THEN 0 WHEN 'VICE_PRESIDENT' THEN 1 ELSE 2 END,"
            " <ca>.name, <ca>.id",
            share=(("c", "n"),),
        ),
    }
    columns: dict[str, LiteralString] = {
        "id": "<n>.id",
        "code": "<n>.code",
        "name": "<n>.name",
        "kind": "<n>.kind",
        "status": "coalesce(<n>.status, 'ACTIVE')",
        "foundedYear": "<n>.foundedYear",
    }
    return Kind(("n",), columns, links)


_MEMBERSHIP = Kind(
    ("r", "a", "c"),
    {"role": "coalesce(<r>.role, 'MEMBER')", "sinceYear": "<r>.sinceYear"},
    {
        "alumnus": Link("Alumnus", False, bind=(("n", "a"),)),
        "chapter": Link("Chapter", False, bind=(("n", "c"),)),
    },
)
_EVENT = Kind(
    ("n",),
    {
        "id": "<n>.id",
        "code": "<n>.code",
        "name": "<n>.name",
        "kind": "<n>.kind",
        "date": "toString(<n>.date)",
        "endDate": "toString(<n>.endDate)",
        "createdAt": "toString(<n>.createdAt)",
        "updatedAt": "toString(<n>.updatedAt)",
    },
    {
        "organizer": Link("Organizer", False, "MATCH (<pn>)-[:ORGANIZED_BY]->(<cn>)"),
        "region": Link("Region", False, "MATCH (<pn>)-[:IN_REGION]->(<cn>:Region)"),
    },
)


def _abstract(*members: LiteralString) -> Kind:
    """A union or interface over object kinds told apart by their label."""
    return Kind(("n",), {}, {}, members=tuple((m, "<n>:" + m) for m in members))


# A link to Node must itself keep alumni out of scope (its match, or members without Alumnus).
_NODE = _abstract("Alumnus", "Company", "Chapter", "College", "Class", "Region", "Industry", "Event")

# A row of search: the node `<n>` and its `<s>`core (SEARCH_MATCH keeps alumni within scope).
_SEARCH_HIT = Kind(
    ("n", "s"),
    {"score": "<s>"},
    {"node": Link("SearchResult", False, bind=(("n", "n"),))},
)
# A row of chapterRecommendations: the chapter `<c>`, its `<r>`eason, ran`<k>` and `<b>`asis node.
_RECOMMENDATION = Kind(
    ("c", "r", "k", "b"),
    {"rank": "<k>", "reason": "<r>"},
    {
        "chapter": Link("Chapter", False, bind=(("n", "c"),)),
        "basis": Link("Node", False, bind=(("n", "b"),), members=("Region", "College", "Industry")),
    },
)
# A row of notableAlumniDue: the alumnus `<n>` and the `<l>`ast interaction day.
_DUE = Kind(
    ("n", "l"),
    {"lastInteractionOn": "toString(<l>)"},
    {"alumnus": Link("Alumnus", False, bind=(("n", "n"),))},
)


_ATTENDANCE = Kind(
    ("r", "a", "e"),
    {"role": "coalesce(<r>.role, 'GUEST')"},
    {
        "alumnus": Link("Alumnus", False, bind=(("n", "a"),)),
        "event": Link("Event", False, bind=(("n", "e"),)),
    },
)
# Links of kinds of `graph.compiled.kinds` to people kinds (the parent alumnus is already visible).
_MORE_LINKS: dict[str, dict[str, Link]] = {
    "Alumnus": {
        "memberships": Link(
            "Membership",
            True,
            "MATCH (<pn>)-[<cr>:MEMBER_OF]->(<cc>:Chapter)",
            "<cc>.name, <cc>.id",
            share=(("a", "n"),),
        ),
        "attended": Link(
            "Attendance",
            True,
            "MATCH (<pn>)-[<cr>:ATTENDED]->(<ce>:Event)",
            "<ce>.date DESC, <ce>.id",
            share=(("a", "n"),),
        ),
    },
    "College": {
        "chapters": Link("Chapter", True, "MATCH (<pn>)<-[:OF_COLLEGE]-(<cn>:Chapter)", "<cn>.name, <cn>.id"),
    },
}


def extended(everyone: bool, tables: dict[str, Kind]) -> dict[str, Kind]:
    """`tables` with the people kinds, and the links of its kinds to them."""
    out = tables | kinds(everyone)
    for name, links in _MORE_LINKS.items():
        out[name] = replace(out[name], links={**out[name].links, **links})
    return out


def kinds(everyone: bool) -> dict[str, Kind]:
    """The people tables (merged into `graph.compiled.kinds.kinds`)."""
    return {
        "Attendance": _ATTENDANCE,
        "Chapter": _chapter(everyone),
        "Membership": _MEMBERSHIP,
        "Event": _EVENT,
        "Organizer": _abstract("College", "Chapter"),
        "SearchResult": _abstract("Alumnus", "Company", "Chapter"),
        "Node": _NODE,
        "SearchHit": _SEARCH_HIT,
        "ChapterRecommendation": _RECOMMENDATION,
        "NotableDue": _DUE,
    }


def _projection(read: Read, slots: Mapping[str, str], everyone: bool) -> str:
    from graph.compiled.kinds import kinds as tables

    return _Builder(tables(everyone)).projection(read, dict(slots))


def search_statement(read: Read, *, everyone: bool) -> LiteralString:
    """search: the ranked hits of `SEARCH_MATCH`, each a `SearchHit` projection; one record with `rows`."""
    projection = _projection(read, {"n": "n", "s": "score"}, everyone)
    text = SEARCH_MATCH + " RETURN collect(" + projection + ") AS rows"
    return _statement(reduced(_statement(text), everyone=everyone, giving=False))


def recommendations_statement(read: Read, *, everyone: bool) -> LiteralString:
    """chapterRecommendations: whether the alumnus is visible (`found`) and the ranked rows."""
    projection = _projection(read, {"c": "ch", "r": "reason", "k": "rank", "b": "basis"}, everyone)
    text = (
        "RETURN EXISTS { MATCH (n:Alumnus {id: $id}) WHERE "
        + ALUMNUS_VISIBLE
        + " } AS found, COLLECT { "
        + RECOMMEND_MATCH
        + " WITH ch, best"
        + RECOMMEND_ORDER
        + " WITH collect([ch, best]) AS ranked UNWIND range(0, size(ranked) - 1) AS i"
        " WITH ranked[i][0] AS ch, ranked[i][1].reason AS reason, ranked[i][1].basis AS basis, i + 1 AS rank"
        " RETURN " + projection + " } AS rows"
    )
    return _statement(reduced(_statement(text), everyone=everyone, giving=False))


def due_statement(read: Read, *, everyone: bool) -> LiteralString:
    """notableAlumniDue: the rows of `DUE_MATCH` in its order; one record with `rows`."""
    projection = _projection(read, {"n": "n", "l": "last"}, everyone)
    text = (
        "RETURN COLLECT { " + DUE_MATCH + " WITH n, last" + DUE_ORDER + " RETURN " + projection + " } AS rows"
    )
    return _statement(reduced(_statement(text), everyone=everyone, giving=False))
