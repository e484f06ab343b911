"""Error codes, the `UserError` type for expected input problems, and errors raised to clients."""

from __future__ import annotations

from enum import Enum, StrEnum

import strawberry


class ErrorCode(StrEnum):
    """`extensions.code` of GraphQL errors."""

    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
    UNAVAILABLE = "UNAVAILABLE"
    TIMEOUT = "TIMEOUT"
    INTERNAL = "INTERNAL"


class ApiError(Exception):
    """A failure reported to the client as a GraphQL error with a code."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def not_found(what: str = "node") -> ApiError:
    """The standard NOT_FOUND error (also used for nodes outside the caller's scope)."""
    return ApiError(ErrorCode.NOT_FOUND, f"{what} not found")


def bad_input(message: str) -> ApiError:
    """The standard BAD_USER_INPUT error."""
    return ApiError(ErrorCode.BAD_USER_INPUT, message)


@strawberry.enum(description="Why a mutation's input was refused.")
class UserErrorCode(Enum):
    """Codes of `UserError`."""

    REQUIRED = "REQUIRED"
    INVALID = "INVALID"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    DUPLICATE = "DUPLICATE"
    NOT_FOUND = "NOT_FOUND"
    IN_USE = "IN_USE"
    FORBIDDEN = "FORBIDDEN"
    CONFLICT = "CONFLICT"


@strawberry.type(description="A problem with the input of a mutation; nothing was changed.")
class UserError:
    """One input problem."""

    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    code: UserErrorCode = strawberry.field(description="Machine-readable reason.")
    message: str = strawberry.field(description="Human-readable reason.")
