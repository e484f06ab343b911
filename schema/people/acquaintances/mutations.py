"""Mutations of recorded acquaintances (KNOWS ties between two alumni)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph.people import ties
from graph.people.affiliations import AcquaintanceKind
from schema.core.context import Context
from schema.core.errors import UserError, UserErrorCode
from schema.core.inputs import EDITORS, decode, load_or_none
from schema.core.mutations import Problems
from schema.people.alumni.types import Alumnus, alumnus_by_id
from schema.people.ties.mutations import Act, add, remove, run_tie


@strawberry.input(description="Two alumni who know each other (one tie per pair, whichever is named first).")
class AcquaintanceInput:
    """Base of the acquaintance inputs."""

    alumnus: strawberry.ID = strawberry.field(description="An alumnus in your scope.")
    other: strawberry.ID = strawberry.field(description="The alumnus they know.")


@strawberry.input(description="Record that two alumni know each other.")
class AddAcquaintanceInput(AcquaintanceInput):
    """Input of addAcquaintance."""

    kind: AcquaintanceKind = strawberry.field(
        default=AcquaintanceKind.OTHER, description="How they know each other."
    )
    strength: int | None = strawberry.field(default=None, description="How close, 1 (slight) to 5 (close).")


@strawberry.input(description="Forget that two alumni know each other.")
class RemoveAcquaintanceInput(AcquaintanceInput):
    """Input of removeAcquaintance."""


@strawberry.type(description="Result of a change to an acquaintance.")
class AcquaintancePayload:
    """Base of the acquaintance payloads."""

    alumnus: Alumnus | None = strawberry.field(description="The alumnus, unless refused.")
    other: Alumnus | None = strawberry.field(description="The other alumnus, unless refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type(description="Result of addAcquaintance.")
class AddAcquaintancePayload(AcquaintancePayload):
    """Payload of addAcquaintance."""


@strawberry.type(description="Result of removeAcquaintance.")
class RemoveAcquaintancePayload(AcquaintancePayload):
    """Payload of removeAcquaintance."""


def acquaintance_ids(p: Problems, data: AcquaintanceInput) -> tuple[str, str]:
    """Both node ids; INVALID when they are the same person."""
    alumnus_id = decode(p, "alumnus", data.alumnus, "Alumnus")
    other_id = decode(p, "other", data.other, "Alumnus")
    if alumnus_id and alumnus_id == other_id:
        p.add("other", UserErrorCode.INVALID, "an alumnus cannot be their own acquaintance")
    return alumnus_id, other_id


def strength_of(p: Problems, value: int | None) -> int | None:
    """A tie strength from 1 to 5."""
    if value is not None and not 1 <= value <= 5:
        p.add("strength", UserErrorCode.OUT_OF_RANGE, "must be between 1 and 5")
    return value


async def acquaintance_change(
    info: strawberry.Info[Context, None], operation: str, pair: tuple[str, str], act: Act
) -> tuple[Alumnus | None, Alumnus | None, list[UserError]]:
    """Run an acquaintance change; the payload's objects and errors."""
    errors = await run_tie(info, operation, list(pair), act)
    if errors:
        return None, None, errors
    return await load_or_none(info, pair[0], alumnus_by_id), await alumnus_by_id(info, pair[1]), []


@strawberry.type
class AcquaintancesMutation:
    """Mutations of acquaintances."""

    @strawberry.mutation(
        description="Record that two alumni know each other (the first must be in your scope).",
        permission_classes=[EDITORS],
    )
    async def add_acquaintance(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[
            AddAcquaintanceInput, strawberry.argument(description="The two alumni and the tie.")
        ],
    ) -> AddAcquaintancePayload:
        """Add a KNOWS tie; DUPLICATE when the pair already has one, in either direction."""
        p = Problems()
        pair = acquaintance_ids(p, input)
        props = {"kind": input.kind.value, "strength": strength_of(p, input.strength)}
        if p:
            return AddAcquaintancePayload(alumnus=None, other=None, user_errors=p.errors)
        act = add(ties.ACQUAINTANCE, *pair, props)
        alumnus, other, errors = await acquaintance_change(info, "addAcquaintance", pair, act)
        return AddAcquaintancePayload(alumnus=alumnus, other=other, user_errors=errors)

    @strawberry.mutation(description="Forget that two alumni know each other.", permission_classes=[EDITORS])
    async def remove_acquaintance(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[RemoveAcquaintanceInput, strawberry.argument(description="The two alumni.")],
    ) -> RemoveAcquaintancePayload:
        """Delete the pair's KNOWS tie, whichever direction it was recorded in."""
        p = Problems()
        pair = acquaintance_ids(p, input)
        if p:
            return RemoveAcquaintancePayload(alumnus=None, other=None, user_errors=p.errors)
        act = remove(ties.ACQUAINTANCE, *pair)
        alumnus, other, errors = await acquaintance_change(info, "removeAcquaintance", pair, act)
        return RemoveAcquaintancePayload(alumnus=alumnus, other=other, user_errors=errors)
