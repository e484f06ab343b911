"""The project's own database errors; driver exceptions never travel past this package."""

from __future__ import annotations

from collections.abc import Sequence


class GraphError(Exception):
    """Base class of every error the graph layer raises."""

    code = "INTERNAL"


class Unavailable(GraphError):
    """Neo4j cannot be reached or is restarting; the request may be retried later."""

    code = "UNAVAILABLE"


class QueryTimeout(GraphError):
    """A statement ran longer than the configured transaction timeout."""

    code = "TIMEOUT"


class ConstraintViolation(GraphError):
    """A write broke a uniqueness or existence constraint."""

    code = "CONFLICT"


class NotFound(GraphError):
    """A node named by the caller does not exist (or is outside the caller's scope)."""

    code = "NOT_FOUND"


class DatabaseFailure(GraphError):
    """Any other failure reported by Neo4j (details are logged, never shown to clients)."""

    code = "INTERNAL"


Problem = tuple[str, str, str]  # (input field path, UserErrorCode name, message)


class Rejected(GraphError):
    """A write refused because of its input (unknown reference, duplicate, node in use...).

    Raised inside a write transaction, it rolls the whole transaction back; the API turns it
    into `userErrors` entries (`field` is the input path, `reason` one of the UserErrorCode names).
    `problems` holds this one and any `more` found with it, so every problem is reported at once.
    """

    code = "BAD_USER_INPUT"

    def __init__(self, field: str, reason: str, message: str, *more: Problem) -> None:
        super().__init__(message)
        self.field = field
        self.reason = reason
        self.message = message
        self.problems: list[Problem] = [(field, reason, message), *more]

    @classmethod
    def every(cls, problems: Sequence[Problem]) -> Rejected:
        """One refusal carrying several problems (at least one)."""
        first, *rest = problems
        return cls(*first, *rest)
