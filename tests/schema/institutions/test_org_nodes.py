"""`node(id:)` resolves every type of careers, engagement and giving; giving stays scoped."""

from __future__ import annotations

import pytest

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import gid, given_college_alumni, given_colleges

NODE = "query N($id: ID!) { node(id: $id) { __typename id } }"


async def given_one_of_each(db: Database) -> None:
    """A company with a need, an event, an interaction, a fund with a gift, and an award."""
    await given_colleges(db)
    [alumnus] = await given_college_alumni(db, 1)
    await db.write_rows(
        """
        MATCH (a:Alumnus {id: $a}), (cs:College {id: 'col-cs'})
        CREATE (c:Company {id: 'c1', creditCode: 'X-1', name: '甲'})-[:NEEDS]->(:Need {id: 'n1', kind: 'TECH', description: 'x'})
        CREATE (:Event {id: 'e1', code: 'E1', name: 'x', kind: 'GALA', date: date('2024-01-01')})-[:ORGANIZED_BY]->(cs)
        CREATE (:Interaction {id: 'i1', kind: 'CALL', date: date('2024-01-01')})-[:WITH]->(a)
        CREATE (f:Fund {id: 'f1', code: 'F1', name: 'x', kind: 'OTHER'})-[:OF_COLLEGE]->(cs)
        CREATE (d:Donation {id: 'd1', receiptNo: 'R1', kind: 'GIFT', amount: '1.00', currency: 'CNY',
                            amountCny: '1.00', amountCnyFen: 100, date: date('2024-01-01')})-[:TO]->(f)
        CREATE (d)-[:FROM]->(a)
        CREATE (:Award {id: 'w1', kind: 'COLLEGE_WORK', year: 2024, title: 'x'})-[:TO]->(cs)
        """,
        {"a": alumnus},
    )


@pytest.mark.parametrize(
    ("type_name", "node_id"),
    [
        ("Company", "c1"),
        ("Need", "n1"),
        ("Event", "e1"),
        ("Interaction", "i1"),
        ("Fund", "f1"),
        ("Donation", "d1"),
        ("Award", "w1"),
    ],
)
async def test_node_resolves_each_type(api: Api, db: Database, type_name: str, node_id: str) -> None:
    # given
    await given_one_of_each(db)
    # when
    data = await api.data(NODE, {"id": gid(type_name, node_id)})
    # then
    assert data["node"] == {"__typename": type_name, "id": gid(type_name, node_id)}


async def test_a_donation_outside_the_giving_scope_is_not_found(api: Api, db: Database) -> None:
    # given
    await given_one_of_each(db)
    # when
    hidden = await api.post(NODE, {"id": gid("Donation", "d1")}, role=Role.CHAPTER_ORGANIZER, chapter="SZ")
    officer = await api.data(NODE, {"id": gid("Donation", "d1")}, role=Role.COLLEGE_OFFICER, college="CS")
    # then
    assert hidden["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert officer["node"]["__typename"] == "Donation"
