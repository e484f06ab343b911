"""Interactions through HTTP: CRUD with participants, permissions, scope, filters and orders."""

from __future__ import annotations

import json

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import (
    audit_ops,
    count,
    error_paths,
    gid,
    given_college_alumni,
    given_colleges,
    given_member,
)

FIELDS = """
interaction {
  id kind date summary feedback by { name }
  with { __typename ... on Alumnus { name } ... on Chapter { code } ... on Company { name } }
}
"""
CREATE = (
    "mutation C($input: CreateInteractionInput!) { createInteraction(input: $input) { "
    + FIELDS
    + " userErrors { field code message } } }"
)
UPDATE = (
    "mutation U($input: UpdateInteractionInput!) { updateInteraction(input: $input) { "
    + FIELDS
    + " userErrors { field code message } } }"
)
DELETE = "mutation D($input: DeleteInteractionInput!) { deleteInteraction(input: $input) { deletedId userErrors { field code } } }"
LIST = """
query L($filter: InteractionFilter, $desc: Boolean) {
  interactions(filter: $filter, descending: $desc) { totalCount nodes { summary } }
}
"""
ALUMNUS = "query A($id: ID!) { node(id: $id) { ... on Alumnus { interactions { summary } } } }"
NODE = "query N($id: ID!) { node(id: $id) { ... on Interaction { summary } } }"


async def given_people(db: Database) -> tuple[str, str, str]:
    """A staff member (EE), an alumnus member of chapter SZ (CS), another CS alumnus, a company c1."""
    await given_colleges(db)
    [staff] = await given_college_alumni(db, 1, "ee", kinds=["STAFF"])
    member, other = await given_college_alumni(db, 2, "cs")
    await given_member(db, member)
    await db.write_rows("CREATE (:Company {id: 'c1', creditCode: 'X-1', name: '甲公司'})")
    return staff, member, other


async def given_interactions(db: Database, staff: str, member: str, other: str) -> None:
    """Three visits: to the member (2024-03), to the other alumnus (2024-01), to company c1 (2023-11)."""
    await db.write_rows(
        """
        MATCH (s:Alumnus {id: $staff}), (m:Alumnus {id: $member}), (o:Alumnus {id: $other}), (c:Company {id: 'c1'})
        CREATE (i1:Interaction {id: 'i1', kind: 'VISIT', date: date('2024-03-01'), summary: 'member'})
        CREATE (i2:Interaction {id: 'i2', kind: 'CALL', date: date('2024-01-15'), summary: 'other'})
        CREATE (i3:Interaction {id: 'i3', kind: 'VISIT', date: date('2023-11-30'), summary: 'company'})
        CREATE (i1)-[:BY]->(s), (i1)-[:WITH]->(m), (i2)-[:BY]->(s), (i2)-[:WITH]->(o), (i3)-[:WITH]->(c)
        """,
        {"staff": staff, "member": member, "other": other},
    )


async def test_create_interaction_with_every_kind_of_party(api: Api, db: Database) -> None:
    # given
    staff, member, _ = await given_people(db)
    parties = [gid("Alumnus", member), gid("Chapter", "ch-sz"), gid("Company", "c1")]
    # when
    data = await api.data(
        CREATE,
        {
            "input": {
                "kind": "VISIT",
                "date": "2024-04-02",
                "summary": " 走访深圳校友会 ",
                "feedback": "希望加强合作",
                "by": gid("Alumnus", staff),
                "with": parties,
            }
        },
        role=Role.FUNDRAISER,
    )
    # then
    payload = data["createInteraction"]
    assert payload["userErrors"] == []
    shown = payload["interaction"]
    assert (shown["kind"], shown["date"], shown["summary"]) == ("VISIT", "2024-04-02", "走访深圳校友会")
    assert shown["by"] == {"name": "校友ee1"}
    assert sorted(shown["with"], key=lambda p: p["__typename"]) == [
        {"__typename": "Alumnus", "name": "校友cs1"},
        {"__typename": "Chapter", "code": "SZ"},
        {"__typename": "Company", "name": "甲公司"},
    ]
    entry = (await audit_ops(db))[0]
    assert (entry["op"], entry["role"]) == ("createInteraction", "FUNDRAISER")
    assert sorted(json.loads(entry["changes"])["with"][1]) == sorted([member, "ch-sz", "c1"])


async def test_create_interaction_refuses_unknown_and_wrong_references(api: Api, db: Database) -> None:
    # given
    await given_people(db)
    # when
    unknown = await api.data(
        CREATE,
        {
            "input": {
                "kind": "CALL",
                "date": "2024-01-01",
                "with": [gid("Company", "c1"), gid("Chapter", "no")],
            }
        },
    )
    wrong = await api.data(
        CREATE,
        {
            "input": {
                "kind": "CALL",
                "date": "2024-01-01",
                "by": gid("Company", "c1"),
                "with": [gid("Event", "e1")],
                "summary": "x" * 2001,
            }
        },
    )
    # then
    assert error_paths(unknown["createInteraction"]) == {"input.with.1": "NOT_FOUND"}
    assert error_paths(wrong["createInteraction"]) == {
        "input.by": "INVALID",
        "input.with.0": "INVALID",
        "input.summary": "INVALID",
    }
    assert await count(db, "MATCH (i:Interaction) RETURN count(i) AS n") == 0


async def test_update_interaction_replaces_participants_and_clears_fields(api: Api, db: Database) -> None:
    # given
    staff, member, other = await given_people(db)
    await given_interactions(db, staff, member, other)
    # when
    data = await api.data(
        UPDATE,
        {
            "input": {
                "id": gid("Interaction", "i1"),
                "by": None,
                "feedback": "满意",
                "with": [gid("Alumnus", other), gid("Company", "c1")],
            }
        },
    )
    untouched = await api.data(UPDATE, {"input": {"id": gid("Interaction", "i1"), "summary": None}})
    # then
    shown = data["updateInteraction"]["interaction"]
    assert shown["by"] is None
    assert shown["feedback"] == "满意"
    assert sorted(p["__typename"] for p in shown["with"]) == ["Alumnus", "Company"]
    again = untouched["updateInteraction"]["interaction"]
    assert again["summary"] is None
    assert len(again["with"]) == 2
    assert [e["op"] for e in await audit_ops(db)] == ["updateInteraction", "updateInteraction"]


async def test_only_admins_delete_interactions(api: Api, db: Database) -> None:
    # given
    staff, member, other = await given_people(db)
    await given_interactions(db, staff, member, other)
    # when
    forbidden = await api.post(DELETE, {"input": {"id": gid("Interaction", "i1")}}, role=Role.FUNDRAISER)
    deleted = await api.data(DELETE, {"input": {"id": gid("Interaction", "i1")}})
    missing = await api.data(DELETE, {"input": {"id": gid("Interaction", "i1")}})
    # then
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert deleted["deleteInteraction"] == {"deletedId": gid("Interaction", "i1"), "userErrors": []}
    assert error_paths(missing["deleteInteraction"]) == {"input.id": "NOT_FOUND"}
    assert await count(db, "MATCH (a:Alumnus) RETURN count(a) AS n") == 3


async def test_chapter_organizers_and_officers_see_interactions_within_their_scope(
    api: Api, db: Database
) -> None:
    # given
    staff, member, other = await given_people(db)
    await given_interactions(db, staff, member, other)

    async def summaries(role: Role, **scope: str) -> list[str]:
        return [n["summary"] for n in (await api.data(LIST, {}, role=role, **scope))["interactions"]["nodes"]]

    # when / then: the organizer sees the member's; the CS officer both CS alumni's; EE's officer the staff's
    assert await summaries(role=Role.CHAPTER_ORGANIZER, chapter="SZ") == ["member"]
    assert await summaries(role=Role.COLLEGE_OFFICER, college="CS") == ["other", "member"]
    assert await summaries(role=Role.COLLEGE_OFFICER, college="EE") == ["other", "member"]
    assert await summaries(role=Role.ADMIN) == ["company", "other", "member"]
    hidden = await api.post(NODE, {"id": gid("Interaction", "i2")}, role=Role.CHAPTER_ORGANIZER, chapter="SZ")
    assert hidden["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_interactions_filters_and_alumnus_field(api: Api, db: Database) -> None:
    # given
    staff, member, other = await given_people(db)
    await given_interactions(db, staff, member, other)

    async def summaries(flt: dict[str, object], desc: bool = False) -> list[str]:
        return [
            n["summary"]
            for n in (await api.data(LIST, {"filter": flt, "desc": desc}))["interactions"]["nodes"]
        ]

    # when / then
    assert await summaries({"kinds": ["VISIT"]}) == ["company", "member"]
    assert await summaries({"dateFrom": "2024-01-01"}, desc=True) == ["member", "other"]
    assert await summaries({"by": gid("Alumnus", staff)}) == ["other", "member"]
    assert await summaries({"with": gid("Company", "c1")}) == ["company"]
    shown = await api.data(ALUMNUS, {"id": gid("Alumnus", member)})
    assert shown["node"]["interactions"] == [{"summary": "member"}]
