"""Mutations of colleges: create, update and delete."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph.core import access, audit
from graph.core.db import Tx
from graph.core.model import Label
from graph.institutions import colleges as institutions
from schema.core.context import Context
from schema.core.errors import UserError
from schema.core.inputs import (
    ADMINS,
    DeleteInput,
    DeletePayload,
    audit_records,
    check_code,
    check_text,
    decode,
    delete_node,
    given,
)
from schema.core.mutations import Problems, execute
from schema.institutions.types import College


@strawberry.input(description="A new college.")
class CreateCollegeInput:
    """Input of createCollege."""

    code: str = strawberry.field(description="Unique college code.")
    name: str = strawberry.field(description="Name of the college.")


@strawberry.input(description="Changes to a college: only the fields given change.")
class UpdateCollegeInput:
    """Input of updateCollege."""

    id: strawberry.ID = strawberry.field(description="The college to change.")
    code: strawberry.Maybe[str] = strawberry.field(description="New unique code.")
    name: strawberry.Maybe[str] = strawberry.field(description="New name.")


@strawberry.type(description="Result of createCollege and updateCollege.")
class CollegePayload:
    """Base of the college payloads."""

    college: College | None = strawberry.field(description="The college as stored, unless refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type(description="Result of createCollege.")
class CreateCollegePayload(CollegePayload):
    """Payload of createCollege."""


@strawberry.type(description="Result of updateCollege.")
class UpdateCollegePayload(CollegePayload):
    """Payload of updateCollege."""


@strawberry.input(description="The college to delete (refused while it still has classes).")
class DeleteCollegeInput(DeleteInput):
    """Input of deleteCollege."""


@strawberry.type(description="Result of deleteCollege.")
class DeleteCollegePayload(DeletePayload):
    """Payload of deleteCollege."""


@strawberry.type
class CollegesMutation:
    """Mutations of colleges (the alumni office only)."""

    @strawberry.mutation(description="Create a college.", permission_classes=[ADMINS])
    async def create_college(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[CreateCollegeInput, strawberry.argument(description="The new college.")],
    ) -> CreateCollegePayload:
        """Validate, then create the college with an audit entry."""
        p = Problems()
        props = {"code": check_code(p, "code", input.code), "name": check_text(p, "name", input.name)}
        if p:
            return CreateCollegePayload(college=None, user_errors=p.errors)

        async def work(tx: Tx, actor: audit.Actor) -> institutions.CollegeRecord:
            rec = await institutions.create_college(tx, props)
            await audit_records(tx, actor, "createCollege", None, rec)
            return rec

        out = await execute(info, work, duplicate_field="code")
        college = College.from_record(out.value) if out.value else None
        return CreateCollegePayload(college=college, user_errors=out.errors)

    @strawberry.mutation(description="Change a college's code or name.", permission_classes=[ADMINS])
    async def update_college(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[UpdateCollegeInput, strawberry.argument(description="What to change.")],
    ) -> UpdateCollegePayload:
        """Validate the given fields, then change them with an audit entry."""
        p = Problems()
        node_id = decode(p, "id", input.id, "College")
        props = given(code=input.code, name=input.name)
        props = {k: (check_code if k == "code" else check_text)(p, k, v) for k, v in props.items()}
        if p:
            return UpdateCollegePayload(college=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> institutions.CollegeRecord:
            before, after = await institutions.update_college(tx, node_id, props, scope)
            await audit_records(tx, actor, "updateCollege", before, after)
            return after

        out = await execute(info, work, duplicate_field="code")
        college = College.from_record(out.value) if out.value else None
        return UpdateCollegePayload(college=college, user_errors=out.errors)

    @strawberry.mutation(
        description="Delete a college; never while classes or a COLLEGE chapter depend on it.",
        permission_classes=[ADMINS],
    )
    async def delete_college(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[DeleteCollegeInput, strawberry.argument(description="Which college.")],
    ) -> DeleteCollegePayload:
        """Delete with an audit entry."""
        removal = institutions.COLLEGE_REMOVAL
        deleted, errors = await delete_node(
            info, input.id, input.detach, Label.COLLEGE, access.COLLEGE, removal
        )
        return DeleteCollegePayload(deleted_id=deleted, user_errors=errors)
