"""Mutations of alumni: createAlumnus, updateAlumnus, deleteAlumnus."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import strawberry

from graph.core import access, audit, validation
from graph.core.db import Tx
from graph.core.errors import Rejected
from graph.core.model import AlumnusKind, Gender, Label
from graph.core.scope import Scope
from graph.people import alumni as repo
from schema.core.context import Context
from schema.core.errors import UserError, UserErrorCode
from schema.core.inputs import (
    ADMINS,
    EDITORS,
    DeleteInput,
    DeletePayload,
    decode,
    decode_optional,
    delete_node,
    load_or_none,
)
from schema.core.mutations import Problems, execute
from schema.people.alumni.types import Alumnus, alumnus_by_id


@strawberry.input(description="A new alumnus.")
class CreateAlumnusInput:
    """Input of createAlumnus."""

    external_id: str = strawberry.field(description="Student or staff number; must be unique.")
    name: str = strawberry.field(description="Full name.")
    gender: Gender | None = strawberry.field(default=None, description="Recorded gender.")
    birth_year: int | None = strawberry.field(default=None, description="Year of birth.")
    kinds: list[AlumnusKind] = strawberry.field(
        default_factory=lambda: [AlumnusKind.STUDENT],
        description="How the person belongs to the university.",
    )
    email: str | None = strawberry.field(default=None, description="Email address.")
    phone: str | None = strawberry.field(default=None, description="Chinese mobile or E.164 phone number.")
    notable: bool = strawberry.field(default=False, description="Add to the notable-alumni archive.")
    notable_note: str | None = strawberry.field(default=None, description="Why the alumnus is notable.")
    consent_contact: bool = strawberry.field(default=False, description="Agreed to be contacted.")
    consent_directory: bool = strawberry.field(
        default=False, description="Agreed to appear in the directory."
    )
    education: list[strawberry.ID] = strawberry.field(
        default_factory=list,
        description="Classes the alumnus studied in; a college officer must give one of their college.",
    )
    city: strawberry.ID | None = strawberry.field(default=None, description="Where the alumnus lives.")


@strawberry.type(description="Result of createAlumnus.")
class CreateAlumnusPayload:
    """Payload of createAlumnus."""

    alumnus: Alumnus | None = strawberry.field(description="The new alumnus, unless the input was refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.input(description="Changes to an alumnus: only the fields given change; null clears a field.")
class UpdateAlumnusInput:
    """Input of updateAlumnus."""

    id: strawberry.ID = strawberry.field(description="The alumnus to change.")
    external_id: strawberry.Maybe[str] = strawberry.field(description="New student or staff number.")
    name: strawberry.Maybe[str] = strawberry.field(description="New full name (pinyin forms follow).")
    gender: strawberry.Maybe[Gender | None] = strawberry.field(description="Recorded gender.")
    birth_year: strawberry.Maybe[int | None] = strawberry.field(description="Year of birth.")
    kinds: strawberry.Maybe[list[AlumnusKind]] = strawberry.field(description="Replaces the kinds.")
    email: strawberry.Maybe[str | None] = strawberry.field(description="Email address.")
    phone: strawberry.Maybe[str | None] = strawberry.field(description="Chinese mobile or E.164 number.")
    notable: strawberry.Maybe[bool] = strawberry.field(description="In the notable-alumni archive.")
    notable_note: strawberry.Maybe[str | None] = strawberry.field(description="Why the alumnus is notable.")
    consent_contact: strawberry.Maybe[bool] = strawberry.field(description="Agreed to be contacted.")
    consent_directory: strawberry.Maybe[bool] = strawberry.field(description="Agreed to be in the directory.")


@strawberry.type(description="Result of updateAlumnus.")
class UpdateAlumnusPayload:
    """Payload of updateAlumnus."""

    alumnus: Alumnus | None = strawberry.field(description="The alumnus as changed, unless refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.input(description="The alumnus to delete.")
class DeleteAlumnusInput(DeleteInput):
    """Input of deleteAlumnus."""


@strawberry.type(description="Result of deleteAlumnus.")
class DeleteAlumnusPayload(DeletePayload):
    """Payload of deleteAlumnus."""


class Fields:
    """Cleaners of the alumnus fields shared by create and update; problems go to `p`."""

    def __init__(self, p: Problems) -> None:
        self.p = p

    def external_id(self, value: str) -> str:
        """Trimmed student or staff number."""
        self.p.add("externalId", UserErrorCode.INVALID, validation.external_id_error(value.strip()))
        return value.strip()

    def name(self, value: str) -> str:
        """Trimmed name, 1-100 characters."""
        code = UserErrorCode.REQUIRED if not value.strip() else UserErrorCode.INVALID
        self.p.add("name", code, validation.text_error(value, 100))
        return value.strip()

    def birth_year(self, value: int | None) -> int | None:
        """A plausible year of birth."""
        if value is not None:
            self.p.add("birthYear", UserErrorCode.OUT_OF_RANGE, validation.year_error(value, 1890))
        return value

    def kinds(self, value: list[AlumnusKind]) -> list[str]:
        """At least one kind, without repeats."""
        if not value:
            self.p.add("kinds", UserErrorCode.REQUIRED, "give at least one kind")
        return list(dict.fromkeys(k.value for k in value))

    def email(self, value: str | None) -> str | None:
        """Validated, lower-cased email (empty means none)."""
        if not value or not value.strip():
            return None
        self.p.add("email", UserErrorCode.INVALID, validation.email_error(value))
        return validation.normalize_email(value)

    def phone(self, value: str | None) -> str | None:
        """Validated phone in its normal form (empty means none)."""
        if not value or not value.strip():
            return None
        self.p.add("phone", UserErrorCode.INVALID, validation.phone_error(value))
        return validation.normalize_phone(value)

    def note(self, value: str | None) -> str | None:
        """The notable note, at most 2000 characters."""
        if value is not None and len(value) > 2000:
            self.p.add("notableNote", UserErrorCode.INVALID, "must be at most 2000 characters")
        return value


def validate_new_alumnus(data: CreateAlumnusInput) -> tuple[repo.NewAlumnus | None, list[UserError]]:
    """Check every field; return the clean input or the problems found."""
    p = Problems()
    f = Fields(p)
    new = repo.NewAlumnus(
        external_id=f.external_id(data.external_id),
        name=f.name(data.name),
        gender=data.gender.value if data.gender else None,
        birth_year=f.birth_year(data.birth_year),
        kinds=tuple(f.kinds(data.kinds)),
        email=f.email(data.email),
        phone=f.phone(data.phone),
        notable=data.notable,
        notable_note=f.note(data.notable_note),
        consent_contact=data.consent_contact,
        consent_directory=data.consent_directory,
        education=tuple(
            dict.fromkeys(decode(p, f"education.{i}", c, "Class") for i, c in enumerate(data.education))
        ),
        city_id=decode_optional(p, "city", data.city, "Region"),
    )
    return (None, p.errors) if p else (new, [])


def validate_changes(p: Problems, data: UpdateAlumnusInput) -> dict[str, Any]:
    """The given fields as stored properties (None removes one), cleaned."""
    f = Fields(p)
    cleaners: dict[str, tuple[strawberry.Maybe[Any], Callable[[Any], Any]]] = {
        "externalId": (data.external_id, f.external_id),
        "name": (data.name, f.name),
        "gender": (data.gender, lambda g: g.value if g else None),
        "birthYear": (data.birth_year, f.birth_year),
        "kinds": (data.kinds, f.kinds),
        "email": (data.email, f.email),
        "phone": (data.phone, f.phone),
        "notable": (data.notable, bool),
        "notableNote": (data.notable_note, f.note),
        "consentContact": (data.consent_contact, bool),
        "consentDirectory": (data.consent_directory, bool),
    }
    return {key: clean(given.value) for key, (given, clean) in cleaners.items() if given is not None}


async def _create(tx: Tx, actor: audit.Actor, new: repo.NewAlumnus, scope: Scope) -> repo.AlumnusRecord:
    if await repo.external_id_taken(tx, new.external_id):
        raise Rejected("externalId", "DUPLICATE", f"an alumnus with number {new.external_id} already exists")
    rec = await repo.create(tx, new, scope)
    after: dict[str, Any] = {"externalId": new.external_id, "name": new.name, "email": new.email}
    after |= {"phone": new.phone, "education": list(new.education), "city": new.city_id}
    await audit.record(tx, actor, audit.Change("createAlumnus", [rec.id, *new.education], {}, after))
    return rec


@strawberry.type
class AlumniMutation:
    """Mutations of alumni."""

    @strawberry.mutation(description="Create an alumnus.", permission_classes=[EDITORS])
    async def create_alumnus(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[CreateAlumnusInput, strawberry.argument(description="The new alumnus.")],
    ) -> CreateAlumnusPayload:
        """Validate, then create the alumnus and its audit entry in one transaction."""
        new, errors = validate_new_alumnus(input)
        if new is None:
            return CreateAlumnusPayload(alumnus=None, user_errors=errors)
        scope = info.context.scope
        out = await execute(
            info, lambda tx, actor: _create(tx, actor, new, scope), duplicate_field="externalId"
        )
        return CreateAlumnusPayload(
            alumnus=Alumnus.from_record(out.value) if out.value else None, user_errors=out.errors
        )

    @strawberry.mutation(
        description="Change an alumnus's own fields (a college officer: alumni of their college only).",
        permission_classes=[EDITORS],
    )
    async def update_alumnus(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[UpdateAlumnusInput, strawberry.argument(description="What to change.")],
    ) -> UpdateAlumnusPayload:
        """Validate the given fields, then change them with an audit entry."""
        p = Problems()
        node_id = decode(p, "id", input.id, "Alumnus")
        props = validate_changes(p, input)
        if p:
            return UpdateAlumnusPayload(alumnus=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> str:
            await access.require(tx, access.ALUMNUS, node_id, scope, "id", edit=True)
            stored = await repo.properties(tx, node_id)
            await repo.update(tx, node_id, props, scope)
            before = {k: stored.get(k) for k in props}
            await audit.record(tx, actor, audit.Change("updateAlumnus", [node_id], before, props))
            return node_id

        out = await execute(info, work, duplicate_field="externalId")
        return UpdateAlumnusPayload(
            alumnus=await load_or_none(info, out.value, alumnus_by_id), user_errors=out.errors
        )

    @strawberry.mutation(
        description="Delete an alumnus; refused with IN_USE while it has relationships, unless `detach`.",
        permission_classes=[ADMINS],
    )
    async def delete_alumnus(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[DeleteAlumnusInput, strawberry.argument(description="Which alumnus.")],
    ) -> DeleteAlumnusPayload:
        """Delete the alumnus (and, with `detach`, its relationships) with an audit entry."""
        deleted, errors = await delete_node(
            info, input.id, input.detach, Label.ALUMNUS, access.ALUMNUS, repo.REMOVAL
        )
        return DeleteAlumnusPayload(deleted_id=deleted, user_errors=errors)
