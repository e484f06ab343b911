"""Mutations of employment (WORKS_AT): add, update, end and remove."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph.careers import employment as repo
from graph.careers.industries import EmploymentRole
from graph.core import access, audit, validation
from graph.core.db import Tx
from graph.core.errors import Rejected
from graph.core.model import Label
from schema.careers.companies.types import Employment
from schema.core.context import Context
from schema.core.errors import UserError, UserErrorCode
from schema.core.inputs import camel, decode_optional, given
from schema.core.mutations import Outcome, Problems, execute
from schema.core.permissions import Role, require_roles

Info = strawberry.Info[Context, None]
# The office, and a college officer for the alumni of their college (checked in the transaction).
EDITORS = [require_roles(Role.ADMIN, Role.COLLEGE_OFFICER)]


@strawberry.input(description="A new employment of an alumnus at a company.")
class AddEmploymentInput:
    """Input of addEmployment."""

    alumnus: strawberry.ID = strawberry.field(description="The alumnus.")
    company: strawberry.ID = strawberry.field(description="The company.")
    title: str | None = strawberry.field(default=None, description="Job title.")
    role: EmploymentRole = strawberry.field(
        default=EmploymentRole.EMPLOYEE, description="Founder, executive or employee."
    )
    start_year: int | None = strawberry.field(default=None, description="Year the position began.")
    end_year: int | None = strawberry.field(
        default=None, description="Year it ended; leave out while current."
    )


@strawberry.input(description="Changes to an employment; fields left out stay as they are, null clears.")
class UpdateEmploymentInput:
    """Input of updateEmployment."""

    alumnus: strawberry.ID = strawberry.field(description="The alumnus.")
    company: strawberry.ID = strawberry.field(description="The company.")
    title: strawberry.Maybe[str | None] = strawberry.field(description="Job title.")
    role: strawberry.Maybe[EmploymentRole | None] = strawberry.field(description="Role.")
    start_year: strawberry.Maybe[int | None] = strawberry.field(description="Start year.")
    end_year: strawberry.Maybe[int | None] = strawberry.field(
        description="End year; null makes the position current again."
    )


@strawberry.input(description="The end of a current employment.")
class EndEmploymentInput:
    """Input of endEmployment."""

    alumnus: strawberry.ID = strawberry.field(description="The alumnus.")
    company: strawberry.ID = strawberry.field(description="The company.")
    end_year: int = strawberry.field(description="Year the position ended.")


@strawberry.input(description="An employment record to delete (a mistake, not a position that ended).")
class RemoveEmploymentInput:
    """Input of removeEmployment."""

    alumnus: strawberry.ID = strawberry.field(description="The alumnus.")
    company: strawberry.ID = strawberry.field(description="The company.")


@strawberry.type(description="Result of an employment mutation.")
class EmploymentPayload:
    """The employment as it is now (as it was, when removed), or why nothing changed."""

    employment: Employment | None = strawberry.field(description="The employment.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


def pair(p: Problems, alumnus: str, company: str) -> tuple[str, str] | None:
    """(alumnus id, company id) of the input, or None with problems recorded."""
    alumnus_id = decode_optional(p, "alumnus", alumnus, "Alumnus")
    company_id = decode_optional(p, "company", company, "Company")
    return (alumnus_id, company_id) if alumnus_id and company_id else None


def employment_values(p: Problems, values: dict[str, Any]) -> dict[str, Any]:
    """Checked relationship properties (only those given)."""
    out: dict[str, Any] = {}
    for name in ("start_year", "end_year"):
        if values.get(name) is not None:
            p.add(camel(name), UserErrorCode.OUT_OF_RANGE, validation.year_error(values[name]))
        if name in values:
            out[camel(name)] = values[name]
    if values.get("title") is not None:
        p.add("title", UserErrorCode.INVALID, validation.text_error(values["title"], 100))
    if "title" in values:
        out["title"] = (values["title"] or "").strip() or None
    if "role" in values:
        out["role"] = values["role"].value if values["role"] else None
    return out


def check_years(rec: repo.EmploymentRecord) -> None:
    """Refuse an employment that ends before it starts."""
    if rec.start_year is not None and rec.end_year is not None and rec.end_year < rec.start_year:
        raise Rejected("endYear", "OUT_OF_RANGE", "the end year is before the start year")


def payload(out: Outcome[repo.EmploymentRecord]) -> EmploymentPayload:
    """Payload of an employment outcome."""
    return EmploymentPayload(
        employment=Employment.from_record(out.value) if out.value else None, user_errors=out.errors
    )


async def _change(info: Info, op: str, ids: tuple[str, str], props: dict[str, Any]) -> EmploymentPayload:
    """updateEmployment / endEmployment: set properties, then check the years."""
    alumnus_id, company_id = ids
    scope = info.context.scope

    async def work(tx: Tx, actor: audit.Actor) -> repo.EmploymentRecord:
        await access.require(tx, access.ALUMNUS, alumnus_id, scope, "alumnus", edit=True)
        old = await repo.find(tx, alumnus_id, company_id)
        rec = await repo.update(tx, alumnus_id, company_id, props)
        check_years(rec)
        before = {k: getattr(old, camel_to_attr(k)) for k in props} if old else {}
        await audit.record(tx, actor, audit.Change(op, [alumnus_id, company_id], before, props))
        return rec

    return payload(await execute(info, work))


def camel_to_attr(name: str) -> str:
    """camelCase property → record attribute."""
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


@strawberry.type
class EmploymentMutations:
    """Mutations of WORKS_AT relationships."""

    @strawberry.mutation(
        description="Record that an alumnus works (or worked) at a company; one per pair "
        "(ADMIN; college officers for their alumni).",
        permission_classes=EDITORS,
    )
    async def add_employment(
        self,
        info: Info,
        input: Annotated[AddEmploymentInput, strawberry.argument(description="The employment.")],
    ) -> EmploymentPayload:
        """Validate, then create the relationship with an audit entry."""
        p = Problems()
        ids = pair(p, input.alumnus, input.company)
        props = employment_values(
            p, dict(title=input.title, role=input.role, start_year=input.start_year, end_year=input.end_year)
        )
        if p or ids is None:
            return EmploymentPayload(employment=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> repo.EmploymentRecord:
            await access.require(tx, access.ALUMNUS, ids[0], scope, "alumnus", edit=True)
            await access.require_node(tx, Label.COMPANY, ids[1], "company")
            rec = await repo.add(tx, ids[0], ids[1], props)
            check_years(rec)
            await audit.record(tx, actor, audit.Change("addEmployment", list(ids), {}, props))
            return rec

        return payload(await execute(info, work))

    @strawberry.mutation(
        description="Change an employment (ADMIN; college officers for their alumni).",
        permission_classes=EDITORS,
    )
    async def update_employment(
        self,
        info: Info,
        input: Annotated[UpdateEmploymentInput, strawberry.argument(description="The changes.")],
    ) -> EmploymentPayload:
        """Validate the fields sent, then update them."""
        p = Problems()
        ids = pair(p, input.alumnus, input.company)
        props = employment_values(
            p, given(title=input.title, role=input.role, start_year=input.start_year, end_year=input.end_year)
        )
        if p or ids is None:
            return EmploymentPayload(employment=None, user_errors=p.errors)
        return await _change(info, "updateEmployment", ids, props)

    @strawberry.mutation(
        description="End a current employment: set its end year (ADMIN; college officers for their alumni).",
        permission_classes=EDITORS,
    )
    async def end_employment(
        self, info: Info, input: Annotated[EndEmploymentInput, strawberry.argument(description="The end.")]
    ) -> EmploymentPayload:
        """Set endYear."""
        p = Problems()
        ids = pair(p, input.alumnus, input.company)
        p.add("endYear", UserErrorCode.OUT_OF_RANGE, validation.year_error(input.end_year))
        if p or ids is None:
            return EmploymentPayload(employment=None, user_errors=p.errors)
        return await _change(info, "endEmployment", ids, {"endYear": input.end_year})

    @strawberry.mutation(
        description="Delete an employment recorded by mistake (to record that it ended, use "
        "endEmployment) (ADMIN; college officers for their alumni).",
        permission_classes=EDITORS,
    )
    async def remove_employment(
        self,
        info: Info,
        input: Annotated[RemoveEmploymentInput, strawberry.argument(description="The pair.")],
    ) -> EmploymentPayload:
        """Delete the relationship with an audit entry."""
        p = Problems()
        ids = pair(p, input.alumnus, input.company)
        if ids is None:
            return EmploymentPayload(employment=None, user_errors=p.errors)

        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> repo.EmploymentRecord:
            await access.require(tx, access.ALUMNUS, ids[0], scope, "alumnus", edit=True)
            rec = await repo.remove(tx, *ids)
            before = {
                "title": rec.title,
                "role": rec.role,
                "startYear": rec.start_year,
                "endYear": rec.end_year,
            }
            await audit.record(tx, actor, audit.Change("removeEmployment", list(ids), before, {}))
            return rec

        return payload(await execute(info, work))
