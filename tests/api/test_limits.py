"""Hostile documents are refused before the database is touched (statement counter stays 0)."""

from __future__ import annotations

import pytest

from schema.permissions import Role
from tests.conftest import Api


async def refused(api: Api, query: str, code: str = "QUERY_TOO_COMPLEX") -> str:
    """Post `query` and check it failed with `code` without any Cypher; returns the message."""
    api.reset_count()
    body = await api.post(query)
    assert body.get("data") is None, body
    assert body["errors"][0]["extensions"]["code"] == code, body["errors"]
    assert api.statements == 0
    return str(body["errors"][0]["message"])


async def test_a_thousand_aliases_are_refused(api: Api) -> None:
    # given
    query = "{ " + " ".join(f"a{i}: colleges(first: 1) {{ edges {{ cursor }} }}" for i in range(1000)) + " }"
    # when / then (the token cap trips first on a document this size)
    message = await refused(api, query)
    assert "max_tokens" in message or "max_aliases" in message


async def test_forty_aliases_trip_the_alias_cap(api: Api) -> None:
    # given
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(40)) + " }"
    # when / then
    assert "max_aliases=30" in await refused(api, query)


async def test_depth_fifty_is_refused(api: Api) -> None:
    # given
    inner = "name"
    for _ in range(25):
        inner = f"parent {{ {inner} }}"
    query = "{ regions(first: 1) { edges { node { " + inner + " } } } }"
    # when / then
    assert "max_depth=12" in await refused(api, query)


async def test_circular_fragments_are_refused(api: Api) -> None:
    # given
    query = """
    { regions(first: 1) { edges { node { ...A } } } }
    fragment A on Region { parent { ...B } }
    fragment B on Region { parent { ...A } }
    """
    # when / then: graphql's own rule names the cycle
    api.reset_count()
    body = await api.post(query)
    assert body.get("data") is None
    assert any("A" in e["message"] for e in body["errors"])
    assert api.statements == 0


async def test_first_100_nested_five_levels_is_refused(api: Api) -> None:
    # given five nested connections of 100 (10^10 rows in the worst case), and four (10^8)
    five = """
    { colleges(first: 100) { nodes { classes(first: 100) { nodes { alumni(first: 100) { nodes {
        education { alumni(first: 100) { nodes { education { alumni(first: 100) { nodes { name } } } } } }
    } } } } } } }
    """
    four = """
    { colleges(first: 100) { nodes { classes(first: 100) { nodes { alumni(first: 100) { nodes {
        education { alumni(first: 100) { nodes { name } } } } } } } } } }
    """
    one_level = "{ alumni(first: 100) { edges { node { education { college { name } } } } } }"
    # when / then: both caps name themselves; one level of 100 with small lists is fine
    assert "max_depth=12" in await refused(api, five)
    assert "max_cost=250000" in await refused(api, four)
    api.reset_count()
    body = await api.post(one_level)
    assert "errors" not in body


async def test_a_ten_megabyte_query_is_refused_at_the_door(api: Api) -> None:
    # given
    query = "{ __typename }" + " " * 10_000_000
    api.reset_count()
    # when
    res = await api.client.post(
        "/graphql", json={"query": query}, headers={"Authorization": f"Bearer {api.token()}"}
    )
    # then
    assert res.status_code == 413
    assert res.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert api.statements == 0


async def test_batches_are_capped(api: Api) -> None:
    # given
    batch = [{"query": "{ __typename }"}] * 11
    # when
    res = await api.client.post("/graphql", json=batch, headers={"Authorization": f"Bearer {api.token()}"})
    ok = await api.client.post("/graphql", json=batch[:2], headers={"Authorization": f"Bearer {api.token()}"})
    # then
    assert res.status_code == 400
    assert ok.status_code == 200
    assert [r["data"] for r in ok.json()] == [{"__typename": "Query"}] * 2


@pytest.mark.parametrize("role", [Role.COLLEGE_OFFICER, Role.FUNDRAISER, Role.ALUMNUS])
async def test_introspection_is_for_admin_only(api: Api, role: Role) -> None:
    # given
    query = "{ __schema { queryType { name } } }"
    college = "CS" if role is Role.COLLEGE_OFFICER else None
    alumnus = "x" if role is Role.ALUMNUS else None
    # when
    denied = await api.post(query, role=role, college=college, alumnus=alumnus)
    allowed = await api.post(query, role=Role.ADMIN)
    # then
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert allowed["data"] == {"__schema": {"queryType": {"name": "Query"}}}


async def test_field_suggestions_are_off_in_production(api: Api) -> None:
    # when
    body = await api.post("{ alumnx(first: 1) { totalCount } }")
    # then
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Did you mean" not in body["errors"][0]["message"]


async def test_a_fragment_bomb_is_refused_quickly(api: Api) -> None:
    # given 2^30 expansions of one field through 30 fragments that each spread the next twice
    frags = [f"fragment F{i} on Region {{ ...F{i + 1} ...F{i + 1} }}" for i in range(30)]
    frags.append("fragment F30 on Region { name }")
    query = "{ regions(first: 1) { edges { node { ...F0 } } } } " + " ".join(frags)
    # when / then
    assert "max_cost" in await refused(api, query)


async def test_cached_documents_are_checked_again_for_every_caller(api: Api) -> None:
    # given the same introspection document, admitted for ADMIN first (and so cached)
    query = "{ __schema { mutationType { name } } }"
    allowed = await api.post(query, role=Role.ADMIN)
    # when a fundraiser and then ADMIN again send the very same text
    denied = await api.post(query, role=Role.FUNDRAISER)
    again = await api.post(query, role=Role.ADMIN)
    # then validation ran under each caller's own rules
    assert allowed["data"] == again["data"] == {"__schema": {"mutationType": {"name": "Mutation"}}}
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_broken_document_fails_the_same_way_every_time(api: Api) -> None:
    # when
    first = await api.post("{ colleges(first: 1) { totalCount ")
    second = await api.post("{ colleges(first: 1) { totalCount ")
    # then: syntax errors are reported (not cached as documents), identically
    assert first["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert first == second
