"""Data scope per role: in-scope alumni are visible (with consented contacts), out-of-scope ones
are NOT_FOUND and absent from lists and counts, the directory shows names only."""

from __future__ import annotations

import pytest

from graph.core.db import Database
from schema.core.permissions import Role
from schema.core.relay import to_global_id
from tests.conftest import Api

WORLD = """
CREATE (cs:College {id: 'cs', code: 'CS', name: 'CS'}), (ee:College {id: 'ee', code: 'EE', name: 'EE'})
CREATE (kcs:Class {id: 'kcs', code: 'CS-1', name: 'cs'})-[:OF_COLLEGE]->(cs)
CREATE (kee:Class {id: 'kee', code: 'EE-1', name: 'ee'})-[:OF_COLLEGE]->(ee)
CREATE (ch:Chapter {id: 'ch', code: 'CH', name: 'ch', kind: 'REGIONAL', status: 'ACTIVE'})
CREATE (a:Alumnus {id: 'in-cs', externalId: 'A', name: 'A', email: 'a@x.cn', consentContact: true, consentDirectory: false})-[:STUDIED_IN]->(kcs)
CREATE (b:Alumnus {id: 'in-ee', externalId: 'B', name: 'B', email: 'b@x.cn', consentContact: true, consentDirectory: false})-[:STUDIED_IN]->(kee)
CREATE (c:Alumnus {id: 'dir-ee', externalId: 'C', name: 'C', email: 'c@x.cn', consentContact: true, consentDirectory: true})-[:STUDIED_IN]->(kee)
CREATE (d:Alumnus {id: 'member', externalId: 'D', name: 'D', email: 'd@x.cn', consentContact: false, consentDirectory: false})-[:STUDIED_IN]->(kee)
CREATE (d)-[:MEMBER_OF {role: 'MEMBER', sinceYear: 2020}]->(ch)
"""

NODE = "query($id: ID!) { node(id: $id) { ... on Alumnus { externalId email } } }"
LIST = "{ alumni(first: 10, orderBy: EXTERNAL_ID) { totalCount nodes { externalId email } } }"

SCOPE: dict[Role, dict[str, str]] = {
    Role.ADMIN: {},
    Role.FUNDRAISER: {},
    Role.COLLEGE_OFFICER: {"college": "CS"},
    Role.CHAPTER_ORGANIZER: {"chapter": "CH"},
    Role.ALUMNUS: {"alumnus": "in-ee"},
}
# What each role sees of the alumni list: (externalId, email) in order.
VISIBLE: dict[Role, list[tuple[str, str | None]]] = {
    Role.ADMIN: [("A", "a@x.cn"), ("B", "b@x.cn"), ("C", "c@x.cn"), ("D", None)],
    Role.FUNDRAISER: [("A", "a@x.cn"), ("B", "b@x.cn"), ("C", "c@x.cn"), ("D", None)],
    Role.COLLEGE_OFFICER: [("A", "a@x.cn"), ("C", None)],
    Role.CHAPTER_ORGANIZER: [("C", None), ("D", None)],
    Role.ALUMNUS: [("B", "b@x.cn"), ("C", None)],
}


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
async def test_lists_and_counts_follow_the_scope(api: Api, db: Database, role: Role) -> None:
    # given
    await db.write_rows(WORLD)
    # when
    data = (await api.data(LIST, role=role, **SCOPE[role]))["alumni"]
    # then
    assert [(n["externalId"], n["email"]) for n in data["nodes"]] == VISIBLE[role]
    assert data["totalCount"] == len(VISIBLE[role])


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
async def test_node_outside_the_scope_is_not_found(api: Api, db: Database, role: Role) -> None:
    # given
    await db.write_rows(WORLD)
    seen = {key for key, _ in VISIBLE[role]}
    ids = {"A": "in-cs", "B": "in-ee", "C": "dir-ee", "D": "member"}
    for key, node_id in ids.items():
        # when
        body = await api.post(NODE, {"id": to_global_id("Alumnus", node_id)}, role=role, **SCOPE[role])
        # then
        if key in seen:
            assert body["data"]["node"]["externalId"] == key
        else:
            assert body["data"] == {"node": None}
            assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
