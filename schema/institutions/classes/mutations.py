"""Mutations of classes: create, update and delete (a college officer: within their college)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph.core import access, audit
from graph.core.db import Tx
from graph.core.model import Degree, Label
from graph.institutions import colleges as institutions
from schema.core.context import Context
from schema.core.errors import UserError
from schema.core.inputs import (
    ADMINS,
    EDITORS,
    DeleteInput,
    DeletePayload,
    audit_records,
    check_code,
    check_order,
    check_text,
    check_year,
    decode,
    delete_node,
    given,
)
from schema.core.mutations import Problems, execute
from schema.institutions.types import Class_


@strawberry.input(description="A new class of a college.")
class CreateClassInput:
    """Input of createClass."""

    code: str = strawberry.field(description="Unique class code.")
    name: str = strawberry.field(description="Name of the class.")
    college: strawberry.ID = strawberry.field(description="The college (a college officer: their own).")
    degree: Degree | None = strawberry.field(default=None, description="Degree level.")
    major: str | None = strawberry.field(default=None, description="Major or programme.")
    entry_year: int | None = strawberry.field(default=None, description="Year of entry.")
    graduation_year: int | None = strawberry.field(default=None, description="Year of graduation.")


@strawberry.input(description="Changes to a class: only the fields given change; null clears a field.")
class UpdateClassInput:
    """Input of updateClass."""

    id: strawberry.ID = strawberry.field(description="The class to change.")
    code: strawberry.Maybe[str] = strawberry.field(description="New unique code.")
    name: strawberry.Maybe[str] = strawberry.field(description="New name.")
    college: strawberry.Maybe[strawberry.ID] = strawberry.field(description="Move the class to this college.")
    degree: strawberry.Maybe[Degree | None] = strawberry.field(description="Degree level.")
    major: strawberry.Maybe[str | None] = strawberry.field(description="Major or programme.")
    entry_year: strawberry.Maybe[int | None] = strawberry.field(description="Year of entry.")
    graduation_year: strawberry.Maybe[int | None] = strawberry.field(description="Year of graduation.")


@strawberry.type(description="Result of createClass and updateClass.")
class ClassPayload:
    """Base of the class payloads."""

    class_: Class_ | None = strawberry.field(name="class", description="The class as stored, unless refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type(description="Result of createClass.")
class CreateClassPayload(ClassPayload):
    """Payload of createClass."""


@strawberry.type(description="Result of updateClass.")
class UpdateClassPayload(ClassPayload):
    """Payload of updateClass."""


@strawberry.input(description="The class to delete.")
class DeleteClassInput(DeleteInput):
    """Input of deleteClass."""


@strawberry.type(description="Result of deleteClass.")
class DeleteClassPayload(DeletePayload):
    """Payload of deleteClass."""


def clean_class(p: Problems, props: dict[str, Any]) -> dict[str, Any]:
    """Validate class properties (any subset); enum values become their names."""
    out = dict(props)
    if "code" in out:
        out["code"] = check_code(p, "code", out["code"])
    if "name" in out:
        out["name"] = check_text(p, "name", out["name"])
    if out.get("major") is not None:
        out["major"] = check_text(p, "major", out["major"])
    for key in ("entryYear", "graduationYear"):
        if key in out:
            check_year(p, key, out[key])
    if isinstance(out.get("degree"), Degree):
        out["degree"] = out["degree"].value
    check_order(p, ("entryYear", "graduationYear"), out.get("entryYear"), out.get("graduationYear"))
    return out


def _class_props(data: CreateClassInput) -> dict[str, Any]:
    return {
        "code": data.code,
        "name": data.name,
        "degree": data.degree,
        "major": data.major,
        "entryYear": data.entry_year,
        "graduationYear": data.graduation_year,
    }


def _class_changes(p: Problems, data: UpdateClassInput) -> tuple[str, str | None, dict[str, Any]]:
    """The class id, the college to move it to (if given) and the checked properties."""
    node_id = decode(p, "id", data.id, "Class")
    college_id = decode(p, "college", data.college.value, "College") if data.college else None
    fields = given(
        code=data.code,
        name=data.name,
        degree=data.degree,
        major=data.major,
        entryYear=data.entry_year,
        graduationYear=data.graduation_year,
    )
    return node_id, college_id, clean_class(p, fields)


@strawberry.type
class ClassesMutation:
    """Mutations of classes."""

    @strawberry.mutation(
        description="Create a class (a college officer: in their own college).", permission_classes=[EDITORS]
    )
    async def create_class(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[CreateClassInput, strawberry.argument(description="The new class.")],
    ) -> CreateClassPayload:
        """Validate, then create the class in its college with an audit entry."""
        p = Problems()
        college_id = decode(p, "college", input.college, "College")
        props = clean_class(p, _class_props(input))
        if p:
            return CreateClassPayload(class_=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> institutions.ClassRecord:
            rec = await institutions.create_class(tx, props, college_id, scope)
            await audit_records(tx, actor, "createClass", None, rec)
            return rec

        out = await execute(info, work, duplicate_field="code")
        return CreateClassPayload(
            class_=Class_.from_record(out.value) if out.value else None, user_errors=out.errors
        )

    @strawberry.mutation(
        description="Change a class (a college officer: classes of their college, kept there).",
        permission_classes=[EDITORS],
    )
    async def update_class(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[UpdateClassInput, strawberry.argument(description="What to change.")],
    ) -> UpdateClassPayload:
        """Validate the given fields, then change them with an audit entry."""
        p = Problems()
        node_id, college_id, props = _class_changes(p, input)
        if p:
            return UpdateClassPayload(class_=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> institutions.ClassRecord:
            before, after = await institutions.update_class(tx, node_id, props, college_id, scope)
            await audit_records(tx, actor, "updateClass", before, after)
            return after

        out = await execute(info, work, duplicate_field="code")
        return UpdateClassPayload(
            class_=Class_.from_record(out.value) if out.value else None, user_errors=out.errors
        )

    @strawberry.mutation(
        description="Delete a class; IN_USE while alumni or liaisons point at it, unless `detach`.",
        permission_classes=[ADMINS],
    )
    async def delete_class(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[DeleteClassInput, strawberry.argument(description="Which class.")],
    ) -> DeleteClassPayload:
        """Delete with an audit entry."""
        deleted, errors = await delete_node(
            info, input.id, input.detach, Label.CLASS, access.CLASS, institutions.CLASS_REMOVAL
        )
        return DeleteClassPayload(deleted_id=deleted, user_errors=errors)
