"""Scenarios of matchmaking and the yearly giving reports (DESIGN §4)."""

from __future__ import annotations

from typing import Any

from scripts.bench.fixtures import Fixtures
from scripts.bench.scenario import Document, Scenario, cny_fen, global_id, local_id, peer_cypher, when_ours
from scripts.bench.sides import Data

SEGMENTS = ("retained", "lybunt", "sybunt", "newDonors", "recaptured")


def _matches(rows: list[Data]) -> list[list[Any]]:
    return [
        [r["creditCode"], r["founderCount"], r["executiveCount"], r["alumniCount"], sorted(r["alumniIds"])]
        for r in rows
    ]


def _matches_ours(data: Data) -> list[list[Any]]:
    return [
        [
            m["company"]["creditCode"],
            m["founderCount"],
            m["executiveCount"],
            m["alumniCount"],
            sorted(local_id(e["alumnus"]["id"]) for e in m["alumni"]),
        ]
        for m in data["partnerCompanies"]
    ]


def partner_companies(fx: Fixtures) -> Scenario:
    """partnerCompanies in the industry with the most companies, anywhere, any need."""
    params = {"industry": fx.industry, "region": None, "needKind": None, "first": 20}
    return Scenario(
        f"partnerCompanies (industry {fx.industry})",
        peer_cypher("partnerCompanies", params, _matches),
        when_ours(
            "partnerCompanies",
            Document(
                "query Q($industry: String!) { partnerCompanies(industry: $industry, first: 20) {"
                " company { creditCode } founderCount executiveCount alumniCount"
                " alumni { alumnus { id } } } }",
                {"industry": fx.industry},
                _matches_ours,
            ),
        ),
        Document(
            "query Q($industry: String!) { partnerCompanies(industry: $industry, region: null,"
            " needKind: null, first: 20) { creditCode founderCount executiveCount alumniCount alumniIds } }",
            {"industry": fx.industry},
            lambda d: _matches(d["partnerCompanies"]),
        ),
    )


def _needs(rows: list[Data]) -> list[list[Any]]:
    return [
        [
            r["creditCode"],
            r["kind"],
            r["description"],
            r["founderCount"],
            r["bridgeCount"],
            sorted(r["bridgeIds"]),
        ]
        for r in rows
    ]


def _needs_ours(data: Data) -> list[list[Any]]:
    return [
        [
            m["company"]["creditCode"],
            m["need"]["kind"],
            m["need"]["description"],
            m["founderCount"],
            m["bridgeCount"],
            sorted(local_id(b["alumnus"]["id"]) for b in m["bridges"]),
        ]
        for m in data["openNeeds"]
    ]


def open_needs(fx: Fixtures) -> Scenario:
    """openNeeds (DESIGN §7) in the industry with the most companies, any kind, any college."""
    params = {"college": None, "kind": None, "industry": fx.industry, "region": None, "first": 20}
    return Scenario(
        f"openNeeds (industry {fx.industry})",
        peer_cypher("openNeeds", params, _needs),
        when_ours(
            "openNeeds",
            Document(
                "query Q($industry: String!) { openNeeds(industry: $industry, first: 20) {"
                " company { creditCode } need { kind description } founderCount bridgeCount"
                " bridges { alumnus { id } } } }",
                {"industry": fx.industry},
                _needs_ours,
            ),
        ),
        Document(
            "query Q($industry: String!) { openNeeds(industry: $industry, first: 20) {"
            " creditCode kind description founderCount bridgeCount bridgeIds } }",
            {"industry": fx.industry},
            lambda d: _needs(d["openNeeds"]),
        ),
    )


def _fund(r: Data, stewards: list[list[Any]], donations: list[str]) -> list[Any]:
    figures = [int(r["receivedFen"]), int(r["pledgedFen"]), int(r["outstandingFen"])]
    return [*figures, r["donorCount"], r["newDonorCount"], sorted(donations), sorted(stewards, key=str)]


def _fund_peer(r: Data) -> list[Any]:
    stewards = [
        [s["donorId"], str(s["lastGiftOn"]), s["anonymous"], s["contactable"]] for s in r["stewardship"]
    ]
    return _fund(r, stewards, r["donationIds"])


def _fund_ours(data: Data) -> list[Any]:
    r = data["fundReport"]
    money = {
        "receivedFen": cny_fen(r["received"]),
        "pledgedFen": cny_fen(r["pledged"]),
        "outstandingFen": cny_fen(r["outstandingPledges"]),
    }
    stewards = [
        [local_id(s["donor"]["id"]), str(s["lastGiftOn"]), s["anonymous"], s["contactable"]]
        for s in r["stewardship"]
    ]
    return _fund(r | money, stewards, [local_id(d["id"]) for d in r["donations"]])


OURS_FUND = (
    "query Q($fund: ID!, $year: Int!) { fundReport(fund: $fund, year: $year) {"
    " received pledged outstandingPledges donorCount newDonorCount donations { id }"
    " stewardship { lastGiftOn anonymous contactable"
    " donor { ... on Alumnus { id } ... on Company { id } } } } }"
)
PEER_FUND = (
    "query Q($fund: ID!, $year: Int!) { fundReport(fund: $fund, year: $year) {"
    " receivedFen pledgedFen outstandingFen donorCount newDonorCount donationIds"
    " stewardship { donorId lastGiftOn anonymous contactable } } }"
)


def fund_report(fx: Fixtures) -> Scenario | None:
    """fundReport of the fund with the most donations, for the last full year."""
    if fx.fund is None:
        return None
    params = {"fund": fx.fund, "year": fx.giving_year}
    return Scenario(
        f"fundReport ({fx.giving_year})",
        peer_cypher("fundReport", params, lambda rows: _fund_peer(rows[0])),
        when_ours(
            "fundReport",
            Document(OURS_FUND, {"fund": global_id("Fund", fx.fund), "year": fx.giving_year}, _fund_ours),
        ),
        Document(PEER_FUND, params, lambda d: _fund_peer(d["fundReport"])),
        notes=("compared: the money (fen), donor counts, the year's donations and every steward's row",),
    )


def donor_retention(fx: Fixtures) -> Scenario:
    """donorRetention over every fund for the last full year: the five segment sizes."""
    params = {"year": fx.giving_year, "fund": None, "college": None}
    ours = " ".join(f"{s} {{ totalCount }}" for s in SEGMENTS)
    return Scenario(
        f"donorRetention ({fx.giving_year})",
        peer_cypher("donorRetention", params, lambda rows: [rows[0][s] for s in SEGMENTS]),
        when_ours(
            "donorRetention",
            Document(
                "query Q($year: Int!) { donorRetention(year: $year) { " + ours + " } }",
                {"year": fx.giving_year},
                lambda d: [d["donorRetention"][s]["totalCount"] for s in SEGMENTS],
            ),
        ),
        Document(
            "query Q($year: Int!) { donorRetention(year: $year, fund: null, college: null)"
            " { " + " ".join(SEGMENTS) + " } }",
            {"year": fx.giving_year},
            lambda d: [d["donorRetention"][s] for s in SEGMENTS],
        ),
    )


_SCORE_FIELDS = ("alumniCount", "completeProfiles", "eventsHeld", "attendance", "interactions", "donorCount")


def _scores(rows: list[Data]) -> list[list[Any]]:
    return sorted(
        [r["collegeCode"], *(r[f] for f in _SCORE_FIELDS), int(r["raisedFen"]), int(r["largestFen"])]
        for r in rows
    )


def _scores_ours(data: Data) -> list[list[Any]]:
    return sorted(
        [
            r["college"]["code"],
            *(r[f] for f in _SCORE_FIELDS),
            cny_fen(r["raisedCny"]),
            cny_fen(r["largestGiftCny"]),
        ]
        for r in data["collegeScorecard"]
    )


def college_scorecard(fx: Fixtures) -> Scenario:
    """collegeScorecard for the last full year."""
    fields = " ".join(_SCORE_FIELDS)
    return Scenario(
        f"collegeScorecard ({fx.giving_year})",
        peer_cypher("collegeScorecard", {"year": fx.giving_year}, _scores),
        when_ours(
            "collegeScorecard",
            Document(
                "query Q($year: Int!) { collegeScorecard(year: $year) { college { code } "
                + fields
                + " raisedCny largestGiftCny } }",
                {"year": fx.giving_year},
                _scores_ours,
            ),
        ),
        Document(
            "query Q($year: Int!) { collegeScorecard(year: $year) { collegeCode "
            + fields
            + " raisedFen largestFen } }",
            {"year": fx.giving_year},
            lambda d: _scores(d["collegeScorecard"]),
        ),
    )
