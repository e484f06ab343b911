"""Scenarios of the relationship questions (DESIGN §4): raw and peer run the peer's @cypher text."""

from __future__ import annotations

from typing import Any

from graph.people import search
from scripts.bench.fixtures import Fixtures
from scripts.bench.scenario import Document, Scenario, global_id, local_id, peer_cypher, when_ours
from scripts.bench.sides import Data

ANNIVERSARIES = [10, 20, 30, 40, 50, 60]


def _reunion_rows(rows: list[Data]) -> list[list[Any]]:
    return sorted(
        [r["classCode"], r["anniversary"], r["alumniCount"], r["contactableCount"], sorted(r["liaisonIds"])]
        for r in rows
    )


def _reunion_ours(data: Data) -> list[list[Any]]:
    rows = data["reunionClasses"]
    return _reunion_rows(
        [
            {
                "classCode": r["class"]["code"],
                "anniversary": r["anniversary"],
                "alumniCount": r["alumniCount"],
                "contactableCount": r["contactableCount"],
                "liaisonIds": [local_id(a["id"]) for a in r["liaisons"]],
            }
            for r in rows
        ]
    )


def reunions(fx: Fixtures) -> Scenario:
    """reunionClasses for the reunion year."""
    params = {"year": fx.reunion_year, "anniversaries": ANNIVERSARIES}
    return Scenario(
        "reunionClasses",
        peer_cypher("reunionClasses", params, _reunion_rows),
        when_ours(
            "reunionClasses",
            Document(
                "query Q($year: Int!) { reunionClasses(year: $year) {"
                " anniversary alumniCount contactableCount class { code } liaisons { id } } }",
                {"year": fx.reunion_year},
                _reunion_ours,
            ),
        ),
        Document(
            "query Q($year: Int!, $anniversaries: [Int!]!) {"
            " reunionClasses(year: $year, anniversaries: $anniversaries)"
            " { classCode anniversary alumniCount contactableCount liaisonIds } }",
            params,
            lambda d: _reunion_rows(d["reunionClasses"]),
        ),
    )


def _chapters(items: list[Data]) -> list[list[str]]:
    return [[r["chapterCode"], r["reason"]] for r in items]


def _due(items: list[Data]) -> list[list[str]]:
    return [[r["alumnusId"], str(r["lastInteractionOn"])] for r in items]


def recommendations(fx: Fixtures) -> Scenario:
    """chapterRecommendations for an alumnus with a class, a city and a current job."""
    return Scenario(
        "chapterRecommendations",
        peer_cypher("chapterRecommendations", {"alumnus": fx.alumnus}, _chapters),
        when_ours(
            "chapterRecommendations",
            Document(
                "query Q($id: ID!) { chapterRecommendations(alumnus: $id) { reason chapter { code } } }",
                {"id": global_id("Alumnus", fx.alumnus)},
                lambda d: [[r["chapter"]["code"], r["reason"]] for r in d["chapterRecommendations"]],
            ),
        ),
        Document(
            "query Q($id: ID!) { chapterRecommendations(alumnus: $id) { chapterCode reason } }",
            {"id": fx.alumnus},
            lambda d: _chapters(d["chapterRecommendations"]),
        ),
    )


def _hops(paths: list[Data]) -> int | None:
    return len(paths[0]["steps"]) if paths else None


def introductions(fx: Fixtures) -> Scenario:
    """introductionPaths between two alumni three or four hops apart."""
    pair = {"from": fx.path_from, "to": fx.path_to}
    ours_pair = {"from": global_id("Alumnus", fx.path_from), "to": global_id("Alumnus", fx.path_to)}
    return Scenario(
        f"introductionPaths ({fx.path_hops} hops)",
        peer_cypher("introductionDistance", pair, lambda rows: {"hops": rows[0]["hops"]}),
        when_ours(
            "introductionPaths",
            Document(
                "query Q($from: ID!, $to: ID!) {"
                " introductionPaths(from: $from, to: $to, maxHops: 4, first: 3)"
                " { hops steps { tie from { id } to { id } } } }",
                ours_pair,
                lambda d: {"hops": _hops(d["introductionPaths"])},
            ),
        ),
        Document(
            "query Q($from: ID!, $to: ID!) { introductionDistance(from: $from, to: $to) { hops meetings } }",
            pair,
            lambda d: {"hops": d["introductionDistance"]["hops"]},
        ),
        notes=(
            "answers compared by hop count: equally short paths may legitimately differ",
            "ours: bidirectional BFS in one statement, returns 3 paths (steps projected in it);"
            " raw and peer: one statement meeting in the middle, returns the distance",
        ),
    )


def notable_due(fx: Fixtures) -> Scenario:
    """notableAlumniDue as of the last recorded interaction."""
    params = {"asOf": fx.as_of, "months": 12, "first": 50}
    return Scenario(
        "notableAlumniDue",
        peer_cypher("notableAlumniDue", params, _due),
        when_ours(
            "notableAlumniDue",
            Document(
                "query Q($asOf: Date!) { notableAlumniDue(asOf: $asOf, months: 12, first: 50)"
                " { lastInteractionOn alumnus { id } } }",
                {"asOf": fx.as_of.isoformat()},
                lambda d: [
                    [local_id(r["alumnus"]["id"]), str(r["lastInteractionOn"])] for r in d["notableAlumniDue"]
                ],
            ),
        ),
        Document(
            "query Q($asOf: Date!) { notableAlumniDue(asOf: $asOf, months: 12, first: 50)"
            " { alumnusId lastInteractionOn } }",
            {"asOf": fx.as_of.isoformat()},
            lambda d: _due(d["notableAlumniDue"]),
        ),
    )


def neighbourhood(fx: Fixtures) -> Scenario:
    """network around an alumnus, two hops, at most 200 nodes."""
    return Scenario(
        "network (depth 2, limit 200)",
        peer_cypher(
            "alumnusNeighbourhood", {"center": fx.alumnus, "limit": 200}, lambda r: len(r[0]["nodeIds"])
        ),
        when_ours(
            "network",
            Document(
                "query Q($id: ID!) { network(center: $id, depth: 2, limit: 200)"
                " { nodes { id type } edges { source target type } } }",
                {"id": global_id("Alumnus", fx.alumnus)},
                lambda d: len(d["network"]["nodes"]),
            ),
        ),
        Document(
            "query Q($id: ID!) { alumnusNeighbourhood(center: $id, limit: 200)"
            " { nodeIds edges { source target type } } }",
            {"id": fx.alumnus},
            lambda d: len(d["alumnusNeighbourhood"]["nodeIds"]),
        ),
        notes=("compared by node count: which 200 of the neighbours are drawn is each side's choice",),
    )


def _hits(items: list[Data]) -> list[list[str]]:
    return [[h["label"], h["id"]] for h in items]


def names(fx: Fixtures) -> Scenario:
    """search for the pinyin of an alumnus's name (full-text index, ranked by exactness then score)."""
    parsed = search.parse(fx.search_text)
    params = {
        "query": search.lucene_query(parsed),
        "compact": parsed.compact,
        "latin": not parsed.has_han,
        "first": 20,
    }
    return Scenario(
        f"search ({fx.search_text!r})",
        peer_cypher("searchNames", params, _hits),
        when_ours(
            "search",
            Document(
                "query Q($text: String!) { search(text: $text, first: 20) { score node {"
                " __typename ... on Alumnus { id } ... on Company { id } ... on Chapter { id } } } }",
                {"text": fx.search_text},
                lambda d: [[h["node"]["__typename"], local_id(h["node"]["id"])] for h in d["search"]],
            ),
        ),
        Document(
            "query Q($query: String!, $compact: String!, $latin: Boolean!) {"
            " searchNames(query: $query, compact: $compact, latin: $latin, first: 20) { label id } }",
            params,
            lambda d: _hits(d["searchNames"]),
        ),
        notes=(
            "raw and peer get the Lucene query graph.people.search builds from the text"
            " (its pinyin forms need Python); a library user would have to build it in their own"
            " resolver or client",
        ),
    )
