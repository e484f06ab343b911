"""Hostile documents are refused before the database is touched (statement counter stays 0)."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest

from api.app import create_app
from api.auth import TokenRequest, issue
from api.settings import Settings, load_settings
from graph.core.db import Database
from schema.core.permissions import Role
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


async def test_a_batch_is_refused_unless_the_settings_enable_batches(api: Api) -> None:
    # given two operations in one JSON array, and the default settings (batching off)
    batch = [{"query": "{ colleges(first: 1) { totalCount } }"}] * 2
    api.reset_count()
    # when
    res = await api.client.post("/graphql", json=batch, headers={"Authorization": f"Bearer {api.token()}"})
    # then: 400, one coded error naming the setting, nothing ran
    assert res.status_code == 400
    [error] = res.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "ALUMNI_GRAPH_MAX_BATCH" in error["message"]
    assert api.statements == 0


async def test_enabled_batches_are_capped(settings: Settings, db: Database) -> None:
    # given an app whose settings allow batches of three
    app = create_app(replace(settings, limits=replace(settings.limits, max_batch=3)))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            token = issue(settings, TokenRequest(role=Role.ADMIN, subject="test-batch"))
            auth = {"Authorization": f"Bearer {token}"}
            op = {"query": "{ colleges(first: 1) { totalCount } }"}
            # when
            app.state.db.counter.reset()
            four = await client.post("/graphql", json=[op] * 4, headers=auth)
            refused_statements = app.state.db.counter.count
            three = await client.post("/graphql", json=[op] * 3, headers=auth)
    # then
    assert four.status_code == 400
    assert four.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "max_batch=3" in four.json()["errors"][0]["message"]
    assert refused_statements == 0
    assert three.status_code == 200
    assert [r["data"] for r in three.json()] == [{"colleges": {"totalCount": 0}}] * 3


async def test_too_many_directives_are_one_error_before_any_cypher(api: Api) -> None:
    # given 60 directives (the cap is 50) on a field that would read the database
    query = "{ colleges(first: 1)" + " @include(if: true)" * 60 + " { totalCount } }"
    # when / then: one error naming the cap, nothing ran
    api.reset_count()
    body = await api.post(query)
    assert [e["extensions"]["code"] for e in body["errors"]] == ["QUERY_TOO_COMPLEX"]
    assert "max_directives=50" in body["errors"][0]["message"]
    assert body.get("data") is None
    assert api.statements == 0


async def test_directives_in_fragments_count_too(api: Api) -> None:
    # given 30 directives in the operation and 30 in a fragment
    query = (
        "{ colleges(first: 1) { ...F" + " @include(if: true)" * 30 + " } } "
        "fragment F on CollegeConnection { totalCount" + " @skip(if: false)" * 30 + " }"
    )
    # when / then
    assert "max_directives=50" in await refused(api, query)


async def test_overloaded_directives_stop_validation_at_the_error_cap(api: Api) -> None:
    # given graphql-cop's "directive overloading" probe: ten unknown directives on one field
    probe = "query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }"
    on_data = "{ colleges(first: 1) @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa { totalCount } }"
    # when
    api.reset_count()
    body = await api.post(probe)
    second = await api.post(on_data)
    # then: five validation errors, then one saying validation stopped; nothing ran
    for answer in (body, second):
        codes = [e["extensions"]["code"] for e in answer["errors"]]
        assert codes == ["BAD_USER_INPUT"] * 5 + ["QUERY_TOO_COMPLEX"]
        assert "max_errors=5" in answer["errors"][-1]["message"]
        assert answer.get("data") is None
    assert api.statements == 0


async def test_a_few_directives_work_as_usual(api: Api) -> None:
    # given
    query = "query ($x: Boolean!) { colleges(first: 1) @include(if: $x) { totalCount @skip(if: false) } }"
    # when
    shown = await api.data(query, {"x": True})
    hidden = await api.data(query, {"x": False})
    # then
    assert shown == {"colleges": {"totalCount": 0}}
    assert hidden == {}


def test_the_caps_are_read_from_the_environment() -> None:
    # given
    env = {
        "NEO4J_URI": "bolt://unused",
        "ALUMNI_GRAPH_MAX_BATCH": "4",
        "ALUMNI_GRAPH_MAX_DIRECTIVES": "7",
        "ALUMNI_GRAPH_MAX_ERRORS": "3",
    }
    # when
    limits = load_settings(env).limits
    default = load_settings({"NEO4J_URI": "bolt://unused"}).limits
    # then
    assert (limits.max_batch, limits.max_directives, limits.max_errors) == (4, 7, 3)
    assert (default.max_batch, default.max_directives, default.max_errors) == (0, 50, 5)


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
