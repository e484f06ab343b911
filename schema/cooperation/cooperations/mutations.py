"""Mutations of cooperations: create, update, delete (the office; a college officer for their college)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry

from graph.cooperation import cooperation_writes as writes
from graph.cooperation.cooperations import CooperationRecord
from graph.core import audit, validation
from graph.core.db import Tx
from graph.core.model import CooperationKind, CooperationStatus, Label
from graph.core.money import normalize, to_fen
from schema.cooperation.cooperations.types import Cooperation, cooperation_by_id
from schema.core.context import Context
from schema.core.errors import UserError, UserErrorCode
from schema.core.inputs import (
    EDITORS,
    DeleteInput,
    DeletePayload,
    audit_records,
    check_code,
    check_text,
    decode,
    decode_optional,
    delete_node,
    given,
    load_or_none,
)
from schema.core.mutations import Problems, execute

Info = strawberry.Info[Context, None]


@strawberry.input(description="A new cooperation with an alumni enterprise.")
class CreateCooperationInput:
    """Input of createCooperation."""

    code: str = strawberry.field(description="Unique cooperation code.")
    title: str = strawberry.field(description="What the cooperation is.")
    kind: CooperationKind = strawberry.field(description="Kind of cooperation.")
    status: CooperationStatus = strawberry.field(description="Where it stands.")
    company: strawberry.ID = strawberry.field(description="The company (exactly one).")
    start_date: dt.date = strawberry.field(description="When it started (or is to start).")
    end_date: dt.date | None = strawberry.field(default=None, description="When it ended.")
    value_cny: str | None = strawberry.field(default=None, description="Its value in CNY, a decimal string.")
    college: strawberry.ID | None = strawberry.field(
        default=None,
        description="The college that runs it (a college officer: their own); none = the university.",
    )
    needs: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Needs of the company it answers."
    )
    brokers: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Alumni who made the introduction."
    )


@strawberry.input(
    description="Changes to a cooperation: only the fields given change; lists replace the old ones."
)
class UpdateCooperationInput:
    """Input of updateCooperation."""

    id: strawberry.ID = strawberry.field(description="The cooperation to change.")
    code: strawberry.Maybe[str | None] = strawberry.field(description="New unique code.")
    title: strawberry.Maybe[str | None] = strawberry.field(description="New title.")
    kind: strawberry.Maybe[CooperationKind | None] = strawberry.field(description="New kind.")
    status: strawberry.Maybe[CooperationStatus | None] = strawberry.field(description="New status.")
    company: strawberry.Maybe[strawberry.ID | None] = strawberry.field(description="Another company.")
    start_date: strawberry.Maybe[dt.date | None] = strawberry.field(description="New start date.")
    end_date: strawberry.Maybe[dt.date | None] = strawberry.field(description="New end date; null clears it.")
    value_cny: strawberry.Maybe[str | None] = strawberry.field(
        description="New value in CNY; null clears it."
    )
    college: strawberry.Maybe[strawberry.ID | None] = strawberry.field(
        description="Another college; null: the university as a whole."
    )
    needs: strawberry.Maybe[list[strawberry.ID] | None] = strawberry.field(
        description="The needs it answers now."
    )
    brokers: strawberry.Maybe[list[strawberry.ID] | None] = strawberry.field(description="Its brokers now.")


@strawberry.type(description="Result of createCooperation and updateCooperation.")
class CooperationPayload:
    """Base of the cooperation payloads."""

    cooperation: Cooperation | None = strawberry.field(
        description="The cooperation as stored, unless refused."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type(description="Result of createCooperation.")
class CreateCooperationPayload(CooperationPayload):
    """Payload of createCooperation."""


@strawberry.type(description="Result of updateCooperation.")
class UpdateCooperationPayload(CooperationPayload):
    """Payload of updateCooperation."""


@strawberry.input(description="The cooperation to delete (its links go with it).")
class DeleteCooperationInput(DeleteInput):
    """Input of deleteCooperation."""


@strawberry.type(description="Result of deleteCooperation.")
class DeleteCooperationPayload(DeletePayload):
    """Payload of deleteCooperation."""


_CLEARABLE = ("end_date", "value_cny", "college")
_CAMEL = {"start_date": "startDate", "end_date": "endDate", "value_cny": "valueCny"}


def _props(p: Problems, fields: dict[str, Any]) -> dict[str, Any]:
    """Checked node properties from the given input fields (camelCase, as stored)."""
    props: dict[str, Any] = {}
    for name, value in fields.items():
        if value is None and name not in _CLEARABLE:
            p.add(_CAMEL.get(name, name), UserErrorCode.REQUIRED, "cannot be cleared")
        elif name == "code":
            props["code"] = check_code(p, "code", value)
        elif name == "title":
            props["title"] = check_text(p, "title", value)
        elif name in ("kind", "status"):
            props[name] = value.value
        elif name == "value_cny":
            props["valueCny"], props["valueCnyFen"] = _money(p, value)
        else:  # start_date, end_date
            props["startDate" if name == "start_date" else "endDate"] = value
    return props


def _money(p: Problems, value: str | None) -> tuple[str | None, int | None]:
    if value is None:
        return None, None
    reason = validation.amount_error(value.strip())
    p.add("valueCny", UserErrorCode.INVALID, reason)
    return (None, None) if reason else (normalize(value), to_fen(value))


def _order(p: Problems, start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        p.add("endDate", UserErrorCode.OUT_OF_RANGE, "must not be before startDate")


async def _payload(info: Info, rec: CooperationRecord | None) -> Cooperation | None:
    return await load_or_none(info, rec.id if rec else None, cooperation_by_id)


@strawberry.type
class CooperationMutations:
    """Mutations of cooperations (the office; a college officer for their own college)."""

    @strawberry.mutation(
        description="Record a cooperation with an alumni enterprise.", permission_classes=[EDITORS]
    )
    async def create_cooperation(
        self, info: Info, input: Annotated[CreateCooperationInput, strawberry.argument(description="It.")]
    ) -> CreateCooperationPayload:
        """Validate, then create it with its links and an audit entry."""
        p = Problems()
        fields: dict[str, Any] = {
            "code": input.code,
            "title": input.title,
            "kind": input.kind,
            "status": input.status,
        }
        fields |= {"start_date": input.start_date, "end_date": input.end_date, "value_cny": input.value_cny}
        props = _props(p, fields)
        _order(p, input.start_date, input.end_date)
        links = writes.Links(
            company_id=decode(p, "company", input.company, "Company"),
            college_id=decode_optional(p, "college", input.college, "College"),
            need_ids=[decode(p, "needs", n, "Need") for n in input.needs],
            broker_ids=[decode(p, "brokers", b, "Alumnus") for b in input.brokers],
        )
        if p:
            return CreateCooperationPayload(cooperation=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> CooperationRecord:
            rec = await writes.create(tx, props, links, scope)
            await audit_records(tx, actor, "createCooperation", None, rec)
            return rec

        out = await execute(info, work, duplicate_field="code")
        return CreateCooperationPayload(cooperation=await _payload(info, out.value), user_errors=out.errors)

    @strawberry.mutation(description="Change a cooperation.", permission_classes=[EDITORS])
    async def update_cooperation(
        self,
        info: Info,
        input: Annotated[UpdateCooperationInput, strawberry.argument(description="Changes.")],
    ) -> UpdateCooperationPayload:
        """Validate the given fields, then change them with an audit entry."""
        p = Problems()
        node_id = decode(p, "id", input.id, "Cooperation")
        fields = given(
            code=input.code, title=input.title, kind=input.kind, status=input.status,
            start_date=input.start_date, end_date=input.end_date, value_cny=input.value_cny,
        )  # fmt: skip
        props = _props(p, fields)
        _order(p, fields.get("start_date"), fields.get("end_date"))
        links = _links(
            p, given(company=input.company, college=input.college, needs=input.needs, brokers=input.brokers)
        )
        if p:
            return UpdateCooperationPayload(cooperation=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> CooperationRecord:
            before, after = await writes.update(tx, node_id, props, links, scope)
            await audit_records(tx, actor, "updateCooperation", before, after)
            return after

        out = await execute(info, work, duplicate_field="code")
        return UpdateCooperationPayload(cooperation=await _payload(info, out.value), user_errors=out.errors)

    @strawberry.mutation(description="Delete a cooperation.", permission_classes=[EDITORS])
    async def delete_cooperation(
        self,
        info: Info,
        input: Annotated[DeleteCooperationInput, strawberry.argument(description="Which one.")],
    ) -> DeleteCooperationPayload:
        """Delete with an audit entry."""
        deleted, errors = await delete_node(
            info, input.id, input.detach, Label.COOPERATION, writes.COOPERATION, writes.COOPERATION_REMOVAL
        )
        return DeleteCooperationPayload(deleted_id=deleted, user_errors=errors)


def _links(p: Problems, fields: dict[str, Any]) -> writes.Links:
    """The links an update changes (decoded IDs)."""
    for name in ("company", "needs", "brokers"):
        if name in fields and fields[name] is None:
            p.add(name, UserErrorCode.REQUIRED, "cannot be cleared")
    college = fields.get("college")
    return writes.Links(
        company_id=decode(p, "company", fields["company"], "Company") if fields.get("company") else None,
        college_id=decode(p, "college", college, "College") if college else None,
        clear_college="college" in fields and college is None,
        need_ids=_ids(p, "needs", fields.get("needs"), "Need"),
        broker_ids=_ids(p, "brokers", fields.get("brokers"), "Alumnus"),
    )


def _ids(p: Problems, field: str, ids: list[strawberry.ID] | None, type_name: str) -> list[str] | None:
    """Decoded IDs of a list input (None: the list was not given, or refused as null)."""
    return None if ids is None else [decode(p, field, i, type_name) for i in ids]
