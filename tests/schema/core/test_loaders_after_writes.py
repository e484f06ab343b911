"""Within one request, a read after a write sees the write: the mutation runner clears the loaders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

import pytest

from graph.core.db import Database
from schema.core.context import Context
from schema.core.permissions import Principal, Role
from schema.schema import build_schema
from tests.schema.given import gid

_SETUP: LiteralString = """
CREATE (cs:College {id: 'col', code: 'CS', name: 'Old'})
CREATE (k:Class {id: 'cls', code: 'CS-2010', name: 'Old', degree: 'BACHELOR', graduationYear: 2010})
       -[:OF_COLLEGE]->(cs)
CREATE (a:Alumnus {id: 'a', externalId: 'S0001', name: 'Old', kinds: ['STUDENT'], consentContact: true,
                   consentDirectory: true})-[:STUDIED_IN]->(k)
CREATE (:Chapter {id: 'ch', code: 'GEN', name: 'Old', kind: 'GENERAL', status: 'ACTIVE'})
CREATE (co:Company {id: 'co', creditCode: 'X-1', name: 'Old'})
CREATE (:Event {id: 'ev', code: 'EV', name: 'Old', kind: 'GALA', date: date('2024-05-01')})
CREATE (f:Fund {id: 'f', code: 'F', name: 'Old', kind: 'OTHER', status: 'OPEN'})-[:OF_COLLEGE]->(cs)
CREATE (d:Donation {id: 'd', receiptNo: 'R-1', kind: 'GIFT', amount: '10.00', currency: 'CNY',
                    amountCny: '10.00', amountCnyFen: 1000, date: date('2024-05-01'), anonymous: false})
CREATE (d)-[:FROM]->(a)
CREATE (d)-[:TO]->(f)
CREATE (i:Interaction {id: 'i', kind: 'VISIT', date: date('2024-05-01'), summary: 'Old'})-[:WITH]->(co)
CREATE (:Award {id: 'w', kind: 'COLLEGE_WORK', year: 2024, title: 'Old'})-[:TO]->(cs)
"""


@dataclass(frozen=True)
class Case:
    """One aggregate: its loader, the node, the update mutation and the property it changes."""

    loader: str
    type_name: str
    node_id: str
    mutation: str
    field: str
    attr: str
    old: Any
    new: Any


def _case(loader: str, type_name: str, node_id: str, field: str, attr: str, old: Any, new: Any) -> Case:
    mutation = f"update{type_name}"
    document = f"mutation($input: Update{type_name}Input!) {{ {mutation}(input: $input) {{ userErrors {{ code }} }} }}"
    return Case(loader, type_name, node_id, document, field, attr, old, new)


CASES = [
    _case("alumnus", "Alumnus", "a", "name", "name", "Old", "New"),
    _case("college", "College", "col", "name", "name", "Old", "New"),
    _case("class_", "Class", "cls", "name", "name", "Old", "New"),
    _case("chapter", "Chapter", "ch", "name", "name", "Old", "New"),
    _case("company", "Company", "co", "name", "name", "Old", "New"),
    _case("event", "Event", "ev", "name", "name", "Old", "New"),
    _case("fund", "Fund", "f", "name", "name", "Old", "New"),
    _case("donation", "Donation", "d", "anonymous", "anonymous", False, True),
    _case("interaction", "Interaction", "i", "summary", "summary", "Old", "New"),
    _case("award", "Award", "w", "title", "title", "Old", "New"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.type_name for c in CASES])
async def test_a_read_after_a_write_in_the_same_request_sees_the_write(db: Database, case: Case) -> None:
    # given one request's context, whose loader has already read the node
    await db.write_rows(_SETUP)
    context = Context(db=db, principal=Principal(subject="office", role=Role.ADMIN))
    before = await getattr(context.loaders, case.loader).load(case.node_id)
    assert getattr(before, case.attr) == case.old
    # when the same request changes it
    variables = {"input": {"id": gid(case.type_name, case.node_id), case.field: case.new}}
    result = await build_schema().execute(case.mutation, variable_values=variables, context_value=context)
    # then the write went through and the next read through the loaders sees it
    assert result.errors is None, result.errors
    assert result.data == {f"update{case.type_name}": {"userErrors": []}}
    after = await getattr(context.loaders, case.loader).load(case.node_id)
    assert getattr(after, case.attr) == case.new
