"""Liveness and readiness endpoints (no token needed; they reveal nothing about the data)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from graph.core.migrations import is_current


async def healthz(request: Request) -> JSONResponse:
    """The process is up."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    """Neo4j answers and the schema migrations are applied."""
    db = request.app.state.db
    if not await db.ping():
        return JSONResponse({"status": "unavailable", "neo4j": False}, status_code=503)
    try:
        current = await is_current(db)
    except Exception:  # the database went away between the two checks
        return JSONResponse({"status": "unavailable", "neo4j": False}, status_code=503)
    if not current:
        return JSONResponse(
            {"status": "migrations pending", "neo4j": True, "migrated": False}, status_code=503
        )
    return JSONResponse({"status": "ready", "neo4j": True, "migrated": True})
