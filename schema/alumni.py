"""GraphQL types, queries and mutations of alumni."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from graph import alumni as repo
from graph import audit, validation
from graph.db import Tx
from graph.errors import Rejected
from graph.model import AlumnusKind, Gender
from graph.nodes import fetch_count, fetch_page
from schema import links
from schema.context import Context
from schema.errors import UserError, UserErrorCode
from schema.geography import Region
from schema.institutions import After, Class_, Descending, First
from schema.mutations import Problems, changes, execute
from schema.permissions import IsAuthenticated, Role, require_roles
from schema.relay import Connection, Node, connection, expect_id, page_args, to_global_id

strawberry.enum(Gender, description="Recorded gender.")
strawberry.enum(AlumnusKind, description="How a person belongs to the university.")

CONTACT_NOTE = (
    " Null unless the caller's scope covers this alumnus and the alumnus consented to contact"
    " (`consentContact`), or the caller is the alumnus."
)


@strawberry.type(description="A former student (any degree), trainee, staff member or honorary graduate.")
class Alumnus(Node):
    """An alumnus: the centre of the graph."""

    external_id: str = strawberry.field(description="Student or staff number (natural key).")
    name: str = strawberry.field(description="Full name.")
    gender: Gender | None = strawberry.field(description="Recorded gender.")
    birth_year: int | None = strawberry.field(description="Year of birth.")
    kinds: list[AlumnusKind] = strawberry.field(description="Student, trainee, staff and/or honorary.")
    email: str | None = strawberry.field(description="Email address." + CONTACT_NOTE)
    phone: str | None = strawberry.field(description="Phone number." + CONTACT_NOTE)
    notable: bool = strawberry.field(description="Kept in the notable-alumni archive.")
    notable_note: str | None = strawberry.field(description="Why the alumnus is notable.")
    consent_contact: bool = strawberry.field(description="Agreed to be contacted by the university.")
    consent_directory: bool = strawberry.field(description="Agreed to appear in the alumni directory.")
    created_at: str | None = strawberry.field(description="When the record was created (ISO 8601).")
    updated_at: str | None = strawberry.field(description="When the record last changed (ISO 8601).")
    node_id: strawberry.Private[str]

    @classmethod
    def from_record(cls, rec: repo.AlumnusRecord) -> Alumnus:
        """Build from a repository record (contact fields already masked by the query)."""
        return cls(
            id=to_global_id("Alumnus", rec.id),
            node_id=rec.id,
            external_id=rec.external_id,
            name=rec.name,
            gender=Gender(rec.gender) if rec.gender else None,
            birth_year=rec.birth_year,
            kinds=[AlumnusKind(k) for k in rec.kinds],
            email=rec.email,
            phone=rec.phone,
            notable=rec.notable,
            notable_note=rec.notable_note,
            consent_contact=rec.consent_contact,
            consent_directory=rec.consent_directory,
            created_at=rec.created_at,
            updated_at=rec.updated_at,
        )

    @strawberry.field(description="Classes the alumnus studied in, by graduation year.")
    async def education(self, info: strawberry.Info[Context, None]) -> list[Class_]:
        """Classes of this alumnus (batched per request)."""
        return [Class_.from_record(c) for c in await info.context.loaders.education.load(self.node_id)]

    @strawberry.field(description="The city (or region) where the alumnus lives.")
    async def city(self, info: strawberry.Info[Context, None]) -> Region | None:
        """Home region."""
        homes = await info.context.loaders.home.load(self.node_id)
        return Region.from_record(homes[0]) if homes else None

    # fields contributed by careers/engagement/giving
    employments = strawberry.field(
        resolver=links.alumnus_employments, description="Positions at companies, current first."
    )
    attended = strawberry.field(resolver=links.alumnus_attended, description="Events attended, newest first.")
    interactions = strawberry.field(
        resolver=links.alumnus_interactions, description="Contacts with the alumnus within your scope."
    )
    donations = strawberry.field(
        resolver=links.alumnus_donations,
        description="Donations from the alumnus (giving roles only), newest first.",
    )


@strawberry.enum(description="Orders of the alumni list.")
class AlumnusSort(Enum):
    """Sort keys."""

    NAME = "NAME"
    EXTERNAL_ID = "EXTERNAL_ID"


@strawberry.input(description="Filters of the alumni list; all given filters must hold.")
class AlumnusFilter:
    """Alumni filter."""

    name: str | None = strawberry.field(
        default=None,
        description="Part of the name, part of its pinyin, or the exact student number.",
    )
    kinds: list[AlumnusKind] | None = strawberry.field(default=None, description="Any of these kinds.")
    notable: bool | None = strawberry.field(
        default=None, description="Only notable (or only not notable) alumni."
    )
    college: strawberry.ID | None = strawberry.field(
        default=None, description="Studied in a class of this college."
    )
    class_: strawberry.ID | None = strawberry.field(
        default=None, name="class", description="Studied in this class."
    )
    graduation_year_from: int | None = strawberry.field(
        default=None, description="Has a class graduating in or after this year."
    )
    graduation_year_to: int | None = strawberry.field(
        default=None, description="Has a class graduating in or before this year."
    )
    region: strawberry.ID | None = strawberry.field(
        default=None, description="Lives in this region or below it."
    )
    industry: strawberry.ID | None = strawberry.field(
        default=None, description="Currently works in this industry or below it."
    )

    def to_repo(self) -> repo.AlumnusFilter:
        """The repository filter (IDs decoded)."""
        return repo.AlumnusFilter(
            name=self.name.strip() if self.name else None,
            kinds=tuple(k.value for k in self.kinds) if self.kinds else None,
            notable=self.notable,
            college_id=expect_id(self.college, "College") if self.college else None,
            class_id=expect_id(self.class_, "Class") if self.class_ else None,
            graduation_from=self.graduation_year_from,
            graduation_to=self.graduation_year_to,
            region_id=expect_id(self.region, "Region") if self.region else None,
            industry_id=expect_id(self.industry, "Industry") if self.industry else None,
        )


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


@strawberry.type(description="Result of createAlumnus.")
class CreateAlumnusPayload:
    """Payload of createAlumnus."""

    alumnus: Alumnus | None = strawberry.field(description="The new alumnus, unless the input was refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


def validate_new_alumnus(data: CreateAlumnusInput) -> tuple[repo.NewAlumnus | None, list[UserError]]:
    """Check every field; return the clean input or the problems found."""
    p = Problems()
    external_id = data.external_id.strip()
    p.add("externalId", UserErrorCode.INVALID, validation.external_id_error(external_id))
    name_code = UserErrorCode.REQUIRED if not data.name.strip() else UserErrorCode.INVALID
    p.add("name", name_code, validation.text_error(data.name, 100))
    if data.birth_year is not None:
        p.add("birthYear", UserErrorCode.OUT_OF_RANGE, validation.year_error(data.birth_year, 1890))
    if not data.kinds:
        p.add("kinds", UserErrorCode.REQUIRED, "give at least one kind")
    if data.email:
        p.add("email", UserErrorCode.INVALID, validation.email_error(data.email))
    if data.phone:
        p.add("phone", UserErrorCode.INVALID, validation.phone_error(data.phone))
    if data.notable_note is not None and len(data.notable_note) > 2000:
        p.add("notableNote", UserErrorCode.INVALID, "must be at most 2000 characters")
    if p:
        return None, p.errors
    return repo.NewAlumnus(
        external_id=external_id,
        name=data.name.strip(),
        gender=data.gender.value if data.gender else None,
        birth_year=data.birth_year,
        kinds=tuple(dict.fromkeys(k.value for k in data.kinds)),
        email=validation.normalize_email(data.email) if data.email else None,
        phone=validation.normalize_phone(data.phone) if data.phone else None,
        notable=data.notable,
        notable_note=data.notable_note,
        consent_contact=data.consent_contact,
        consent_directory=data.consent_directory,
    ), []


async def alumnus_by_id(info: strawberry.Info[Context, None], node_id: str) -> Alumnus | None:
    """Resolve `node(id:)` for alumni (out of scope → None → NOT_FOUND)."""
    rec = await info.context.loaders.alumnus.load(node_id)
    return Alumnus.from_record(rec) if rec else None


@strawberry.type
class AlumniQuery:
    """Root fields of alumni."""

    @strawberry.field(
        description="Alumni within the caller's scope, keyset-paginated.",
        permission_classes=[IsAuthenticated],
    )
    async def alumni(
        self,
        info: strawberry.Info[Context, None],
        first: First = 20,
        after: After = None,
        filter: Annotated[AlumnusFilter | None, strawberry.argument(description="Filters.")] = None,
        order_by: Annotated[AlumnusSort, strawberry.argument(description="Sort key.")] = AlumnusSort.NAME,
        descending: Descending = False,
    ) -> Connection[Alumnus]:
        """List alumni."""
        first, cursor = page_args(first, after)
        flt = (filter or AlumnusFilter()).to_repo()
        params = flt.params() | {"scope": info.context.scope.params()}
        db = info.context.db
        sort = repo.AlumnusSort[order_by.value].value
        rows, more = await fetch_page(db, repo.SPEC, params, sort, descending, first, cursor)
        return connection(
            rows,
            more,
            cursor is not None,
            Alumnus.from_record,
            lambda: fetch_count(db, repo.SPEC, params),
        )


@strawberry.type
class AlumniMutation:
    """Mutations of alumni."""

    @strawberry.mutation(
        description="Create an alumnus.",
        permission_classes=[require_roles(Role.ADMIN, Role.COLLEGE_OFFICER)],
    )
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

        async def work(tx: Tx, actor: audit.Actor) -> repo.AlumnusRecord:
            if await repo.external_id_taken(tx, new.external_id):
                raise Rejected(
                    "externalId", "DUPLICATE", f"an alumnus with number {new.external_id} already exists"
                )
            rec = await repo.create(tx, new, scope)
            after = changes(externalId=new.external_id, name=new.name, email=new.email, phone=new.phone)
            await audit.record(tx, actor, audit.Change("createAlumnus", [rec.id], {}, after))
            return rec

        out = await execute(info, work, duplicate_field="externalId")
        return CreateAlumnusPayload(
            alumnus=Alumnus.from_record(out.value) if out.value else None, user_errors=out.errors
        )
