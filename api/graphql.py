"""The GraphQL endpoint: Strawberry's ASGI view with our context and production settings."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from api.auth import TokenError, bearer, verify
from api.settings import Settings
from schema.context import Context
from schema.permissions import Principal
from schema.schema import build_schema

_REQUEST = "alumni_graph.request"


class GraphQLApp(GraphQL[Context, None]):
    """Builds a fresh context (principal, loaders) per request."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(
            build_schema(settings.limits, development=settings.development, compiled=settings.compiled_reads),
            graphql_ide="graphiql" if settings.development else None,
            allow_queries_via_get=settings.development,
            # File uploads (importBundle). Multipart is a "simple" cross-site request, but every
            # request needs a bearer token in a header, which a foreign page cannot attach.
            multipart_uploads_enabled=True,
        )
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse multipart bodies over `max_upload_bytes` (413) before Strawberry parses them."""
        headers = Headers(scope=scope)
        if scope["type"] != "http" or not headers.get("content-type", "").startswith("multipart/"):
            await super().__call__(scope, receive, send)
            return
        limit = self.settings.limits.max_upload_bytes
        too_large = PlainTextResponse(f"upload larger than {limit} bytes", status_code=413)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await too_large(scope, receive, send)
            return
        try:
            await super().__call__(scope, capped(receive, limit), send)
        except BodyTooLarge:
            await too_large(scope, receive, send)
        finally:
            request = scope.get(_REQUEST)
            if isinstance(request, Request):
                await request.close()  # removes the spooled upload files

    def encode_json(self, data: object) -> bytes:
        """Responses serialised by orjson (several times faster than the json module on big answers)."""
        return orjson.dumps(data)

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        """Context for one request."""
        request.scope[_REQUEST] = request  # so that __call__ can close its uploaded files afterwards
        principal: Principal | None = None
        token = bearer(request.headers.get("authorization"))
        if token:
            try:
                principal = verify(self.settings, token)
            except TokenError:
                principal = None
        return Context(db=request.app.state.db, principal=principal, request=request, response=response)

    async def get_root_value(self, request: Any) -> None:
        """No root value."""
        return None


class BodyTooLarge(Exception):
    """The request body went past its limit while it was being read."""


def capped(receive: Receive, limit: int) -> Receive:
    """`receive` that raises BodyTooLarge once more than `limit` body bytes arrived (chunked bodies too)."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > limit:
            raise BodyTooLarge
        return message

    return wrapped
