"""`alumni-graph bench` machinery end to end: a tiny generated bundle in the test Neo4j, both servers,
two timed rounds per scenario, the hostile documents with short timeouts. Loopback only."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from graph.core.db import ConnectionSettings, Database
from scripts.bench.dataset import load_bundle
from scripts.bench.growth import (
    Prepared,
    SizeRun,
    growth_document,
    growth_table,
    lines_up,
    run_growth,
    shape,
)
from scripts.bench.measure import Series
from scripts.bench.plan import Plan
from scripts.bench.report import Row, load_table, safety_table, table
from scripts.bench.runner import Outcome, run_suite
from scripts.bench.safety import Limits
from scripts.bench.scenario import Cypher, Scenario
from scripts.seed import MIN_ALUMNI, generate
from tests.conftest import wipe

PLAN = Plan(warmup=1, iterations=2, budget_s=5.0, min_iterations=2, clients=2, load_s=0.3)
QUICK = Limits(timeout_s=3.0, grace_s=1.0, quiet_s=1.0, quiet_after_timeout_s=2.0, settle_max_s=20.0)
RELATIONSHIP_QUESTIONS = (
    "partnerCompanies",
    "openNeeds",
    "introductionPaths",
    "reunionClasses",
    "chapterRecommendations",
    "fundReport",
    "donorRetention",
    "collegeScorecard",
    "notableAlumniDue",
    "network",
    "search",
)


def _sides(scenario: dict[str, Any]) -> dict[str, Any]:
    return {side: s for side, s in scenario["sides"].items() if s is not None}


async def test_bench_asks_every_scenario_three_ways_answers_match_and_hostile_documents_are_reported(
    db: Database, connection: ConnectionSettings, tmp_path: Path
) -> None:
    # given the smallest generated bundle, imported into the clean test database
    summary = generate(tmp_path / "bundle", MIN_ALUMNI)
    await load_bundle(db, summary.out_dir, lambda _: None)
    lines: list[str] = []
    # when
    outcome = await run_suite(connection, PLAN, tmp_path / "logs", hostile=QUICK, echo=lines.append)
    # then every scenario ran raw, ours and peer twice, and the three answers agree
    doc = outcome.document
    assert doc["all_answers_match"], "\n".join(lines)
    assert doc["dataset"]["alumni"] == MIN_ALUMNI
    names = [s["scenario"] for s in doc["scenarios"]]
    assert names[:3] == ["floor: { __typename }", "alumni page 1 (nested)", "alumni page 4 (nested)"]
    assert all(any(n.startswith(q) for n in names) for q in RELATIONSHIP_QUESTIONS), names
    for scenario in doc["scenarios"]:
        sides = _sides(scenario)
        assert set(sides) == {"raw", "ours", "peer"}, scenario
        assert all(s["n"] == 2 and s["error"] is None and s["p50_ms"] > 0 for s in sides.values())
        assert len({s["digest"] for s in sides.values()}) == 1
        assert scenario["ours_over_raw"] > 0 and scenario["ours_over_peer"] > 0
    assert "MISMATCH" not in table(outcome.rows)
    # and the table says which path answered: the alumni pages and the lookup by id are compiled
    paths = {s["scenario"]: s["ours_path"] for s in doc["scenarios"]}
    assert paths["alumni page 1 (nested)"] == paths["alumnus by id with employments"] == "compiled"
    assert paths["floor: { __typename }"] == "resolvers"
    # and the floor and the concurrency run were measured for ours and the peer
    assert doc["healthz"]["p50_ms"] > 0
    for scenario in doc["scenarios"]:
        load = scenario["concurrency"]
        assert set(load) == {"ours", "peer"} and all(v["clients"] == 2 for v in load.values())
        assert all(v["requests"] > 0 and v["errors"] == 0 for v in load.values()), scenario
    assert load_table(outcome.rows).count("\n") == len(outcome.rows) + 2
    # and our API refused every hostile document before touching Neo4j and stayed responsive
    ours = [o for o in outcome.safety if o.server == "ours"]
    peer = [o for o in outcome.safety if o.server == "peer"]
    assert len(ours) == len(peer) == 3
    assert all(o.refused and not o.touched_database and o.responsive_after for o in ours), ours
    assert all(o.error and o.error.startswith("QUERY_TOO_COMPLEX") for o in ours)
    # and what the peer did is recorded, whatever it was
    assert all(o.seconds > 0 and (o.timed_out or o.status is not None) for o in peer)
    assert len(safety_table(outcome.safety).splitlines()) == 2 + len(outcome.safety) + sum(
        len(o.notes) for o in outcome.safety
    )


def test_only_picks_scenarios_by_words_of_their_names() -> None:
    # given
    some = Plan(only=("fundreport", "Network"))
    # when / then: case-insensitive substrings; no words means every scenario
    assert some.wants("fundReport (2025)") and some.wants("network (depth 2, limit 200)")
    assert not some.wants("reunionClasses")
    assert Plan().wants("reunionClasses")


async def test_growth_runs_the_scenarios_at_each_size_with_its_import_time_and_tabulates_them(
    db: Database, connection: ConnectionSettings, tmp_path: Path
) -> None:
    # given two tiny sizes, each imported afresh into the clean test database
    prepared: list[int] = []

    async def sized(alumni: int) -> Prepared:
        prepared.append(alumni)
        await wipe(db)
        summary = generate(tmp_path / f"bundle-{alumni}", alumni)
        return connection, await load_bundle(db, summary.out_dir, lambda _: None)

    plan = replace(PLAN, only=("floor", "page 1 (nested)", "fundReport"), clients=0)
    lines: list[str] = []
    # when
    runs = await run_growth([2 * MIN_ALUMNI, MIN_ALUMNI], sized, plan, tmp_path / "logs", echo=lines.append)
    # then the sizes ran in the order given (a reused database can go first), reported smallest first
    assert prepared == [2 * MIN_ALUMNI, MIN_ALUMNI]
    assert [r.alumni for r in runs] == [MIN_ALUMNI, 2 * MIN_ALUMNI]
    assert all(r.import_s is not None and r.import_s > 0 for r in runs)
    assert [r.outcome.document["dataset"]["alumni"] for r in runs] == [MIN_ALUMNI, 2 * MIN_ALUMNI]
    names = ["floor: { __typename }", "alumni page 1 (nested)", "fundReport (2025)"]
    assert all([row.scenario.name for row in r.rows] == names for r in runs), "\n".join(lines)
    # and the growth document has raw / ours / peer p50 at both sizes and a shape for each scenario
    doc = growth_document(runs)
    assert doc["all_answers_match"] and (doc["from_alumni"], doc["to_alumni"]) == (MIN_ALUMNI, 2 * MIN_ALUMNI)
    assert [g["scenario"] for g in doc["growth"]] == names
    for g in doc["growth"]:
        assert set(g["p50_ms"]) == {str(MIN_ALUMNI), str(2 * MIN_ALUMNI)}
        assert all(v is not None and v > 0 for sides in g["p50_ms"].values() for v in sides.values())
        assert g["ours_growth"] > 0 and (g["shape"] == "flat" or g["shape"].startswith("grows "))
    assert [s["import_s"] for s in doc["sizes"]] == [r.import_s for r in runs]
    # and the table has a line per scenario, then the import times
    text = growth_table(runs).splitlines()
    assert len(text) == 2 + len(names) + 1 and text[-1].startswith("  import: 200 alumni in ")


def test_a_scenario_is_flat_up_to_one_and_a_half_times() -> None:
    # given / when / then
    assert shape(1.0) == shape(1.5) == "flat"
    assert shape(1.51) == "grows 1.5×" and shape(12.3) == "grows 12.3×"
    assert shape(None) == "—"


def _run(alumni: int, timings: dict[str, float]) -> SizeRun:
    rows = []
    for name, ms in timings.items():
        scenario = Scenario(name, Cypher("RETURN 1", {}, lambda rows: rows), None, None)
        rows.append(Row(scenario, {side: Series(side, [ms]) for side in ("raw", "ours")}))
    fx: Any = None
    return SizeRun(alumni, 1.0, Outcome(fx, rows, [], {"all_answers_match": True}))


def test_growth_pairs_scenarios_whose_inputs_differ_by_size() -> None:
    # given two sizes whose search scenario was asked with different texts
    small = _run(10_000, {"floor": 1.0, "search ('huang')": 10.0})
    large = _run(100_000, {"floor": 1.2, "search ('su')": 40.0})
    # when
    paired = lines_up([small, large])
    # then the scenarios are paired by position, the renamed one labelled with both names
    assert [name for name, _ in paired] == ["floor", "search ('huang') → search ('su')"]
    assert [g["shape"] for g in growth_document([small, large])["growth"]] == ["flat", "grows 4.0×"]
    # and a scenario missing at one size is paired by name instead
    fewer = _run(100_000, {"floor": 1.2})
    assert [name for name, rows in lines_up([small, fewer])] == ["floor", "search ('huang')"]
    assert lines_up([small, fewer])[1][1][1] is None
