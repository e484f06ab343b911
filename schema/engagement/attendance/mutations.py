"""Mutations of attendance (ATTENDED): add and remove (college officers for their own alumni)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph.core import audit
from graph.core.db import Tx
from graph.engagement import attendance as repo
from schema.core.context import Context
from schema.core.inputs import decode_optional
from schema.core.mutations import Outcome, Problems, execute
from schema.core.permissions import Role, require_roles
from schema.engagement.events.inputs import AddAttendanceInput, AttendancePayload, RemoveAttendanceInput
from schema.engagement.events.types import Attendance

Info = strawberry.Info[Context, None]
OFFICE = [require_roles(Role.ADMIN, Role.COLLEGE_OFFICER)]


def pair(p: Problems, alumnus: str, event: str) -> tuple[str, str] | None:
    """(alumnus id, event id) of the input, or None with problems recorded."""
    alumnus_id = decode_optional(p, "alumnus", alumnus, "Alumnus")
    event_id = decode_optional(p, "event", event, "Event")
    return (alumnus_id, event_id) if alumnus_id and event_id else None


def payload(out: Outcome[repo.AttendanceRecord]) -> AttendancePayload:
    """Payload of an attendance outcome."""
    return AttendancePayload(
        attendance=Attendance.from_record(out.value) if out.value else None, user_errors=out.errors
    )


@strawberry.type
class AttendanceMutations:
    """Mutations of ATTENDED relationships."""

    @strawberry.mutation(
        description="Record that an alumnus attended an event, or change their role there "
        "(ADMIN; COLLEGE_OFFICER for their college's alumni).",
        permission_classes=OFFICE,
    )
    async def add_attendance(
        self,
        info: Info,
        input: Annotated[AddAttendanceInput, strawberry.argument(description="The attendance.")],
    ) -> AttendancePayload:
        """Merge the relationship with an audit entry."""
        p = Problems()
        ids = pair(p, input.alumnus, input.event)
        if ids is None:
            return AttendancePayload(attendance=None, user_errors=p.errors)
        scope, role = info.context.scope, input.role.value

        async def work(tx: Tx, actor: audit.Actor) -> repo.AttendanceRecord:
            await repo.check_alumnus(tx, ids[0], scope)
            rec, before = await repo.add(tx, ids[0], ids[1], role)
            await audit.record(
                tx, actor, audit.Change("addAttendance", list(ids), {"role": before}, {"role": role})
            )
            return rec

        return payload(await execute(info, work))

    @strawberry.mutation(
        description="Delete an attendance record (ADMIN; COLLEGE_OFFICER for their college's alumni).",
        permission_classes=OFFICE,
    )
    async def remove_attendance(
        self,
        info: Info,
        input: Annotated[RemoveAttendanceInput, strawberry.argument(description="The pair.")],
    ) -> AttendancePayload:
        """Delete the relationship with an audit entry."""
        p = Problems()
        ids = pair(p, input.alumnus, input.event)
        if ids is None:
            return AttendancePayload(attendance=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> repo.AttendanceRecord:
            await repo.check_alumnus(tx, ids[0], scope)
            rec = await repo.remove(tx, ids[0], ids[1])
            await audit.record(tx, actor, audit.Change("removeAttendance", list(ids), {"role": rec.role}, {}))
            return rec

        return payload(await execute(info, work))
