"""The GraphQL endpoint: Strawberry's ASGI view with our context and production settings."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLRequestData, GraphQLRequestProtocol

from api.auth import principal
from api.errors import error_response
from api.settings import Settings
from schema.core.admission import Admission
from schema.core.context import Context
from schema.core.errors import ErrorCode
from schema.schema import build_schema

_REQUEST = "alumni_graph.request"


class GraphQLApp(GraphQL[Context, None]):
    """Builds a fresh context (principal, loaders) per request; the admission slots for heavy
    reads are the process's (one `Admission` per app)."""

    def __init__(self, settings: Settings, admission: Admission | None = None) -> None:
        super().__init__(
            build_schema(settings.limits, development=settings.development, compiled=settings.compiled_reads),
            graphql_ide="graphiql" if settings.development else None,
            allow_queries_via_get=settings.development,
            # File uploads (importBundle). Multipart is a "simple" cross-site request, but every
            # request needs a bearer token in a header, which a foreign page cannot attach.
            multipart_uploads_enabled=True,
        )
        self.settings = settings
        self.admission = admission or Admission(settings.heavy_reads)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the request (refusing batches the settings do not allow: 400, a coded GraphQL
        error), then remove the files a multipart upload spooled to disk.

        Body sizes (uploads included) are capped once, by `api.limits.BodySizeLimit`.
        """
        try:
            await super().__call__(scope, receive, send)
        except BatchRefused as refused:
            await refused.response(scope, receive, send)
        finally:
            request = scope.get(_REQUEST)
            if isinstance(request, Request):
                await request.close()

    def _validate_batch_request(
        self, request_data: list[GraphQLRequestData], protocol: GraphQLRequestProtocol
    ) -> None:
        """A JSON array body: refused unless ALUMNI_GRAPH_MAX_BATCH allows that many operations."""
        cap = self.settings.limits.max_batch
        if cap <= 0:
            raise BatchRefused(
                ErrorCode.BAD_USER_INPUT,
                "batched requests (a JSON array of operations) are not accepted: send one operation "
                "per request (ALUMNI_GRAPH_MAX_BATCH enables batches)",
            )
        if len(request_data) > cap:
            raise BatchRefused(
                ErrorCode.QUERY_TOO_COMPLEX,
                f"{len(request_data)} operations in one request exceed the cap max_batch={cap}",
            )
        super()._validate_batch_request(request_data, protocol)

    def encode_json(self, data: object) -> bytes:
        """Responses serialised by orjson (several times faster than the json module on big answers)."""
        return orjson.dumps(data)

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        """Context for one request."""
        request.scope[_REQUEST] = request  # so that __call__ can close its uploaded files afterwards
        caller = principal(self.settings, request.headers.get("authorization"))
        return Context(
            db=request.app.state.db,
            principal=caller,
            request=request,
            response=response,
            admission=self.admission,
        )

    async def get_root_value(self, request: Any) -> None:
        """No root value."""
        return None


class BatchRefused(Exception):
    """A batched request the settings do not allow; answered 400 before any operation runs."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.response = error_response(code, message)
