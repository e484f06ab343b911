"""Fixtures of the schema tests: an app whose cost cap admits deliberately large selections."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.settings import Settings
from graph.core.db import Database
from schema.core.limits import Limits
from tests.conftest import Api

# Round-trip tests select three levels under 50+ parents; the default cost cap (a deployment
# setting, ALUMNI_GRAPH_MAX_COST) refuses such documents before any Cypher runs.
ROOMY = Limits(max_cost=10_000_000)


@pytest.fixture(scope="session")
async def _roomy_app(settings: Settings) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    app = create_app(dataclasses.replace(settings, limits=ROOMY))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield app, client


@pytest.fixture
async def roomy_api(_roomy_app: tuple[Any, httpx.AsyncClient], db: Database, settings: Settings) -> Api:
    """Like `api`, on a clean database, with a cost cap large enough for round-trip tests."""
    app, client = _roomy_app
    app.state.db.counter.reset()
    return Api(client=client, app_db=app.state.db, settings=settings)
