"""Every scenario of the benchmark, in the order they run."""

from __future__ import annotations

from scripts.bench import careers, reports
from scripts.bench import graph_questions as q
from scripts.bench.fixtures import Fixtures
from scripts.bench.lists import alumni_pages, cursor_of_page
from scripts.bench.scenario import Cypher, Document, Scenario
from scripts.bench.sides import GraphQL


async def scenarios(fx: Fixtures, ours: GraphQL) -> list[Scenario]:
    """Lists first, then the relationship questions; our deep-page cursor comes from walking our pages."""
    ours_after = await cursor_of_page(ours, fx.deep_page)
    found: list[Scenario | None] = [
        floor(),
        *alumni_pages(fx, ours_after),
        careers.alumnus_with_jobs(fx),
        careers.companies_in_industry(fx),
        reports.partner_companies(fx),
        reports.open_needs(fx),
        q.introductions(fx),
        q.reunions(fx),
        q.recommendations(fx),
        reports.fund_report(fx),
        reports.donor_retention(fx),
        reports.college_scorecard(fx),
        q.notable_due(fx),
        q.neighbourhood(fx),
        q.names(fx),
    ]
    return [s for s in found if s is not None]


def floor() -> Scenario:
    """`{ __typename }`: what any GraphQL request costs (raw: `RETURN 1`, one round trip to Neo4j)."""
    return Scenario(
        "floor: { __typename }",
        Cypher("RETURN 1 AS one", {}, lambda rows: "ok"),
        Document("{ __typename }", {}, lambda data: "ok"),
        Document("{ __typename }", {}, lambda data: "ok"),
        notes=("no data read: HTTP, parsing, validation, limits and serialisation only",),
    )
