"""/explore serves the built explorer (or says plainly that it is not built); browsers opening
/graphql in development get the bundled GraphiQL. No database is involved."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.settings import Mode, Secret, Settings

pytestmark = pytest.mark.unit


def app_settings(explorer: Path, mode: Mode = Mode.DEVELOPMENT) -> Settings:
    return Settings(
        neo4j_uri="bolt://127.0.0.1:1",
        neo4j_user="neo4j",
        neo4j_password=Secret("unused"),
        neo4j_database="neo4j",
        mode=mode,
        jwt_secret=Secret("s" * 40),
        explorer_dir=str(explorer),
    )


async def get(settings: Settings, path: str, **headers: str) -> httpx.Response:
    app = create_app(settings)
    app.state.db = None  # no lifespan, no driver: these routes never reach the database
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.get(path, headers=headers)


@pytest.fixture
def built(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>校友关系网</title>", encoding="utf-8")
    (tmp_path / "assets" / "main-abc.js").write_text("console.log(1)", encoding="utf-8")
    return tmp_path


async def test_an_unbuilt_explorer_answers_503_in_one_line(tmp_path: Path) -> None:
    # when
    res = await get(app_settings(tmp_path / "missing"), "/explore/")
    # then
    assert res.status_code == 503
    assert res.text.count("\n") == 1 and "npm run build" in res.text


async def test_the_built_explorer_is_served_under_a_strict_content_policy(built: Path) -> None:
    # when
    page = await get(app_settings(built), "/explore/")
    asset = await get(app_settings(built), "/explore/assets/main-abc.js")
    bare = await get(app_settings(built), "/explore")
    # then
    assert page.status_code == 200 and "校友关系网" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert "connect-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-cache"
    assert "immutable" in asset.headers["cache-control"]
    assert bare.status_code == 308 and bare.headers["location"] == "/explore/"


async def test_a_browser_opening_graphql_in_development_gets_the_bundled_graphiql(built: Path) -> None:
    # when
    res = await get(app_settings(built), "/graphql", accept="text/html,application/xhtml+xml")
    # then
    assert res.status_code == 307 and res.headers["location"] == "/explore/graphiql/"


async def test_production_sends_no_browser_to_graphiql(built: Path) -> None:
    # when
    res = await get(app_settings(built, Mode.PRODUCTION), "/graphql", accept="text/html")
    # then
    assert res.status_code != 307 and "location" not in res.headers
