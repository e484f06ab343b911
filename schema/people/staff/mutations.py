"""Mutations of staff posts: an alumnus's WORKED_AT_SCHOOL ties to colleges."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph.core.db import Tx
from graph.core.errors import Rejected
from graph.core.scope import Scope
from graph.people import ties
from schema.core.context import Context
from schema.core.errors import UserError
from schema.core.inputs import EDITORS, check_order, check_text, check_year, decode, load_or_none
from schema.core.mutations import Problems
from schema.institutions.types import College, college_by_id
from schema.people.alumni.types import Alumnus, alumnus_by_id
from schema.people.ties.mutations import Act, add, remove, run_tie


@strawberry.input(description="An alumnus and a college they worked at.")
class StaffRoleInput:
    """Base of the staff-role inputs."""

    alumnus: strawberry.ID = strawberry.field(description="The alumnus.")
    college: strawberry.ID = strawberry.field(description="The college (a college officer: their own).")


@strawberry.input(description="Record a post an alumnus held or holds at a college (one per college).")
class AddStaffRoleInput(StaffRoleInput):
    """Input of addStaffRole."""

    title: str | None = strawberry.field(default=None, description="Job title.")
    start_year: int | None = strawberry.field(default=None, description="First year in the post.")
    end_year: int | None = strawberry.field(default=None, description="Last year; null while current.")


@strawberry.input(description="Close a current post.")
class EndStaffRoleInput(StaffRoleInput):
    """Input of endStaffRole."""

    end_year: int = strawberry.field(description="Last year in the post.")


@strawberry.input(description="Remove a recorded post entirely (a mistake, not a post that ended).")
class RemoveStaffRoleInput(StaffRoleInput):
    """Input of removeStaffRole."""


@strawberry.type(description="Result of a change to a staff post.")
class StaffRolePayload:
    """Base of the staff-role payloads."""

    alumnus: Alumnus | None = strawberry.field(description="The alumnus, unless refused.")
    college: College | None = strawberry.field(description="The college, unless refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type(description="Result of addStaffRole.")
class AddStaffRolePayload(StaffRolePayload):
    """Payload of addStaffRole."""


@strawberry.type(description="Result of endStaffRole.")
class EndStaffRolePayload(StaffRolePayload):
    """Payload of endStaffRole."""


@strawberry.type(description="Result of removeStaffRole.")
class RemoveStaffRolePayload(StaffRolePayload):
    """Payload of removeStaffRole."""


def pair_of(p: Problems, data: StaffRoleInput) -> tuple[str, str]:
    """The alumnus id and the college id."""
    return decode(p, "alumnus", data.alumnus, "Alumnus"), decode(p, "college", data.college, "College")


def end_role(alumnus_id: str, college_id: str, end_year: int) -> Act:
    """The act of closing a post; its end must not precede its start."""

    async def act(tx: Tx, scope: Scope) -> tuple[dict[str, Any], dict[str, Any]]:
        props = {"endYear": end_year}
        before, after = await ties.change(tx, ties.STAFF_ROLE, alumnus_id, college_id, scope, props)
        if after.get("startYear") is not None and after["startYear"] > end_year:
            raise Rejected("endYear", "OUT_OF_RANGE", "the post cannot end before it started")
        return before, after

    return act


async def staff_change(
    info: strawberry.Info[Context, None], operation: str, pair: tuple[str, str], act: Act
) -> tuple[Alumnus | None, College | None, list[UserError]]:
    """Run a staff-role change; the payload's objects and errors."""
    errors = await run_tie(info, operation, list(pair), act)
    if errors:
        return None, None, errors
    return await load_or_none(info, pair[0], alumnus_by_id), await college_by_id(info, pair[1]), []


def validate_staff_role(p: Problems, data: AddStaffRoleInput) -> dict[str, Any]:
    """The post's properties, checked."""
    title = check_text(p, "title", data.title) if data.title is not None else None
    start, end = check_year(p, "startYear", data.start_year), check_year(p, "endYear", data.end_year)
    check_order(p, ("startYear", "endYear"), start, end)
    return {"title": title, "startYear": start, "endYear": end}


@strawberry.type
class StaffMutation:
    """Mutations of staff posts."""

    @strawberry.mutation(
        description="Record a post an alumnus held at a college (a college officer: at their college).",
        permission_classes=[EDITORS],
    )
    async def add_staff_role(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[AddStaffRoleInput, strawberry.argument(description="The post.")],
    ) -> AddStaffRolePayload:
        """Add a WORKED_AT_SCHOOL tie; DUPLICATE when the alumnus already has a post there."""
        p = Problems()
        pair = pair_of(p, input)
        props = validate_staff_role(p, input)
        if p:
            return AddStaffRolePayload(alumnus=None, college=None, user_errors=p.errors)
        alumnus, college, errors = await staff_change(
            info, "addStaffRole", pair, add(ties.STAFF_ROLE, *pair, props)
        )
        return AddStaffRolePayload(alumnus=alumnus, college=college, user_errors=errors)

    @strawberry.mutation(description="Close a post: set its last year.", permission_classes=[EDITORS])
    async def end_staff_role(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[EndStaffRoleInput, strawberry.argument(description="The post and its last year.")],
    ) -> EndStaffRolePayload:
        """Set endYear on the WORKED_AT_SCHOOL tie."""
        p = Problems()
        pair = pair_of(p, input)
        check_year(p, "endYear", input.end_year)
        if p:
            return EndStaffRolePayload(alumnus=None, college=None, user_errors=p.errors)
        alumnus, college, errors = await staff_change(
            info, "endStaffRole", pair, end_role(*pair, input.end_year)
        )
        return EndStaffRolePayload(alumnus=alumnus, college=college, user_errors=errors)

    @strawberry.mutation(description="Remove a post recorded by mistake.", permission_classes=[EDITORS])
    async def remove_staff_role(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[RemoveStaffRoleInput, strawberry.argument(description="The post.")],
    ) -> RemoveStaffRolePayload:
        """Delete the WORKED_AT_SCHOOL tie."""
        p = Problems()
        pair = pair_of(p, input)
        if p:
            return RemoveStaffRolePayload(alumnus=None, college=None, user_errors=p.errors)
        act = remove(ties.STAFF_ROLE, *pair)
        alumnus, college, errors = await staff_change(info, "removeStaffRole", pair, act)
        return RemoveStaffRolePayload(alumnus=alumnus, college=college, user_errors=errors)
