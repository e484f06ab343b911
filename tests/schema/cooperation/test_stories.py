"""Stories (DESIGN §7) through GraphQL on the real Neo4j, and the scorecard's §7 figures."""

from __future__ import annotations

import json

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.cooperation_givens import COOPERATIONS_OF_CS, STORIES_2023_2024, given_world
from tests.schema.given import audit_ops, count, credit_code, error_paths, gid

CO1 = credit_code(1)

CREATE = """
mutation($input: CreateStoryInput!) {
  createStory(input: $input) {
    story { id code channel publishedOn features { __typename ... on Alumnus { externalId }
            ... on College { code } ... on Company { name } ... on Chapter { code } } }
    userErrors { field code message }
  }
}
"""
UPDATE = """
mutation($input: UpdateStoryInput!) {
  updateStory(input: $input) { story { title url } userErrors { field code } }
}
"""
DELETE = """mutation($id: ID!) { deleteStory(input: {id: $id}) { deletedId userErrors { field code } } }"""
LIST = """
query($filter: StoryFilter) {
  stories(filter: $filter, first: 50) {
    totalCount
    edges { node { code features { __typename ... on Alumnus { externalId } ... on College { code } } } }
  }
}
"""
ON_TYPES = """
query($a: ID!, $c: ID!, $k: ID!, $ch: ID!) {
  a: node(id: $a) { ... on Alumnus { stories { totalCount edges { node { code } } } } }
  c: node(id: $c) { ... on College { stories { totalCount } } }
  k: node(id: $k) { ... on Company { stories { totalCount } } }
  ch: node(id: $ch) { ... on Chapter { stories { totalCount } } }
}
"""
SCORECARD = """
query($year: Int!, $orderBy: CollegeMetric) {
  collegeScorecard(year: $year, orderBy: $orderBy) {
    college { code } cooperations cooperationValueCny stories
  }
}
"""


async def test_create_story_update_and_delete_with_audit(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    features = [gid("Alumnus", "a-cs-1"), gid("College", "col-cs"), gid("Company", "co-1")]
    story = {"code": "S-1", "title": "校友创业", "channel": "NEWSPAPER", "publishedOn": "2024-05-04"}
    # when
    created = (await api.data(CREATE, {"input": story | {"features": features}}))["createStory"]
    story_id = created["story"]["id"]
    changed = await api.data(UPDATE, {"input": {"id": story_id, "url": "https://news.example.edu/1"}})
    gone = await api.data(DELETE, {"id": story_id})
    # then
    assert created["userErrors"] == []
    assert [f["__typename"] for f in created["story"]["features"]] == ["Alumnus", "College", "Company"]
    assert changed["updateStory"]["story"]["url"] == "https://news.example.edu/1"
    assert gone["deleteStory"]["deletedId"] == story_id
    ops = await audit_ops(db)
    assert [o["op"] for o in ops] == ["createStory", "updateStory", "deleteStory"]
    assert json.loads(ops[0]["changes"])["features"] == [
        None,
        ["Alumnus:CS0001", "College:CS", f"Company:{CO1}"],
    ]
    assert await count(db, "MATCH (n:Alumnus) RETURN count(n) AS n") == 4


async def test_a_story_needs_a_feature_and_a_known_one(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    story = {"code": "S-1", "title": "t", "channel": "WEBSITE", "publishedOn": "2024-05-04"}
    # when
    empty = await api.data(CREATE, {"input": story | {"features": []}})
    wrong = await api.data(CREATE, {"input": story | {"features": [gid("Need", "n-tech")]}})
    unknown = await api.data(CREATE, {"input": story | {"features": [gid("Event", "nope")]}})
    # then
    assert error_paths(empty["createStory"]) == {"input.features": "REQUIRED"}
    assert error_paths(wrong["createStory"]) == {"input.features": "INVALID"}
    assert error_paths(unknown["createStory"]) == {"input.features": "NOT_FOUND"}
    assert await count(db, "MATCH (n:Story) RETURN count(n) AS n") == 0


async def test_a_college_officer_writes_stories_about_their_college_only(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    story = {"code": "S-1", "title": "t", "channel": "MAGAZINE", "publishedOn": "2024-05-04"}
    # when
    own = await api.data(
        CREATE,
        {"input": story | {"features": [gid("Alumnus", "s-cs")]}},
        role=Role.COLLEGE_OFFICER,
        college="CS",
    )
    other = await api.data(
        CREATE,
        {"input": story | {"code": "S-2", "features": [gid("College", "col-ee")]}},
        role=Role.COLLEGE_OFFICER,
        college="CS",
    )
    # then
    assert own["createStory"]["userErrors"] == []
    assert error_paths(other["createStory"]) == {"input.features": "FORBIDDEN"}


async def test_stories_are_read_by_all_but_unseen_alumni_are_left_out_of_features(
    api: Api, db: Database
) -> None:
    # given
    await given_world(db)
    await db.write_rows(STORIES_2023_2024)
    flt = {"filter": {"features": gid("Alumnus", "a-cs-2")}}
    # when
    admin = await api.data(LIST, flt)
    alumnus = await api.data(LIST, flt, role=Role.ALUMNUS, alumnus="a-ee-1")
    # then: a-cs-2 does not consent to the directory, so only oneself and CS see them
    assert [f.get("externalId") for f in admin["stories"]["edges"][0]["node"]["features"]] == [
        "CS0001",
        "CS0002",
    ]
    assert [f.get("externalId") for f in alumnus["stories"]["edges"][0]["node"]["features"]] == ["CS0001"]


async def test_list_filters_and_fields_on_featured_types(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    await db.write_rows(STORIES_2023_2024)
    ids = {
        "a": gid("Alumnus", "a-cs-1"),
        "c": gid("College", "col-cs"),
        "k": gid("Company", "co-1"),
        "ch": gid("Chapter", "ch-sz"),
    }
    # when
    year = await api.data(LIST, {"filter": {"publishedFrom": "2024-01-01", "publishedTo": "2024-12-31"}})
    wechat = await api.data(LIST, {"filter": {"channel": "WECHAT"}})
    fields = await api.data(ON_TYPES, ids)
    bad = await api.post(LIST, {"filter": {"features": gid("Need", "n-tech")}})
    # then
    assert year["stories"]["totalCount"] == 5
    assert wechat["stories"]["totalCount"] == 6
    assert [e["node"]["code"] for e in fields["a"]["stories"]["edges"]] == ["S4", "S1"]
    assert (fields["c"]["stories"]["totalCount"], fields["k"]["stories"]["totalCount"]) == (2, 0)
    assert fields["ch"]["stories"]["totalCount"] == 1
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_scorecard_counts_stories_and_cooperations_as_designed(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    await db.write_rows(STORIES_2023_2024)
    await db.write_rows(COOPERATIONS_OF_CS)
    # when
    y2024 = await api.data(SCORECARD, {"year": 2024, "orderBy": "STORIES"})
    y2023 = await api.data(SCORECARD, {"year": 2023, "orderBy": "COOPERATION_VALUE_CNY"})
    # then: S1 once, S3 (chapter), S4 once; not S2 (staff only), S5 (2023); EE: S6
    rows = {r["college"]["code"]: r for r in y2024["collegeScorecard"]}
    assert (rows["CS"]["stories"], rows["EE"]["stories"]) == (3, 1)
    assert [r["college"]["code"] for r in y2024["collegeScorecard"]] == ["CS", "EE"]
    # K1 overlaps 2024 (value counted in 2023), K2 started in 2024; K3 proposed, K4 ended, K5 cancelled
    assert (rows["CS"]["cooperations"], rows["CS"]["cooperationValueCny"]) == (2, "50.00")
    assert (rows["EE"]["cooperations"], rows["EE"]["cooperationValueCny"]) == (0, "0.00")
    old = {r["college"]["code"]: r for r in y2023["collegeScorecard"]}
    assert (old["CS"]["cooperations"], old["CS"]["cooperationValueCny"], old["CS"]["stories"]) == (
        2,
        "100.00",
        1,
    )


PAGED = """
query($id: ID!, $after: String) {
  node(id: $id) { ... on College { stories(first: 1, after: $after) {
    edges { node { code } } pageInfo { hasNextPage endCursor } } } }
}
"""


async def test_stories_under_a_featured_node_page_newest_first(api: Api, db: Database) -> None:
    # given: S4 (2024) and S5 (2023) feature the CS college
    await given_world(db)
    await db.write_rows(STORIES_2023_2024)
    college = gid("College", "col-cs")
    # when
    first = (await api.data(PAGED, {"id": college}))["node"]["stories"]
    second = (await api.data(PAGED, {"id": college, "after": first["pageInfo"]["endCursor"]}))["node"][
        "stories"
    ]
    # then
    assert [e["node"]["code"] for e in first["edges"]] == ["S4"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["code"] for e in second["edges"]] == ["S5"]
    assert second["pageInfo"]["hasNextPage"] is False
