"""Running a mutation: one write transaction with its audit entry; refusals become userErrors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import strawberry

from graph.core import audit
from graph.core.db import Tx
from graph.core.errors import ConstraintViolation, Problem, Rejected
from schema.core.context import Context
from schema.core.errors import UserError, UserErrorCode
from schema.core.permissions import principal_of

T = TypeVar("T")


@dataclass
class Outcome(Generic[T]):
    """What a mutation produced: its value, or the user errors that stopped it."""

    value: T | None
    errors: list[UserError]


class Problems:
    """Collects input problems while validating; `field` paths are rooted at `input`."""

    def __init__(self) -> None:
        self.errors: list[UserError] = []

    def add(self, field: str, code: UserErrorCode, message: str | None) -> None:
        """Record a problem unless `message` is None (the validator found nothing)."""
        if message:
            self.errors.append(UserError(field=["input", *field.split(".")], code=code, message=message))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def found(self) -> list[Problem]:
        """The problems as (field below `input`, code name, message), for a repository's refusal."""
        return [(".".join(e.field[1:]), e.code.name, e.message) for e in self.errors]


def rejected(exc: Rejected) -> list[UserError]:
    """A repository refusal as user errors (one per problem it carries)."""
    return [
        UserError(
            field=["input", *field.split(".")],
            code=UserErrorCode[reason] if reason in UserErrorCode.__members__ else UserErrorCode.INVALID,
            message=message,
        )
        for field, reason, message in exc.problems
    ]


Work = Callable[[Tx, audit.Actor], Awaitable[T]]


async def execute(
    info: strawberry.Info[Context, None],
    work: Work[T],
    *,
    duplicate_field: str = "id",
) -> Outcome[T]:
    """Run `work` in one write transaction; it must call `audit.record` itself.

    A `Rejected` raised by the work (or a uniqueness violation) rolls everything back and is
    returned as a user error; nothing is written then. Whatever happened, the request's
    DataLoader caches are cleared afterwards: what was read before the write is stale now.
    """
    principal = principal_of(info)
    actor = audit.Actor(principal.subject, principal.role.value)

    async def unit(tx: Tx) -> T:
        return await work(tx, actor)

    try:
        return Outcome(await info.context.db.write(unit), [])
    except Rejected as exc:
        return Outcome(None, rejected(exc))
    except ConstraintViolation:
        return Outcome(
            None,
            [
                UserError(
                    field=["input", *duplicate_field.split(".")],
                    code=UserErrorCode.DUPLICATE,
                    message="a record with the same key already exists",
                )
            ],
        )
    finally:
        info.context.loaders.clear()
