"""Self-service for the ALUMNUS role: own profile, data-access export, contact data, consents."""

from __future__ import annotations

import contextlib
from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from graph.core import audit, validation
from graph.core.db import Tx
from graph.core.errors import Rejected
from graph.people import me
from schema.core.context import Context
from schema.core.errors import UserError, UserErrorCode, not_found
from schema.core.mutations import Problems, execute
from schema.core.permissions import Role, principal_of, require_roles
from schema.people.alumni.types import Alumnus, alumnus_by_id

ALUMNUS_ONLY = require_roles(Role.ALUMNUS)


def _self_id(info: strawberry.Info[Context, None]) -> str:
    alumnus_id = principal_of(info).alumnus_id
    if not alumnus_id:
        raise not_found("alumnus")
    return alumnus_id


@strawberry.input(description="New contact details; an empty string clears a value, null leaves it.")
class UpdateMyContactInput:
    """Input of updateMyContact."""

    email: str | None = strawberry.field(default=None, description="New email address.")
    phone: str | None = strawberry.field(default=None, description="New phone (Chinese mobile or E.164).")


@strawberry.input(description="Consents to give (true) or withdraw (false); null leaves one unchanged.")
class SetMyConsentInput:
    """Input of setMyConsent."""

    consent_contact: bool | None = strawberry.field(
        default=None, description="May the university contact me."
    )
    consent_directory: bool | None = strawberry.field(
        default=None, description="May I appear in the alumni directory."
    )


@strawberry.type(description="Result of a self-service change.")
class MyProfilePayload:
    """The updated profile, or why nothing changed."""

    alumnus: Alumnus | None = strawberry.field(description="Your profile after the change.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type
class MeQuery:
    """Root fields of the signed-in alumnus."""

    @strawberry.field(description="Your own profile (ALUMNUS tokens).", permission_classes=[ALUMNUS_ONLY])
    async def me(self, info: strawberry.Info[Context, None]) -> Alumnus:
        """The caller's alumnus record, contact details unmasked."""
        found = await alumnus_by_id(info, _self_id(info))
        if found is None:
            raise not_found("alumnus")
        return found

    @strawberry.field(
        description="Everything stored about you (a data-access request): profile, relationships, "
        "gifts, contacts and changes.",
        permission_classes=[ALUMNUS_ONLY],
    )
    async def my_data(self, info: strawberry.Info[Context, None]) -> JSON:
        """The data-access export as JSON."""
        data = await me.personal_data(info.context.db, _self_id(info))
        if data is None:
            raise not_found("alumnus")
        return JSON(data)


def _contact_values(
    data: UpdateMyContactInput, p: Problems
) -> tuple[tuple[bool, str | None], tuple[bool, str | None]]:
    email: tuple[bool, str | None] = (False, None)
    phone: tuple[bool, str | None] = (False, None)
    if data.email is not None:
        text = data.email.strip()
        p.add("email", UserErrorCode.INVALID, validation.email_error(text) if text else None)
        email = (True, validation.normalize_email(text) if text else None)
    if data.phone is not None:
        text = data.phone.strip()
        p.add("phone", UserErrorCode.INVALID, validation.phone_error(text) if text else None)
        phone = (True, validation.normalize_phone(text) if text else None)
    return email, phone


async def _profile(info: strawberry.Info[Context, None], alumnus_id: str) -> Alumnus | None:
    with contextlib.suppress(KeyError):  # only cached when read earlier in this request
        info.context.loaders.alumnus.clear(alumnus_id)
    return await alumnus_by_id(info, alumnus_id)


@strawberry.type
class MeMutation:
    """Self-service mutations."""

    @strawberry.mutation(description="Change your own email and phone.", permission_classes=[ALUMNUS_ONLY])
    async def update_my_contact(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[UpdateMyContactInput, strawberry.argument(description="New contact details.")],
    ) -> MyProfilePayload:
        """Validate and store the caller's contact details (audited, values redacted)."""
        alumnus_id = _self_id(info)
        p = Problems()
        email, phone = _contact_values(input, p)
        if p:
            return MyProfilePayload(alumnus=None, user_errors=p.errors)

        async def work(tx: Tx, actor: audit.Actor) -> bool:
            change = await me.set_contact(tx, alumnus_id, email, phone)
            if change is None:
                raise Rejected("id", "NOT_FOUND", "your alumnus record no longer exists")
            await audit.record(tx, actor, audit.Change("updateMyContact", [alumnus_id], *change))
            return True

        out = await execute(info, work)
        return MyProfilePayload(
            alumnus=await _profile(info, alumnus_id) if out.value else None, user_errors=out.errors
        )

    @strawberry.mutation(
        description="Give or withdraw your consents (contact, directory).", permission_classes=[ALUMNUS_ONLY]
    )
    async def set_my_consent(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[SetMyConsentInput, strawberry.argument(description="Consents to set.")],
    ) -> MyProfilePayload:
        """Store the caller's consents (audited)."""
        alumnus_id = _self_id(info)

        async def work(tx: Tx, actor: audit.Actor) -> bool:
            change = await me.set_consent(tx, alumnus_id, input.consent_contact, input.consent_directory)
            if change is None:
                raise Rejected("id", "NOT_FOUND", "your alumnus record no longer exists")
            await audit.record(tx, actor, audit.Change("setMyConsent", [alumnus_id], *change))
            return True

        out = await execute(info, work)
        return MyProfilePayload(
            alumnus=await _profile(info, alumnus_id) if out.value else None, user_errors=out.errors
        )
