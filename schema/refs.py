"""Mutation helpers: global IDs in inputs decoded into node ids or problems, sent fields, deletes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import strawberry

from graph import audit
from graph import refs as graph_refs
from graph.db import Tx
from graph.engagement import PartyRef
from graph.model import Label
from schema.context import Context
from schema.errors import ApiError, UserError, UserErrorCode
from schema.mutations import Problems, execute
from schema.relay import expected_id, from_global_id


def ref(p: Problems, field: str, global_id: str | None, *types: str) -> str | None:
    """The node id inside a global ID of one of `types`; records INVALID otherwise."""
    found = _decode(p, field, global_id, types)
    return found[1] if found else None


def party(p: Problems, field: str, global_id: str | None, *types: str) -> PartyRef | None:
    """The node (label, id) of a global ID that may name any of `types`; records INVALID otherwise."""
    found = _decode(p, field, global_id, types)
    return PartyRef(*found) if found else None


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


def refs(p: Problems, field: str, global_ids: Sequence[str], *types: str) -> list[PartyRef]:
    """Several nodes (label, id), duplicates dropped; records INVALID for bad ones."""
    found = [party(p, f"{field}.{i}", g, *types) for i, g in enumerate(global_ids)]
    return list(dict.fromkeys(f for f in found if f is not None))


def provided(data: object, *names: str) -> dict[str, Any]:
    """The named input fields the client actually sent (explicit nulls included, UNSET left out)."""
    values = {name: getattr(data, name) for name in names}
    return {k: v for k, v in values.items() if v is not strawberry.UNSET}


def camel(name: str) -> str:
    """snake_case input name → camelCase property and error field name."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


async def delete_node(
    info: strawberry.Info[Context, None], label: Label, global_id: str, detach: bool
) -> tuple[strawberry.ID | None, list[UserError]]:
    """Delete a node of `label` (IN_USE unless `detach`), audited as delete<Label>."""
    p = Problems()
    node_id = ref(p, "id", global_id, label.value)
    if node_id is None:
        return None, p.errors

    async def work(tx: Tx, actor: audit.Actor) -> str:
        before = await graph_refs.delete(tx, label, node_id, detach=detach)
        change = audit.Change("delete" + label.value, [node_id], before, {"detach": detach})
        await audit.record(tx, actor, change)
        return node_id

    out = await execute(info, work)
    return (strawberry.ID(global_id) if out.value else None), out.errors
