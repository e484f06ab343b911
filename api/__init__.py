"""The HTTP edge of alumni-graph: Starlette app, settings, auth middleware, health, lifespan."""
