"""Health and readiness endpoints over the real app."""

from __future__ import annotations

from tests.conftest import Api


async def test_healthz_answers_without_a_token(api: Api) -> None:
    # when
    res = await api.client.get("/healthz")
    # then
    assert res.status_code == 200
    assert res.json() == {"status": "ok"}


async def test_readyz_reports_neo4j_and_migrations(api: Api) -> None:
    # when
    res = await api.client.get("/readyz")
    # then
    assert res.status_code == 200
    assert res.json() == {"status": "ready", "neo4j": True, "migrated": True}


async def test_graphql_without_token_is_unauthenticated(api: Api) -> None:
    # when
    body = await api.post("{ alumni(first: 1) { totalCount } }", role=None)
    # then
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_graphql_with_a_forged_token_is_unauthenticated(api: Api) -> None:
    # given a token signed with another secret
    import jwt

    forged = jwt.encode(
        {
            "sub": "x",
            "role": "ADMIN",
            "iss": "alumni-graph",
            "aud": "alumni-graph",
            "exp": 9999999999,
            "iat": 0,
        },
        "another-secret-" + "y" * 40,
        algorithm="HS256",
    )
    # when
    res = await api.client.post(
        "/graphql",
        json={"query": "{ alumni(first: 1) { totalCount } }"},
        headers={"Authorization": f"Bearer {forged}"},
    )
    # then
    assert res.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_get_queries_and_graphiql_are_off_in_production(api: Api) -> None:
    # when
    res = await api.client.get(
        "/graphql",
        params={"query": "{ __typename }"},
        headers={"Authorization": f"Bearer {api.token()}", "Accept": "text/html"},
    )
    # then
    assert res.status_code >= 400
    assert "data" not in res.text
