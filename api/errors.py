"""Errors the HTTP edge answers itself, in the GraphQL errors shape with a matching HTTP status."""

from __future__ import annotations

from starlette.responses import JSONResponse

from schema.core.errors import ErrorCode

STATUS = {
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.BAD_USER_INPUT: 400,
    ErrorCode.QUERY_TOO_COMPLEX: 400,
    ErrorCode.UNAVAILABLE: 503,
    ErrorCode.TIMEOUT: 504,
}


def error_response(code: ErrorCode, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """`{"errors": [{"message", "extensions": {"code"}}]}` with the code's HTTP status (500 otherwise)."""
    body = {"errors": [{"message": message, "extensions": {"code": code.value}}]}
    return JSONResponse(body, status_code=STATUS.get(code, 500), headers=headers)
