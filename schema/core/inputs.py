"""Shared pieces of mutations: who may call them, turning input into clean values or userErrors.

Rules every mutation follows: an input ID that does not decode to the expected type is an
INVALID user error; one that names nothing the caller can see (including the mutation's main
target) is a NOT_FOUND user error raised inside the transaction; only failures that are not
about the input become GraphQL errors.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import strawberry

from graph.core import access, audit, validation
from graph.core.db import Tx
from graph.core.model import Label, PartyRef
from schema.core.context import Context
from schema.core.errors import ApiError, UserError, UserErrorCode
from schema.core.mutations import Problems, execute
from schema.core.permissions import Role, require_roles
from schema.core.relay import expect_id, expected_id, from_global_id, to_global_id

T = TypeVar("T")

# A college officer edits alumni, classes and alumni's ties within their college (in Cypher).
EDITORS = require_roles(Role.ADMIN, Role.COLLEGE_OFFICER)
ADMINS = require_roles(Role.ADMIN)


def decode(p: Problems, field: str, global_id: str, type_name: str) -> str:
    """The node id inside an input ID, or an INVALID problem (and an empty string)."""
    try:
        return expect_id(global_id, type_name)
    except ApiError:
        p.add(field, UserErrorCode.INVALID, expected_id(type_name))
        return ""


def decode_optional(p: Problems, field: str, global_id: str | None, *types: str) -> str | None:
    """The node id inside an ID that may be null and may name any of `types`; INVALID otherwise."""
    found = _decode(p, field, global_id, types)
    return found[1] if found else None


def party(p: Problems, field: str, global_id: str | None, *types: str) -> PartyRef | None:
    """The node (label, id) of an ID that may name any of `types`; records INVALID otherwise."""
    found = _decode(p, field, global_id, types)
    return PartyRef(*found) if found else None


def parties(p: Problems, field: str, global_ids: Sequence[str], *types: str) -> list[PartyRef]:
    """Several nodes (label, id), duplicates dropped; records INVALID for bad ones."""
    found = [party(p, f"{field}.{i}", g, *types) for i, g in enumerate(global_ids)]
    return list(dict.fromkeys(f for f in found if f is not None))


def _decode(p: Problems, field: str, global_id: str | None, types: tuple[str, ...]) -> tuple[str, str] | None:
    if global_id is None:
        return None
    try:
        type_name, node_id = from_global_id(global_id)
    except ApiError:
        type_name, node_id = "", ""
    if type_name not in types:
        p.add(field, UserErrorCode.INVALID, expected_id(*types))
        return None
    return type_name, node_id


def camel(name: str) -> str:
    """snake_case input name → camelCase property and error field name."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def given(**fields: strawberry.Maybe[Any]) -> dict[str, Any]:
    """The fields the client sent (a null sent on purpose is kept as None: 'clear it')."""
    return {name: value.value for name, value in fields.items() if value is not None}


def check_text(p: Problems, field: str, value: str, max_len: int = 200) -> str:
    """Trimmed required text, or a REQUIRED/INVALID problem."""
    reason = validation.text_error(value, max_len)
    p.add(field, UserErrorCode.REQUIRED if not value.strip() else UserErrorCode.INVALID, reason)
    return value.strip()


def check_code(p: Problems, field: str, value: str) -> str:
    """A trimmed entity code, or an INVALID problem."""
    code = value.strip()
    p.add(field, UserErrorCode.INVALID, validation.code_error(code))
    return code


def check_year(p: Problems, field: str, value: int | None) -> int | None:
    """A year within the accepted range, or an OUT_OF_RANGE problem."""
    if value is not None:
        p.add(field, UserErrorCode.OUT_OF_RANGE, validation.year_error(value))
    return value


def check_order(p: Problems, fields: tuple[str, str], first: int | None, last: int | None) -> None:
    """`first` must not come after `last` when both are given."""
    if first is not None and last is not None and first > last:
        p.add(fields[0], UserErrorCode.OUT_OF_RANGE, f"must not be after {fields[1]}")


async def audit_records(tx: Tx, actor: audit.Actor, operation: str, before: Any, after: Any) -> None:
    """Audit a create (no `before`) or update from the frozen records before and after it."""
    old = {} if before is None else {k: v for k, v in vars(before).items() if k != "id"}
    new = {k: v for k, v in vars(after).items() if k != "id"}
    await audit.record(tx, actor, audit.Change(operation, [after.id], old, new))


async def load_or_none(
    info: strawberry.Info[Context, None],
    node_id: str | None,
    by_id: Callable[[strawberry.Info[Context, None], str], Awaitable[T | None]],
) -> T | None:
    """The object for a payload, read after the change was committed (None when absent)."""
    if not node_id:
        return None
    return await by_id(info, node_id)


@strawberry.input(description="Which node to delete, and whether to remove its links first.")
class DeleteInput:
    """Base of the delete inputs."""

    id: strawberry.ID = strawberry.field(description="The node to delete.")
    detach: bool = strawberry.field(
        default=False,
        description=(
            "Also remove the relationships that point at it (never other nodes). Without it a"
            " node still in use is refused with IN_USE."
        ),
    )


@strawberry.type(description="Result of a delete.")
class DeletePayload:
    """Base of the delete payloads."""

    deleted_id: strawberry.ID | None = strawberry.field(
        description="ID of the deleted node; null if refused."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


async def delete_node(
    info: strawberry.Info[Context, None],
    global_id: str,
    detach: bool,
    label: Label,
    target: access.Target | None = None,
    removal: access.Removal | None = None,
) -> tuple[strawberry.ID | None, list[UserError]]:
    """Run a delete mutation: guard, IN_USE check or detach, delete, audit; (deleted ID, errors).

    `target` and `removal` default to the label's plain ones (exists; incoming links are uses).
    """
    p = Problems()
    node_id = decode(p, "id", global_id, label.value)
    if p:
        return None, p.errors
    scope = info.context.scope
    guard = target or access.TARGETS[label]
    how = removal or access.REMOVALS[label]

    async def work(tx: Tx, actor: audit.Actor) -> str:
        await access.require(tx, guard, node_id, scope, "id", edit=True)
        before = await access.remove(tx, how, node_id, detach=detach)
        await audit.record(tx, actor, audit.Change(f"delete{label.value}", [node_id], before, {}))
        return node_id

    out = await execute(info, work)
    return (to_global_id(label.value, out.value) if out.value else None), out.errors
