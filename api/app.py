"""The Starlette application: routes, and the lifespan that owns the one Neo4j driver."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from api.explorer import BrowserIde, explorer_routes
from api.graphql import GraphQLApp
from api.health import healthz, readyz
from api.limits import BodySizeLimit
from api.reports import fund_pdf
from api.settings import Settings, load_settings
from graph.core.db import ConnectionSettings, open_database
from schema.core.admission import Admission

log = logging.getLogger("alumni_graph.api")


def connection_settings(settings: Settings) -> ConnectionSettings:
    """Driver settings from the process settings."""
    return ConnectionSettings(
        uri=settings.neo4j_uri,
        user=settings.neo4j_user,
        password=settings.neo4j_password.reveal(),
        database=settings.neo4j_database,
        query_timeout_s=settings.query_timeout_s,
        max_retry_s=settings.retry_s,
    )


def create_app(settings: Settings | None = None) -> Starlette:
    """Build the ASGI app; the driver opens when the lifespan starts."""
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with open_database(connection_settings(settings)) as db:
            app.state.db = db
            if not await db.ping():
                log.warning("Neo4j at %s is not reachable yet; /readyz will say so", settings.neo4j_uri)
            yield

    admission = Admission(settings.heavy_reads)
    graphql = GraphQLApp(settings, admission)
    app = Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/graphql", BrowserIde(graphql, settings.development), methods=["GET", "POST"]),
            Route("/reports/fund.pdf", fund_pdf, methods=["GET"]),
            *explorer_routes(settings),
        ],
        lifespan=lifespan,
        middleware=[
            Middleware(
                BodySizeLimit,
                max_bytes=settings.limits.max_body_bytes,
                max_upload_bytes=settings.limits.max_upload_bytes,
            )
        ],
    )
    app.state.settings = settings
    app.state.admission = admission
    return app
