"""The audit trail: every mutation writes who, when, what and which nodes in its own transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, LiteralString

from graph.core.db import Tx
from graph.core.pages import ListSpec, by_ids_query

# Personal fields whose values never enter the audit trail (only that they changed).
REDACTED = frozenset({"email", "phone", "birthYear", "notableNote"})


@dataclass(frozen=True)
class Actor:
    """Who made a change, as the API proved it."""

    subject: str
    role: str


@dataclass
class Change:
    """One audited operation."""

    operation: str
    node_ids: list[str] = field(default_factory=list)
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{property: [old, new]} for changed properties, personal values redacted."""
    out: dict[str, list[Any]] = {}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if key in REDACTED:
            out[key] = [
                "<redacted>" if old is not None else None,
                "<redacted>" if new is not None else None,
            ]
        else:
            out[key] = [old, new]
    return out


_WRITE: LiteralString = (
    "CREATE (:AuditEntry {id: randomUUID(), at: datetime(), atMs: timestamp(), actor: $actor,"
    " role: $role, operation: $operation, nodeIds: $nodeIds, changes: $changes})"
)


async def record(tx: Tx, actor: Actor, change: Change) -> None:
    """Write the audit entry inside the same transaction as the change."""
    await tx.rows(
        _WRITE,
        {
            "actor": actor.subject,
            "role": actor.role,
            "operation": change.operation,
            "nodeIds": change.node_ids,
            "changes": json.dumps(diff(change.before, change.after), ensure_ascii=False, default=str),
        },
    )


@dataclass(frozen=True)
class AuditRecord:
    """One stored audit entry."""

    id: str
    at: str
    actor: str
    role: str
    operation: str
    node_ids: tuple[str, ...]
    changes: str


def _record(row: dict[str, Any]) -> AuditRecord:
    return AuditRecord(
        id=row["id"],
        at=row["at"],
        actor=row["actor"],
        role=row["role"],
        operation=row["operation"],
        node_ids=tuple(row["nodeIds"] or ()),
        changes=row["changes"],
    )


ENTRIES = ListSpec(
    match=(
        "MATCH (n:AuditEntry) WHERE ($operation IS NULL OR n.operation = $operation)"
        " AND ($actor IS NULL OR n.actor = $actor)"
        " AND ($node IS NULL OR $node IN n.nodeIds)"
        " AND ($fromMs IS NULL OR n.atMs >= $fromMs) AND ($toMs IS NULL OR n.atMs < $toMs)"
    ),
    projection=(
        " RETURN n.id AS id, toString(n.at) AS at, n.actor AS actor, n.role AS role,"
        " n.operation AS operation, n.nodeIds AS nodeIds, n.changes AS changes"
    ),
    sorts={"AT": "atMs"},
    by_ids=by_ids_query(
        "MATCH (n:AuditEntry {id: wanted})",
        " RETURN n.id AS id, toString(n.at) AS at, n.actor AS actor, n.role AS role,"
        " n.operation AS operation, n.nodeIds AS nodeIds, n.changes AS changes",
    ),
    record=_record,
)
