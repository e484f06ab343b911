"""Awards through HTTP: CRUD with the recipient union, filters, permissions."""

from __future__ import annotations

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import audit_ops, count, error_paths, gid, given_college_alumni, given_colleges

AWARD = """
award { id kind year title
  recipient { __typename ... on College { code } ... on Chapter { code } ... on Alumnus { name } } }
"""
CREATE = (
    "mutation C($input: CreateAwardInput!) { createAward(input: $input) { "
    + AWARD
    + " userErrors { field code message } } }"
)
UPDATE = (
    "mutation U($input: UpdateAwardInput!) { updateAward(input: $input) { "
    + AWARD
    + " userErrors { field code message } } }"
)
DELETE = "mutation D($input: DeleteAwardInput!) { deleteAward(input: $input) { deletedId userErrors { field code } } }"
LIST = (
    "query L($filter: AwardFilter) { awards(filter: $filter, orderBy: TITLE) { totalCount nodes { title } } }"
)


async def test_awards_go_to_colleges_chapters_and_alumni(api: Api, db: Database) -> None:
    # given
    await given_colleges(db)
    [alumnus] = await given_college_alumni(db, 1)
    base = {"year": 2024}
    # when
    college = await api.data(
        CREATE,
        {
            "input": {
                **base,
                "kind": "COLLEGE_WORK",
                "title": "校友工作先进单位",
                "recipient": gid("College", "col-cs"),
            }
        },
    )
    chapter = await api.data(
        CREATE,
        {
            "input": {
                **base,
                "kind": "OUTSTANDING_CHAPTER",
                "title": "优秀校友会",
                "recipient": gid("Chapter", "ch-sz"),
            }
        },
    )
    person = await api.data(
        CREATE,
        {
            "input": {
                **base,
                "kind": "OUTSTANDING_INDIVIDUAL",
                "title": "杰出校友",
                "recipient": gid("Alumnus", alumnus),
            }
        },
    )
    # then
    assert college["createAward"]["award"]["recipient"] == {"__typename": "College", "code": "CS"}
    assert chapter["createAward"]["award"]["recipient"] == {"__typename": "Chapter", "code": "SZ"}
    assert person["createAward"]["award"]["recipient"] == {"__typename": "Alumnus", "name": "校友cs1"}
    assert [e["op"] for e in await audit_ops(db)] == ["createAward"] * 3


async def test_create_award_refuses_bad_input(api: Api, db: Database) -> None:
    # given
    await given_colleges(db)
    # when
    bad = await api.data(
        CREATE,
        {"input": {"kind": "BREAKTHROUGH", "year": 1800, "title": " ", "recipient": gid("Company", "c1")}},
    )
    unknown = await api.data(
        CREATE,
        {"input": {"kind": "BREAKTHROUGH", "year": 2024, "title": "x", "recipient": gid("Chapter", "nope")}},
    )
    # then
    assert error_paths(bad["createAward"]) == {
        "input.year": "OUT_OF_RANGE",
        "input.title": "REQUIRED",
        "input.recipient": "INVALID",
    }
    assert error_paths(unknown["createAward"]) == {"input.recipient": "NOT_FOUND"}
    assert await count(db, "MATCH (a:Award) RETURN count(a) AS n") == 0


async def test_update_and_delete_award(api: Api, db: Database) -> None:
    # given
    await given_colleges(db)
    created = await api.data(
        CREATE,
        {
            "input": {
                "kind": "COLLEGE_WORK",
                "year": 2023,
                "title": "先进",
                "recipient": gid("College", "col-cs"),
            }
        },
    )
    award = created["createAward"]["award"]["id"]
    # when
    moved = await api.data(
        UPDATE, {"input": {"id": award, "year": 2024, "recipient": gid("College", "col-ee")}}
    )
    forbidden = await api.post(DELETE, {"input": {"id": award}}, role=Role.COLLEGE_OFFICER, college="CS")
    deleted = await api.data(DELETE, {"input": {"id": award}})
    # then
    shown = moved["updateAward"]["award"]
    assert (shown["year"], shown["recipient"]) == (2024, {"__typename": "College", "code": "EE"})
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert deleted["deleteAward"] == {"deletedId": award, "userErrors": []}
    assert await count(db, "MATCH (c:College) RETURN count(c) AS n") == 2
    assert await count(db, "MATCH ()-[r:TO]->(:College) RETURN count(r) AS n") == 0


async def test_awards_filters_and_recipients_outside_scope(api: Api, db: Database) -> None:
    # given
    await given_colleges(db)
    [alumnus] = await given_college_alumni(db, 1)
    await db.write_rows(
        """
        MATCH (cs:College {id: 'col-cs'}), (a:Alumnus {id: $a})
        CREATE (:Award {id: 'w1', kind: 'COLLEGE_WORK', year: 2023, title: 'A'})-[:TO]->(cs)
        CREATE (:Award {id: 'w2', kind: 'COLLEGE_WORK', year: 2024, title: 'B'})-[:TO]->(cs)
        CREATE (:Award {id: 'w3', kind: 'OUTSTANDING_INDIVIDUAL', year: 2024, title: 'C'})-[:TO]->(a)
        """,
        {"a": alumnus},
    )
    # when
    of_2024 = await api.data(LIST, {"filter": {"year": 2024}})
    individual = await api.data(LIST, {"filter": {"kinds": ["OUTSTANDING_INDIVIDUAL"]}})
    of_cs = await api.data(LIST, {"filter": {"recipient": gid("College", "col-cs")}})
    outside = await api.data(
        "{ awards(filter: {kinds: [OUTSTANDING_INDIVIDUAL]}) { nodes { title recipient { __typename } } } }",
        role=Role.COLLEGE_OFFICER,
        college="EE",
    )
    # then
    assert [n["title"] for n in of_2024["awards"]["nodes"]] == ["B", "C"]
    assert [n["title"] for n in individual["awards"]["nodes"]] == ["C"]
    assert of_cs["awards"]["totalCount"] == 2
    assert outside["awards"]["nodes"] == [{"title": "C", "recipient": None}]
