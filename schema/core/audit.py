"""The audit trail as a GraphQL list, for ADMIN only."""

from __future__ import annotations

import json
from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from graph.core import audit
from graph.core.pages import fetch_count, fetch_page
from schema.core.context import Context
from schema.core.permissions import Role, require_roles
from schema.core.relay import Connection, Node, connection, from_global_id, page_args, to_global_id


@strawberry.type(description="One audited mutation: who, when, what, on which nodes.")
class AuditEntry(Node):
    """An audit entry; personal values in `changes` are redacted."""

    at: str = strawberry.field(description="When the change was committed (ISO 8601).")
    actor: str = strawberry.field(description="Subject of the token that made the change.")
    role: str = strawberry.field(description="Role of that token.")
    operation: str = strawberry.field(description="The mutation, e.g. createAlumnus.")
    node_ids: list[str] = strawberry.field(description="Internal ids of the nodes changed.")
    changes: JSON = strawberry.field(
        description="Changed properties as {property: [old, new]}; personal values are redacted."
    )

    @classmethod
    def from_record(cls, rec: audit.AuditRecord) -> AuditEntry:
        """Build from a repository record."""
        return cls(
            id=to_global_id("AuditEntry", rec.id),
            at=rec.at,
            actor=rec.actor,
            role=rec.role,
            operation=rec.operation,
            node_ids=list(rec.node_ids),
            changes=json.loads(rec.changes or "{}"),
        )


@strawberry.enum(description="Orders of the audit list.")
class AuditSort(Enum):
    """Sort keys."""

    AT = "AT"


@strawberry.input(description="Filters of the audit list.")
class AuditFilter:
    """Audit filter."""

    operation: str | None = strawberry.field(default=None, description="Only this mutation.")
    actor: str | None = strawberry.field(default=None, description="Only changes by this token subject.")
    node: strawberry.ID | None = strawberry.field(
        default=None, description="Only changes to this node (global ID)."
    )
    since: datetime | None = strawberry.field(default=None, description="At or after this instant.")
    until: datetime | None = strawberry.field(default=None, description="Before this instant.")


def _ms(value: datetime | None) -> int | None:
    return int(value.timestamp() * 1000) if value else None


@strawberry.type
class AuditQuery:
    """Root fields of the audit trail."""

    @strawberry.field(
        description="The audit trail, newest first by default (ADMIN only).",
        permission_classes=[require_roles(Role.ADMIN)],
    )
    async def audit_entries(
        self,
        info: strawberry.Info[Context, None],
        first: Annotated[int, strawberry.argument(description="Page size, at most 100.")] = 20,
        after: Annotated[str | None, strawberry.argument(description="Cursor to start after.")] = None,
        filter: Annotated[AuditFilter | None, strawberry.argument(description="Filters.")] = None,
        order_by: Annotated[AuditSort, strawberry.argument(description="Sort key.")] = AuditSort.AT,
        descending: Annotated[bool, strawberry.argument(description="Newest first (default).")] = True,
    ) -> Connection[AuditEntry]:
        """List audit entries."""
        first, cursor = page_args(first, after)
        f = filter or AuditFilter()
        params = {
            "operation": f.operation,
            "actor": f.actor,
            "node": from_global_id(f.node)[1] if f.node else None,
            "fromMs": _ms(f.since),
            "toMs": _ms(f.until),
        }
        db = info.context.db
        rows, more = await fetch_page(db, audit.ENTRIES, params, order_by.value, descending, first, cursor)
        return connection(
            rows,
            more,
            cursor is not None,
            AuditEntry.from_record,
            lambda: fetch_count(db, audit.ENTRIES, params),
        )
