"""The relationship queries through HTTP: shapes, argument checks, scope and round trips."""

from __future__ import annotations

from graph.core.db import Database
from schema.core.permissions import Role
from schema.core.relay import to_global_id
from tests.conftest import Api
from tests.graph.insights.test_insights_graph import TIES
from tests.graph.reports.test_giving_reports import given_history

PATHS = """
query($from: ID!, $to: ID!, $max: Int) {
  introductionPaths(from: $from, to: $to, maxHops: $max) {
    hops
    steps { tie from { externalId } to { externalId } via { id ... on Class { code } ... on Chapter { code } } }
  }
}
"""
REUNIONS = """
query($year: Int!) {
  reunionClasses(year: $year, anniversaries: [10, 20]) {
    anniversary alumniCount contactableCount class { code } liaisons { externalId }
  }
}
"""
NETWORK = (
    "query($c: ID!) { network(center: $c, depth: 1) { nodes { id type name } edges { source target type } } }"
)
DUE = '{ notableAlumniDue(asOf: "2026-11-26", months: 12) { alumnus { externalId } lastInteractionOn } }'
SCORECARD = """
{ collegeScorecard(year: 2025, orderBy: ALUMNI_COUNT) {
    college { code } alumniCount completeProfiles eventsHeld attendance interactions raisedCny donorCount largestGiftCny
} }
"""
ACTIVITY = "{ chapterActivity(year: 2025) { chapter { code } eventsOrganized attendance memberCount newMembers interactions } }"


def gid(kind: str, node_id: str) -> str:
    return str(to_global_id(kind, node_id))


async def test_introduction_paths_over_http(api: Api, db: Database) -> None:
    # given
    await db.write_rows(TIES)
    api.reset_count()
    # when
    data = await api.data(PATHS, {"from": gid("Alumnus", "a"), "to": gid("Alumnus", "e"), "max": 6})
    # then
    (path,) = data["introductionPaths"]
    assert path["hops"] == 4
    assert [(s["tie"], s["from"]["externalId"], s["to"]["externalId"]) for s in path["steps"]] == [
        ("KNOWS", "A", "B"),
        ("CLASSMATE", "B", "C"),
        ("COLLEAGUE", "C", "D"),
        ("CHAPTER", "D", "E"),
    ]
    assert path["steps"][1]["via"]["code"] == "K"
    assert path["steps"][3]["via"]["code"] == "CH"
    assert api.statements <= 12  # check + at most 4 levels + batched alumni/class/chapter loads


async def test_introduction_paths_argument_checks(api: Api, db: Database) -> None:
    # given
    await db.write_rows(TIES)
    a, e = gid("Alumnus", "a"), gid("Alumnus", "e")
    # when
    too_far = await api.post(PATHS, {"from": a, "to": e, "max": 7})
    same = await api.post(PATHS, {"from": a, "to": a, "max": 3})
    unknown = await api.post(PATHS, {"from": a, "to": gid("Alumnus", "nobody"), "max": 3})
    wrong_type = await api.post(PATHS, {"from": a, "to": gid("College", "x"), "max": 3})
    # then
    assert too_far["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert same["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert unknown["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert wrong_type["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_introduction_paths_are_not_for_alumni_tokens(api: Api, db: Database) -> None:
    # when
    body = await api.post(
        PATHS, {"from": gid("Alumnus", "a"), "to": gid("Alumnus", "e")}, role=Role.ALUMNUS, alumnus="a"
    )
    # then
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_reunion_classes_over_http(api: Api, db: Database) -> None:
    # given
    await db.write_rows(
        """
        CREATE (k:Class {id: 'k10', code: 'K10', name: '10', graduationYear: 2016})
        CREATE (a:Alumnus {id: 'a', externalId: 'A', name: 'A', email: 'a@x.cn', consentContact: true})-[:STUDIED_IN]->(k)
        CREATE (:Alumnus {id: 'b', externalId: 'B', name: 'B'})-[:STUDIED_IN]->(k)
        CREATE (a)-[:LIAISON_FOR]->(k)
        """
    )
    # when
    data = await api.data(REUNIONS, {"year": 2026})
    bad = await api.post(REUNIONS, {"year": 99999})
    api.reset_count()
    bare = await api.data("{ reunionClasses(year: 2026, anniversaries: [10]) { alumniCount } }")
    bare_statements = api.statements
    spread = await api.data(
        "{ reunionClasses(year: 2026, anniversaries: [10]) { ...R } }"
        " fragment R on ReunionClass { ... on ReunionClass { class { code } } liaisons { ...L } }"
        " fragment L on Alumnus { externalId }"
    )
    # then: the classes and liaisons are read when shown (through fragments too), else not
    assert bare == {"reunionClasses": [{"alumniCount": 2}]} and bare_statements == 1
    assert spread == {"reunionClasses": [{"class": {"code": "K10"}, "liaisons": [{"externalId": "A"}]}]}
    assert data["reunionClasses"] == [
        {
            "anniversary": 10,
            "alumniCount": 2,
            "contactableCount": 1,
            "class": {"code": "K10"},
            "liaisons": [{"externalId": "A"}],
        }
    ]
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_notable_alumni_due_over_http(api: Api, db: Database) -> None:
    # given
    await db.write_rows(
        "CREATE (a:Alumnus {id: 'a', externalId: 'A', name: 'A', notable: true})"
        " CREATE (b:Alumnus {id: 'b', externalId: 'B', name: 'B', notable: true})"
        " CREATE (:Interaction {id: 'i', kind: 'VISIT', date: date('2024-01-01')})-[:WITH]->(b)"
    )
    # when
    data = await api.data(DUE)
    # then
    assert data["notableAlumniDue"] == [
        {"alumnus": {"externalId": "A"}, "lastInteractionOn": None},
        {"alumnus": {"externalId": "B"}, "lastInteractionOn": "2024-01-01"},
    ]


async def test_network_over_http(api: Api, db: Database) -> None:
    # given
    await db.write_rows(TIES)
    # when
    data = (await api.data(NETWORK, {"c": gid("Alumnus", "b")}))["network"]
    # then
    assert data["nodes"][0] == {"id": gid("Alumnus", "b"), "type": "Alumnus", "name": "B"}
    assert {n["type"] for n in data["nodes"]} == {"Alumnus", "Class"}
    assert {e["type"] for e in data["edges"]} == {"KNOWS", "STUDIED_IN"}
    node_ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in node_ids and e["target"] in node_ids for e in data["edges"])


async def test_scorecard_and_activity_over_http(api: Api, db: Database) -> None:
    # given
    await given_history(db)
    # when
    cards = (await api.data(SCORECARD))["collegeScorecard"]
    officer = (await api.data(SCORECARD, role=Role.COLLEGE_OFFICER, college="EE"))["collegeScorecard"]
    activity = (await api.data(ACTIVITY))["chapterActivity"]
    # then
    assert cards[0] == {
        "college": {"code": "CS"},
        "alumniCount": 3,
        "completeProfiles": 1,
        "eventsHeld": 2,
        "attendance": 3,
        "interactions": 2,
        "raisedCny": "9934.21",
        "donorCount": 3,
        "largestGiftCny": "7123.45",
    }
    assert [c["college"]["code"] for c in officer] == ["EE"]
    assert activity == [
        {
            "chapter": {"code": "CS-CH"},
            "eventsOrganized": 1,
            "attendance": 2,
            "memberCount": 2,
            "newMembers": 1,
            "interactions": 1,
        }
    ]
