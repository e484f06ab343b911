"""Mutations of chapter memberships: an alumnus's MEMBER_OF ties, with role and year joined."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph.chapters import memberships
from graph.chapters.memberships import MemberRole
from graph.core.db import Tx
from graph.core.scope import Scope
from graph.people import ties
from schema.chapters.types import Chapter, Membership, chapter_by_id
from schema.core.context import Context
from schema.core.errors import UserError
from schema.core.inputs import EDITORS, check_year, decode, given, load_or_none
from schema.core.mutations import Problems
from schema.people.alumni.types import Alumnus, alumnus_by_id
from schema.people.ties.mutations import Act, remove, run_tie


@strawberry.input(description="An alumnus and a chapter.")
class MembershipInput:
    """Base of the membership inputs."""

    alumnus: strawberry.ID = strawberry.field(description="The alumnus (in your scope).")
    chapter: strawberry.ID = strawberry.field(description="The chapter.")


@strawberry.input(description="Make an alumnus a member of a chapter.")
class AddMembershipInput(MembershipInput):
    """Input of addMembership."""

    role: MemberRole = strawberry.field(default=MemberRole.MEMBER, description="Office held (one president).")
    since_year: int | None = strawberry.field(default=None, description="Year the alumnus joined.")


@strawberry.input(description="Change a membership: only the fields given change.")
class UpdateMembershipInput(MembershipInput):
    """Input of updateMembership."""

    role: strawberry.Maybe[MemberRole] = strawberry.field(description="Office held (one president).")
    since_year: strawberry.Maybe[int | None] = strawberry.field(description="Year the alumnus joined.")


@strawberry.input(description="End an alumnus's membership of a chapter.")
class RemoveMembershipInput(MembershipInput):
    """Input of removeMembership."""


@strawberry.type(description="Result of a change to a membership.")
class MembershipPayload:
    """Base of the membership payloads."""

    membership: Membership | None = strawberry.field(description="The membership as stored, unless refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type(description="Result of addMembership.")
class AddMembershipPayload(MembershipPayload):
    """Payload of addMembership."""


@strawberry.type(description="Result of updateMembership.")
class UpdateMembershipPayload(MembershipPayload):
    """Payload of updateMembership."""


@strawberry.type(description="Result of removeMembership.")
class RemoveMembershipPayload:
    """Payload of removeMembership."""

    alumnus: Alumnus | None = strawberry.field(description="The former member, unless refused.")
    chapter: Chapter | None = strawberry.field(description="The chapter, unless refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


def pair_of(p: Problems, data: MembershipInput) -> tuple[str, str]:
    """The alumnus id and the chapter id."""
    return decode(p, "alumnus", data.alumnus, "Alumnus"), decode(p, "chapter", data.chapter, "Chapter")


def membership_act(alumnus_id: str, chapter_id: str, props: dict[str, Any], adding: bool) -> Act:
    """The act of adding or changing a membership; a chapter keeps at most one president."""

    async def act(tx: Tx, scope: Scope) -> tuple[dict[str, Any], dict[str, Any]]:
        before: dict[str, Any] = {}
        if adding:
            await ties.add(tx, ties.MEMBERSHIP, alumnus_id, chapter_id, scope, props)
            after = props
        else:
            before, after = await ties.change(tx, ties.MEMBERSHIP, alumnus_id, chapter_id, scope, props)
        await memberships.check_single_president(tx, alumnus_id, chapter_id, after.get("role"))
        return before, after

    return act


async def membership_change(
    info: strawberry.Info[Context, None], operation: str, pair: tuple[str, str], act: Act
) -> tuple[Membership | None, list[UserError]]:
    """Run a membership change; the membership as stored and the errors."""
    errors = await run_tie(info, operation, list(pair), act)
    if errors:
        return None, errors
    loader = info.context.loaders.memberships
    found = [m for m in await loader.load(pair[0]) if m.chapter_id == pair[1]]
    return (Membership.from_record(found[0]) if found else None), []


def validate_membership(p: Problems, role: Any, since: Any) -> dict[str, Any]:
    """Given membership properties (Some-wrapped or plain), checked."""
    props = given(role=role, sinceYear=since)
    if "sinceYear" in props:
        check_year(p, "sinceYear", props["sinceYear"])
    if isinstance(props.get("role"), MemberRole):
        props["role"] = props["role"].value
    return props


async def removal(
    info: strawberry.Info[Context, None], pair: tuple[str, str]
) -> tuple[Alumnus | None, Chapter | None, list[UserError]]:
    """Remove a membership; the payload's objects and errors."""
    errors = await run_tie(info, "removeMembership", list(pair), remove(ties.MEMBERSHIP, *pair))
    if errors:
        return None, None, errors
    return await load_or_none(info, pair[0], alumnus_by_id), await chapter_by_id(info, pair[1]), []


@strawberry.type
class MembershipsMutation:
    """Mutations of chapter memberships."""

    @strawberry.mutation(
        description="Make an alumnus (in your scope) a member of a chapter.", permission_classes=[EDITORS]
    )
    async def add_membership(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[AddMembershipInput, strawberry.argument(description="The membership.")],
    ) -> AddMembershipPayload:
        """Add a MEMBER_OF tie; DUPLICATE when already a member."""
        p = Problems()
        pair = pair_of(p, input)
        props = validate_membership(p, strawberry.Some(input.role), strawberry.Some(input.since_year))
        if p:
            return AddMembershipPayload(membership=None, user_errors=p.errors)
        act = membership_act(*pair, props, adding=True)
        membership, errors = await membership_change(info, "addMembership", pair, act)
        return AddMembershipPayload(membership=membership, user_errors=errors)

    @strawberry.mutation(description="Change a member's role or year joined.", permission_classes=[EDITORS])
    async def update_membership(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[UpdateMembershipInput, strawberry.argument(description="What to change.")],
    ) -> UpdateMembershipPayload:
        """Set properties of the MEMBER_OF tie."""
        p = Problems()
        pair = pair_of(p, input)
        props = validate_membership(p, input.role, input.since_year)
        if p:
            return UpdateMembershipPayload(membership=None, user_errors=p.errors)
        act = membership_act(*pair, props, adding=False)
        membership, errors = await membership_change(info, "updateMembership", pair, act)
        return UpdateMembershipPayload(membership=membership, user_errors=errors)

    @strawberry.mutation(
        description="End an alumnus's membership of a chapter.", permission_classes=[EDITORS]
    )
    async def remove_membership(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[RemoveMembershipInput, strawberry.argument(description="The membership.")],
    ) -> RemoveMembershipPayload:
        """Delete the MEMBER_OF tie."""
        p = Problems()
        pair = pair_of(p, input)
        if p:
            return RemoveMembershipPayload(alumnus=None, chapter=None, user_errors=p.errors)
        alumnus, chapter, errors = await removal(info, pair)
        return RemoveMembershipPayload(alumnus=alumnus, chapter=chapter, user_errors=errors)
