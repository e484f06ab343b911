"""Mutations of an alumnus's plain ties: education, class liaisons and residence."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry

from graph.core import audit
from graph.core.db import Tx
from graph.core.scope import Scope
from graph.people import ties
from schema.core.context import Context
from schema.core.errors import UserError
from schema.core.inputs import EDITORS, decode, decode_optional, load_or_none
from schema.core.mutations import Problems, execute
from schema.institutions.types import Class_, class_by_id
from schema.people.alumni.types import Alumnus, alumnus_by_id

Act = Callable[[Tx, Scope], Awaitable[tuple[dict[str, Any], dict[str, Any]]]]


async def run_tie(
    info: strawberry.Info[Context, None], operation: str, node_ids: list[str], act: Act
) -> list[UserError]:
    """Run one tie change and its audit entry in one transaction; the user errors, if refused.

    `act` returns the audited state before and after.
    """
    scope = info.context.scope

    async def work(tx: Tx, actor: audit.Actor) -> bool:
        before, after = await act(tx, scope)
        await audit.record(tx, actor, audit.Change(operation, node_ids, before, after))
        return True

    out = await execute(info, work)
    return out.errors


def add(tie: ties.Tie, alumnus_id: str, target_id: str, props: dict[str, Any] | None = None) -> Act:
    """The act of recording a tie (audited as its properties, or `true`)."""

    async def act(tx: Tx, scope: Scope) -> tuple[dict[str, Any], dict[str, Any]]:
        await ties.add(tx, tie, alumnus_id, target_id, scope, props)
        return {}, {tie.field: target_id} | (props or {})

    return act


def remove(tie: ties.Tie, alumnus_id: str, target_id: str) -> Act:
    """The act of deleting a tie (audited with its former properties)."""

    async def act(tx: Tx, scope: Scope) -> tuple[dict[str, Any], dict[str, Any]]:
        old = await ties.remove(tx, tie, alumnus_id, target_id, scope)
        return {tie.field: target_id} | old, {}

    return act


@strawberry.input(description="An alumnus and a class.")
class AlumnusClassInput:
    """Base of the education and liaison inputs."""

    alumnus: strawberry.ID = strawberry.field(description="The alumnus.")
    class_: strawberry.ID = strawberry.field(name="class", description="The class.")


@strawberry.type(description="Result of a change to a tie between an alumnus and a class.")
class AlumnusClassPayload:
    """Base of the education and liaison payloads."""

    alumnus: Alumnus | None = strawberry.field(description="The alumnus, unless refused.")
    class_: Class_ | None = strawberry.field(name="class", description="The class, unless refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.input(description="Record that an alumnus studied in a class.")
class AddEducationInput(AlumnusClassInput):
    """Input of addEducation."""


@strawberry.input(description="Remove a recorded class from an alumnus's education.")
class RemoveEducationInput(AlumnusClassInput):
    """Input of removeEducation."""


@strawberry.input(description="Make an alumnus a liaison of a class.")
class AddLiaisonInput(AlumnusClassInput):
    """Input of addLiaison."""


@strawberry.input(description="Stop an alumnus being a liaison of a class.")
class RemoveLiaisonInput(AlumnusClassInput):
    """Input of removeLiaison."""


@strawberry.type(description="Result of addEducation.")
class AddEducationPayload(AlumnusClassPayload):
    """Payload of addEducation."""


@strawberry.type(description="Result of removeEducation.")
class RemoveEducationPayload(AlumnusClassPayload):
    """Payload of removeEducation."""


@strawberry.type(description="Result of addLiaison.")
class AddLiaisonPayload(AlumnusClassPayload):
    """Payload of addLiaison."""


@strawberry.type(description="Result of removeLiaison.")
class RemoveLiaisonPayload(AlumnusClassPayload):
    """Payload of removeLiaison."""


@strawberry.input(description="Where an alumnus lives now.")
class SetResidenceInput:
    """Input of setResidence."""

    alumnus: strawberry.ID = strawberry.field(description="The alumnus.")
    region: strawberry.ID | None = strawberry.field(
        default=None, description="The city (or region) they live in; null when unknown."
    )


@strawberry.type(description="Result of setResidence.")
class SetResidencePayload:
    """Payload of setResidence."""

    alumnus: Alumnus | None = strawberry.field(description="The alumnus, unless refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


async def class_tie(
    info: strawberry.Info[Context, None],
    operation: str,
    tie: ties.Tie,
    data: AlumnusClassInput,
    adding: bool,
) -> tuple[Alumnus | None, Class_ | None, list[UserError]]:
    """Add or remove an alumnus-class tie; the payload's objects and errors."""
    p = Problems()
    alumnus_id = decode(p, "alumnus", data.alumnus, "Alumnus")
    class_id = decode(p, "class", data.class_, "Class")
    if p:
        return None, None, p.errors
    act = add(tie, alumnus_id, class_id) if adding else remove(tie, alumnus_id, class_id)
    errors = await run_tie(info, operation, [alumnus_id, class_id], act)
    if errors:
        return None, None, errors
    return await load_or_none(info, alumnus_id, alumnus_by_id), await class_by_id(info, class_id), []


@strawberry.type
class TiesMutation:
    """Mutations of education, class liaisons and residence."""

    @strawberry.mutation(
        description="Record that an alumnus studied in a class.", permission_classes=[EDITORS]
    )
    async def add_education(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[AddEducationInput, strawberry.argument(description="The alumnus and the class.")],
    ) -> AddEducationPayload:
        """Add a STUDIED_IN tie."""
        alumnus, klass, errors = await class_tie(info, "addEducation", ties.EDUCATION, input, adding=True)
        return AddEducationPayload(alumnus=alumnus, class_=klass, user_errors=errors)

    @strawberry.mutation(
        description="Remove a class from an alumnus's education.", permission_classes=[EDITORS]
    )
    async def remove_education(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[RemoveEducationInput, strawberry.argument(description="The alumnus and the class.")],
    ) -> RemoveEducationPayload:
        """Delete a STUDIED_IN tie."""
        alumnus, klass, errors = await class_tie(info, "removeEducation", ties.EDUCATION, input, adding=False)
        return RemoveEducationPayload(alumnus=alumnus, class_=klass, user_errors=errors)

    @strawberry.mutation(description="Make an alumnus a liaison of a class.", permission_classes=[EDITORS])
    async def add_liaison(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[AddLiaisonInput, strawberry.argument(description="The alumnus and the class.")],
    ) -> AddLiaisonPayload:
        """Add a LIAISON_FOR tie."""
        alumnus, klass, errors = await class_tie(info, "addLiaison", ties.LIAISON, input, adding=True)
        return AddLiaisonPayload(alumnus=alumnus, class_=klass, user_errors=errors)

    @strawberry.mutation(description="Stop an alumnus being a class liaison.", permission_classes=[EDITORS])
    async def remove_liaison(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[RemoveLiaisonInput, strawberry.argument(description="The alumnus and the class.")],
    ) -> RemoveLiaisonPayload:
        """Delete a LIAISON_FOR tie."""
        alumnus, klass, errors = await class_tie(info, "removeLiaison", ties.LIAISON, input, adding=False)
        return RemoveLiaisonPayload(alumnus=alumnus, class_=klass, user_errors=errors)

    @strawberry.mutation(
        description="Replace where an alumnus lives (null: unknown).", permission_classes=[EDITORS]
    )
    async def set_residence(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[SetResidenceInput, strawberry.argument(description="The alumnus and region.")],
    ) -> SetResidencePayload:
        """Replace the LIVES_IN tie."""
        p = Problems()
        alumnus_id = decode(p, "alumnus", input.alumnus, "Alumnus")
        region_id = decode_optional(p, "region", input.region, "Region")
        if p:
            return SetResidencePayload(alumnus=None, user_errors=p.errors)

        async def act(tx: Tx, scope: Scope) -> tuple[dict[str, Any], dict[str, Any]]:
            before = await ties.set_home(tx, alumnus_id, region_id, scope)
            return {"region": before[0] if before else None}, {"region": region_id}

        errors = await run_tie(info, "setResidence", [alumnus_id], act)
        alumnus = None if errors else await load_or_none(info, alumnus_id, alumnus_by_id)
        return SetResidencePayload(alumnus=alumnus, user_errors=errors)
