"""Compiled reads of careers and cooperation: the rows of partnerCompanies and openNeeds, the kinds
Cooperation and Story, and the cooperation links of Need and Alumnus.

Kinds here follow `graph.compiled.kinds` (columns over `<slot>` placeholders, links from a parent's
slots to a child's); `register` adds them to its tables. The two relationship questions project
their rows from the ranking statements of `graph.insights` as they are, so the ranking (and its
cost) is the one the resolvers use, and the nested selection is read in the same statement.
"""

from __future__ import annotations

from dataclasses import replace
from typing import LiteralString

from graph.compiled.kinds import Kind, Link, _visible, kinds
from graph.compiled.statements import Read, _Builder, _statement
from graph.cooperation.cooperations import COOPERATION_READ
from graph.core.scope import reduced
from graph.insights import matchmaking, open_needs

# Cooperations under a need or an alumnus: newest start first, then by code (as graph.cooperation).
_NEWEST: LiteralString = "<cn>.startDate DESC, <cn>.code"

_COOPERATION_LINKS = {
    ("Need", "answeredBy"): Link(
        "Cooperation", True, "MATCH (<pn>)<-[:ANSWERS]-(<cn>:Cooperation) WHERE " + COOPERATION_READ, _NEWEST
    ),
    ("Alumnus", "brokered"): Link(
        "Cooperation",
        True,
        "MATCH (<pn>)<-[:BROKERED_BY]-(<cn>:Cooperation) WHERE " + COOPERATION_READ,
        _NEWEST,
    ),
}


def _cooperation(everyone: bool) -> Kind:
    columns: dict[str, LiteralString] = {
        "id": "<n>.id",
        "code": "<n>.code",
        "title": "<n>.title",
        "kind": "<n>.kind",
        "status": "<n>.status",
        "startDate": "toString(<n>.startDate)",
        "endDate": "toString(<n>.endDate)",
        "valueCny": "<n>.valueCny",
    }
    links = {
        "company": Link("Company", False, "MATCH (<pn>)-[:WITH]->(<cn>:Company)"),
        "college": Link("College", False, "MATCH (<pn>)-[:OF_COLLEGE]->(<cn>:College)"),
        # as the resolver loads them: by need id
        "answers": Link(
            "Need",
            True,
            "MATCH (<pn>)-[:ANSWERS]->(<cn>:Need) OPTIONAL MATCH (<cn>)<-[:NEEDS]-(<cc>:Company)",
            "<cn>.id",
        ),
        "brokers": Link(
            "Alumnus",
            True,
            "MATCH (<pn>)-[:BROKERED_BY]->(<cn>:Alumnus) WHERE " + _visible("cn", everyone),
            "<cn>.name, <cn>.id",
        ),
    }
    return Kind(("n",), columns, links)


_STORY = Kind(
    ("n",),
    {
        "id": "<n>.id",
        "code": "<n>.code",
        "title": "<n>.title",
        "channel": "<n>.channel",
        "publishedOn": "toString(<n>.publishedOn)",
        "url": "<n>.url",
        "summary": "<n>.summary",
    },
    {},
)


def _company_match(everyone: bool) -> Kind:
    """A row of partnerCompanies: the company `<c>` and its counts (as graph.insights.matchmaking)."""
    alumni = "MATCH (<ca>:Alumnus)-[<cw>:WORKS_AT]->(<pc>) WHERE <cw>.endYear IS NULL AND " + _visible(
        "ca", everyone
    )
    return Kind(
        ("c", "f", "e", "m"),
        {"founderCount": "<f>", "executiveCount": "<e>", "alumniCount": "<m>"},
        {
            "company": Link("Company", False, bind=(("n", "c"),)),
            "alumni": Link("Employment", True, alumni, "<cw>.role, <ca>.name, <ca>.id", share=(("c", "c"),)),
        },
    )


def _need_match(everyone: bool) -> Kind:
    """A row of openNeeds: the need, its company, the college asked for (or null) and the counts."""
    bridges = (
        "MATCH (<ca>:Alumnus)-[<cw>:WORKS_AT]->(<pc>) WHERE <cw>.endYear IS NULL AND "
        + _visible("ca", everyone)
        + " AND (<pcol> IS NULL OR EXISTS { (<ca>)-[:STUDIED_IN]->(:Class)-[:OF_COLLEGE]->(<pcol>) }"
        " OR EXISTS { (<ca>)-[:WORKED_AT_SCHOOL]->(<pcol>) })"
    )
    order: LiteralString = (
        "CASE <cw>.role WHEN 'FOUNDER' THEN 0 WHEN 'EXECUTIVE' THEN 1 ELSE 2 END, <ca>.name, <ca>.id"
    )
    return Kind(
        ("need", "c", "col", "f", "b"),
        {"founderCount": "<f>", "bridgeCount": "<b>"},
        {
            "need": Link("Need", False, bind=(("n", "need"), ("c", "c"))),
            "company": Link("Company", False, bind=(("n", "c"),)),
            "bridges": Link("Employment", True, bridges, order, share=(("c", "c"),)),
        },
    )


def register(tables: dict[str, Kind], everyone: bool) -> None:
    """Add the kinds of this module, and the cooperation links of Need and Alumnus, to `tables`."""
    for (kind, name), link in _COOPERATION_LINKS.items():
        tables[kind] = replace(tables[kind], links={**tables[kind].links, name: link})
    tables["Cooperation"] = _cooperation(everyone)
    tables["Story"] = _STORY
    tables["CompanyMatch"] = _company_match(everyone)
    tables["NeedMatch"] = _need_match(everyone)


def partner_statement(read: Read, *, everyone: bool) -> LiteralString:
    """partnerCompanies: flags for the industry and region codes and the ranked rows, projected —
    one record with `industry`, `region` and `rows`."""
    projection = _Builder(kinds(everyone)).projection(
        read,
        {"c": "c", "f": "founderCount", "e": "executiveCount", "m": "alumniCount"},
    )
    text = (
        "OPTIONAL MATCH (i:Industry {code: $industry}) OPTIONAL MATCH (r:Region {code: $region})"
        " WITH i IS NOT NULL AS industry, ($region IS NULL OR r IS NOT NULL) AS region"
        " RETURN industry, region, COLLECT { " + matchmaking.RANKED + " RETURN " + projection + " } AS rows"
    )
    return _statement(reduced(_statement(text), everyone=everyone, giving=False))


def open_needs_statement(read: Read, *, everyone: bool) -> LiteralString:
    """openNeeds: flags for the codes and the college, and the ranked rows, projected — one record
    with `industryOk`, `regionOk`, `collegeOk` and `rows`."""
    projection = _Builder(kinds(everyone)).projection(
        read,
        {"need": "need", "c": "c", "col": "col", "f": "founderCount", "b": "bridgeCount"},
    )
    text = (
        open_needs.FLAGS + " CALL (ind, reg, col, industryOk, regionOk, collegeOk) {"
        " WITH * WHERE industryOk AND regionOk AND collegeOk"
        + open_needs.RANKED
        + " RETURN collect("
        + projection
        + ") AS rows } RETURN industryOk, regionOk, collegeOk, rows"
    )
    return _statement(reduced(_statement(text), everyone=everyone, giving=False))
