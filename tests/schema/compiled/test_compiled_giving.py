"""Compiled giving reads answer exactly as the resolvers do, for every role, in one statement each:
fundReport (stewardship with the Donor union, anonymous donors hidden from non-giving roles),
donorRetention's sizes, collegeScorecard, the funds and donations connections and node(id:).

Given the seeded graph of the parity tests, every document runs both ways; the JSON answers and
errors must be identical, and a compiled root field must cost exactly one Cypher statement.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from graph.core.db import Database
from schema.core.relay import to_global_id
from scripts.bench.reports import OURS_FUND
from tests.schema.compiled_support import Outcome, Seeded, both, seed

ROLES = ("ADMIN", "COLLEGE_OFFICER", "FUNDRAISER", "CHAPTER_ORGANIZER", "ALUMNUS")

FUND_REPORT = """
query Report($fund: ID!, $year: Int!) {
  fundReport(fund: $fund, year: $year) {
    __typename year received pledged outstandingPledges donorCount newDonorCount
    fund { __typename id code name kind goalCny status raisedCny progress createdAt college { code name } }
    donations {
      __typename id receiptNo kind amount currency amountCny date anonymous createdAt updatedAt paidCny
      donor { __typename ... on Alumnus { id externalId name email phone } ... on Company { id creditCode } }
      fund { code } pledge { receiptNo amountCny paidCny } payments { receiptNo date amountCny }
      solicitor { externalId name email }
    }
    stewardship { __typename lastGiftOn contactable anonymous donor { __typename ...Who } }
    again: stewardship { anonymous donor { ... on Company { name } } }
  }
}
fragment Who on Donor {
  ... on Alumnus { id externalId name email phone city { code } employments { current company { name } } }
  ... on Company { id creditCode name size alumniCount }
}
"""
RETENTION = """
query Retention($year: Int!, $fund: ID, $college: ID) {
  donorRetention(year: $year, fund: $fund, college: $college) {
    __typename year
    retained { totalCount } lybunt { __typename totalCount } sybunt { totalCount }
    newDonors(first: 5) { totalCount } recaptured { totalCount }
    again: retained(first: 100) { totalCount }
  }
}
"""
RETENTION_DONORS = (
    "query Donors($year: Int!) { donorRetention(year: $year) { retained(first: 3) { totalCount"
    " nodes { __typename ... on Alumnus { externalId } ... on Company { creditCode } } } } }"
)
SCORECARD = """
query Scores($year: Int!, $order: CollegeMetric, $desc: Boolean) {
  collegeScorecard(year: $year, orderBy: $order, descending: $desc) {
    __typename alumniCount completeProfiles eventsHeld attendance interactions raisedCny donorCount
    largestGiftCny cooperations cooperationValueCny stories college { __typename id code name }
  }
}
"""
FUNDS = """
query Funds($first: Int!, $after: String, $order: FundSort, $desc: Boolean, $filter: FundFilter) {
  funds(first: $first, after: $after, orderBy: $order, descending: $desc, filter: $filter) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id code name kind goalCny status raisedCny progress updatedAt college { code } } }
  }
}
"""
DONATIONS = """
query Gifts($first: Int!, $after: String, $order: DonationSort, $desc: Boolean, $filter: DonationFilter) {
  donations(first: $first, after: $after, orderBy: $order, descending: $desc, filter: $filter) {
    __typename totalCount pageInfo { hasNextPage endCursor }
    nodes {
      id receiptNo kind amount currency amountCny date anonymous paidCny
      donor { __typename ... on Alumnus { externalId email } ... on Company { creditCode } }
      fund { code raisedCny } pledge { receiptNo } payments { receiptNo } solicitor { externalId }
    }
  }
}
"""
FUND_DONATIONS = """
query FundGifts($id: ID!, $first: Int!, $after: String) {
  node(id: $id) {
    ... on Fund {
      code
      donations(first: $first, after: $after) {
        __typename totalCount pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }
        edges { __typename cursor node { receiptNo date amountCny donor { __typename ... on Company { name } } } }
        nodes { receiptNo anonymous }
      }
    }
  }
}
"""
NODE = """
query One($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Fund { code name goalCny raisedCny progress college { code } }
    ... on Donation { receiptNo kind amountCny date paidCny donor { __typename ... on Company { name } } }
  }
}
"""

_PICKS = {
    "busy": "MATCH (f:Fund)<-[:TO]-(d:Donation) RETURN f.id AS id, f.code AS code, count(d) AS n ORDER BY n DESC, code LIMIT 1",
    "college_fund": "MATCH (f:Fund)-[:OF_COLLEGE]->(:College {code: $college}) RETURN f.id AS id"
    " ORDER BY f.code LIMIT 1",
    "anonymous": "MATCH (f:Fund)<-[:TO]-(:Donation {anonymous: true}) RETURN f.id AS id ORDER BY f.code LIMIT 1",
    "payment": "MATCH (d:Donation)-[:PAYS]->(:Donation) RETURN d.id AS id ORDER BY d.receiptNo LIMIT 1",
    "pledge": "MATCH (d:Donation {kind: 'PLEDGE'})<-[:PAYS]-() RETURN d.id AS id ORDER BY d.receiptNo LIMIT 1",
    "year": "MATCH (d:Donation) RETURN d.date.year AS id, count(*) AS n ORDER BY n DESC, id LIMIT 1",
}


@pytest.fixture(scope="module")
async def seeded(session_db: Database, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Seeded]:
    """The seeded graph with funds and donations picked for the documents (the tests only read)."""
    found = await seed(session_db, Path(tmp_path_factory.mktemp("bundle")))
    officer = found.principals["COLLEGE_OFFICER"]
    college = officer.college_code if officer else None
    for name, query in _PICKS.items():
        rows = await session_db.read_rows(query, {"college": college})
        assert rows, name
        found.ids[name] = rows[0]["id"]
    yield found


def _compiled(out: Outcome, root: str) -> None:
    """Answered by the compiled path: one statement (none when the arguments were refused)."""
    assert out.answered == {root: "compiled"}
    assert out.statements == 1 or ("errors" in out.response and out.statements == 0)


@pytest.mark.parametrize("role", ROLES)
async def test_fund_report_matches_in_one_statement(session_db: Database, seeded: Seeded, role: str) -> None:
    # given the busiest fund, a fund with anonymous gifts, one of the officer's college and a bad year
    principal = seeded.principals[role]
    year = int(seeded.ids["year"])
    for doc in (FUND_REPORT, OURS_FUND):
        for fund, when in (("busy", year), ("anonymous", year - 1), ("college_fund", year), ("busy", 1800)):
            # when the report is read both ways
            out = await both(
                session_db, doc, {"fund": to_global_id("Fund", seeded.ids[fund]), "year": when}, principal
            )
            # then the answers (donors hidden or shown, errors for roles without giving) match
            _compiled(out, "fundReport")


async def test_the_bench_fund_report_is_compiled(session_db: Database, seeded: Seeded) -> None:
    # given the bench's document, when the office reads the busiest fund's year both ways
    variables = {"fund": to_global_id("Fund", seeded.ids["busy"]), "year": seeded.ids["year"]}
    out = await both(session_db, OURS_FUND, variables, seeded.principals["ADMIN"])
    # then one statement answered it, with every donor shown
    _compiled(out, "fundReport")
    stewards = out.response["data"]["fundReport"]["stewardship"]
    assert stewards and all(s["donor"] is not None for s in stewards)


@pytest.mark.parametrize("role", [*ROLES, "ANONYMOUS"])
async def test_fund_report_errors_match(session_db: Database, seeded: Seeded, role: str) -> None:
    # given an unknown fund, an id of another type and (ANONYMOUS) no token at all
    principal = seeded.principals[role]
    for fund in (to_global_id("Fund", "nope"), to_global_id("College", seeded.ids["college"]), "bm9wZQ"):
        # when each runs both ways, then the errors (codes, messages, paths) and data are the same
        out = await both(session_db, FUND_REPORT, {"fund": fund, "year": seeded.ids["year"]}, principal)
        assert "errors" in out.response


@pytest.mark.parametrize("role", ROLES)
async def test_retention_sizes_match_in_one_statement(
    session_db: Database, seeded: Seeded, role: str
) -> None:
    # given every fund, one fund and one college, and a bad year
    principal = seeded.principals[role]
    year = int(seeded.ids["year"])
    cases: list[dict[str, Any]] = [
        {"year": year},
        {"year": year, "fund": to_global_id("Fund", seeded.ids["busy"])},
        {"year": year - 1, "college": to_global_id("College", seeded.ids["college"])},
        {"year": 1800},
        {"year": year, "fund": to_global_id("College", seeded.ids["college"])},
    ]
    for values in cases:
        # when the sizes are read both ways
        out = await both(session_db, RETENTION, values, principal)
        # then they match, in one statement
        _compiled(out, "donorRetention")


RETENTION_PAGES = """
query Pages($year: Int!, $fund: ID, $first: Int!, $after: String) {
  donorRetention(year: $year, fund: $fund) {
    retained(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { __typename ... on Company { creditCode name } } }
    }
    sybunt(first: $first, after: $after) { nodes { ... on Alumnus { externalId name } } }
    newDonors { totalCount nodes { __typename ... on Alumnus { id } ... on Company { id } } }
    lybunt(first: 0) { pageInfo { hasNextPage endCursor } }
  }
}
"""


@pytest.mark.parametrize("role", ROLES)
async def test_retention_donor_pages_match_in_one_statement(
    session_db: Database, seeded: Seeded, role: str
) -> None:
    # given pages of retained donors (and of sybunt ones with the same arguments), all funds and one
    principal = seeded.principals[role]
    year = int(seeded.ids["year"])
    for fund in (None, to_global_id("Fund", seeded.ids["busy"])):
        after = None
        for _ in range(3):
            values = {"year": year, "fund": fund, "first": 3, "after": after}
            # when each page is read both ways
            out = await both(session_db, RETENTION_PAGES, values, principal)
            # then it matches, in one statement (an alumnus donor outside the caller's view: null
            # bubbles up as the resolvers bubble it, answered by them)
            if out.answered == {"donorRetention": "fallback"}:
                assert role in ("COLLEGE_OFFICER",)
                break
            _compiled(out, "donorRetention")
            if "errors" in out.response:
                break
            after = out.response["data"]["donorRetention"]["retained"]["pageInfo"]["endCursor"]
    # and a page size the resolver refuses is refused by the resolvers
    out = await both(session_db, RETENTION_PAGES, {"year": year, "first": 101}, principal)
    assert out.answered["donorRetention"] in ("fallback", "compiled")
    out = await both(session_db, RETENTION_DONORS, {"year": year}, principal)


@pytest.mark.parametrize("role", ROLES)
async def test_scorecard_matches_in_one_statement(session_db: Database, seeded: Seeded, role: str) -> None:
    # given each sort metric, both directions
    principal = seeded.principals[role]
    for order, desc in (
        ("RAISED_CNY", None),
        ("ALUMNI_COUNT", False),
        ("LARGEST_GIFT_CNY", True),
        ("STORIES", False),
    ):
        # when the scorecard is read both ways
        out = await both(
            session_db, SCORECARD, {"year": seeded.ids["year"], "order": order, "desc": desc}, principal
        )
        # then the rows and their order match, in one statement
        _compiled(out, "collegeScorecard")


@pytest.mark.parametrize("role", ROLES)
async def test_funds_pages_match_in_one_statement(session_db: Database, seeded: Seeded, role: str) -> None:
    # given the funds paged by code and by name (descending), and filtered by the officer's college
    principal = seeded.principals[role]
    college = to_global_id("College", seeded.ids["college"])
    for order, desc, filter_ in (
        ("CODE", False, None),
        ("NAME", True, None),
        ("CODE", False, {"college": college}),
    ):
        after = None
        for _ in range(3):
            values = {"first": 4, "after": after, "order": order, "desc": desc, "filter": filter_}
            out = await both(session_db, FUNDS, values, principal)
            # then every page matches, in one statement
            _compiled(out, "funds")
            if "errors" in out.response or not out.response["data"]["funds"]["pageInfo"]["hasNextPage"]:
                break
            after = out.response["data"]["funds"]["pageInfo"]["endCursor"]


@pytest.mark.parametrize("role", ROLES)
async def test_donations_pages_match_in_one_statement(
    session_db: Database, seeded: Seeded, role: str
) -> None:
    # given the donations by date (both ways) and by receipt number, and filtered to one fund and kind
    principal = seeded.principals[role]
    fund = to_global_id("Fund", seeded.ids["busy"])
    cases: list[tuple[str, bool, dict[str, Any] | None]] = [
        ("DATE", False, None),
        ("DATE", True, {"fund": fund}),
        ("RECEIPT_NO", False, {"kinds": ["PLEDGE", "PAYMENT"]}),
    ]
    for order, desc, filter_ in cases:
        after = None
        for _ in range(3):
            values = {"first": 30, "after": after, "order": order, "desc": desc, "filter": filter_}
            out = await both(session_db, DONATIONS, values, principal)
            # then every page matches (roles without giving data: the same error), in one statement
            _compiled(out, "donations")
            if "errors" in out.response or not out.response["data"]["donations"]["pageInfo"]["hasNextPage"]:
                break
            after = out.response["data"]["donations"]["pageInfo"]["endCursor"]


@pytest.mark.parametrize("role", ROLES)
async def test_node_matches_for_funds_and_donations(session_db: Database, seeded: Seeded, role: str) -> None:
    # given a fund, a pledge, a payment, and a donation id that does not exist
    principal = seeded.principals[role]
    ids = [
        to_global_id("Fund", seeded.ids["busy"]),
        to_global_id("Donation", seeded.ids["pledge"]),
        to_global_id("Donation", seeded.ids["payment"]),
        to_global_id("Donation", "nope"),
    ]
    for node_id in ids:
        # when each is read through node(id:), then the answers (NOT_FOUND outside giving) match
        out = await both(session_db, NODE, {"id": node_id}, principal)
        _compiled(out, "node")


BAD: list[tuple[str, dict[str, Any]]] = [
    (FUNDS, {"first": 101}),
    (FUNDS, {"first": 5, "after": "not-a-cursor"}),
    (DONATIONS, {"first": 5, "order": "DATE", "after": "WyJ4IiwieSJd"}),
    (DONATIONS, {"first": 5, "filter": {"donor": to_global_id("Fund", "x")}}),
    (SCORECARD, {"year": 1800}),
]


@pytest.mark.parametrize("role", [*ROLES, "ANONYMOUS"])
async def test_bad_arguments_match(session_db: Database, seeded: Seeded, role: str) -> None:
    # given bad page sizes, cursors and filters
    for doc, values in BAD:
        # when each runs both ways, then the errors and data are the same
        await both(session_db, doc, values, seeded.principals[role])


@pytest.mark.parametrize("role", ROLES)
async def test_a_funds_donations_pages_match_in_one_statement(
    session_db: Database, seeded: Seeded, role: str
) -> None:
    # given the busiest fund's donations, newest first, in pages of 7, 0 and a bad size
    principal = seeded.principals[role]
    fund = to_global_id("Fund", seeded.ids["busy"])
    after = None
    for _ in range(3):
        # when each page is read both ways
        out = await both(session_db, FUND_DONATIONS, {"id": fund, "first": 7, "after": after}, principal)
        # then it matches (empty outside the giving scope), in one statement
        _compiled(out, "node")
        after = out.response["data"]["node"]["donations"]["pageInfo"]["endCursor"]
    out = await both(session_db, FUND_DONATIONS, {"id": fund, "first": 0, "after": after}, principal)
    _compiled(out, "node")
    # and a page size the resolver refuses is refused the same way (by the resolvers)
    out = await both(session_db, FUND_DONATIONS, {"id": fund, "first": 101}, principal)
    assert out.answered == {"node": "fallback"}
