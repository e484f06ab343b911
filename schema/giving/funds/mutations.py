"""Mutations of funds: create, update, delete and college (college officers for their college's)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph.core import access, audit, validation
from graph.core.db import Tx
from graph.core.errors import Rejected
from graph.core.model import Label
from graph.core.money import normalize, to_fen
from graph.core.pages import reread
from graph.core.scope import Scope
from graph.giving import funds as repo
from graph.giving.donation_rules import money_error
from graph.giving.vocabulary import FundKind, FundStatus
from schema.core.context import Context
from schema.core.errors import UserError, UserErrorCode
from schema.core.inputs import decode_optional, delete_node, given
from schema.core.mutations import Outcome, Problems, execute
from schema.core.permissions import Role, require_roles
from schema.giving.funds.types import Fund

Info = strawberry.Info[Context, None]
OFFICE = [require_roles(Role.ADMIN, Role.COLLEGE_OFFICER)]
ADMIN = [require_roles(Role.ADMIN)]
FIELDS = ("code", "name", "kind", "goal_cny", "status")


@strawberry.input(description="A new fund.")
class CreateFundInput:
    """Input of createFund."""

    code: str = strawberry.field(description="Unique fund code.")
    name: str = strawberry.field(description="Name of the fund.")
    kind: FundKind = strawberry.field(description="Purpose.")
    goal_cny: str | None = strawberry.field(default=None, description="Goal in CNY, a decimal string.")
    status: FundStatus = strawberry.field(default=FundStatus.OPEN, description="Open or closed.")
    college: strawberry.ID | None = strawberry.field(
        default=None, description="Its college (required for college officers: their own)."
    )


@strawberry.input(description="Changes to a fund; fields left out stay as they are, null clears.")
class UpdateFundInput:
    """Input of updateFund."""

    id: strawberry.ID = strawberry.field(description="The fund.")
    code: strawberry.Maybe[str | None] = strawberry.field(description="New code.")
    name: strawberry.Maybe[str | None] = strawberry.field(description="New name.")
    kind: strawberry.Maybe[FundKind | None] = strawberry.field(description="New purpose.")
    goal_cny: strawberry.Maybe[str | None] = strawberry.field(description="New goal (CNY).")
    status: strawberry.Maybe[FundStatus | None] = strawberry.field(description="Open or close it.")


@strawberry.input(description="A fund to delete.")
class DeleteFundInput:
    """Input of deleteFund."""

    id: strawberry.ID = strawberry.field(description="The fund.")
    detach: bool = strawberry.field(
        default=False, description="Also unlink its donations (otherwise refused while it has any: IN_USE)."
    )


@strawberry.input(description="The college a fund belongs to.")
class SetFundCollegeInput:
    """Input of setFundCollege."""

    fund: strawberry.ID = strawberry.field(description="The fund.")
    college: strawberry.ID | None = strawberry.field(description="Its college; null for none.")


@strawberry.type(description="Result of a fund mutation.")
class FundPayload:
    """The fund as it is now, or why nothing changed."""

    fund: Fund | None = strawberry.field(description="The fund, unless the input was refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type(description="Result of deleteFund.")
class DeleteFundPayload:
    """Which fund was deleted, or why not."""

    deleted_id: strawberry.ID | None = strawberry.field(description="ID of the deleted fund.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


def fund_values(p: Problems, values: dict[str, Any]) -> dict[str, Any]:
    """Checked, stored form of fund properties (only those given)."""
    out: dict[str, Any] = {}
    if "code" in values:
        out["code"] = (values["code"] or "").strip()
        p.add("code", UserErrorCode.INVALID, validation.code_error(out["code"]))
    if "name" in values:
        out["name"] = (values["name"] or "").strip()
        code = UserErrorCode.REQUIRED if not out["name"] else UserErrorCode.INVALID
        p.add("name", code, validation.text_error(out["name"], 200))
    for name in ("kind", "status"):
        if name in values:
            out[name] = values[name].value if values[name] else None
            p.add(name, UserErrorCode.REQUIRED, None if out[name] else f"give the {name}")
    if "goal_cny" in values:
        goal = values["goal_cny"]
        p.add("goalCny", UserErrorCode.INVALID, money_error(goal) if goal is not None else None)
        ok = goal is not None and money_error(goal) is None
        out["goalCny"], out["goalCnyFen"] = (normalize(goal), to_fen(goal)) if ok else (None, None)
    return out


async def check_code(tx: Tx, code: str | None, fund_id: str | None = None) -> None:
    """Refuse a code another fund has."""
    if code and await repo.code_taken(tx, code, fund_id):
        raise Rejected("code", "DUPLICATE", f"a fund with code {code} already exists")


async def require_college(tx: Tx, college_id: str | None, scope: Scope) -> None:
    """The college must exist and be the caller's; college officers must name theirs."""
    if college_id is not None:
        await repo.check_college(tx, college_id, scope)
    elif not scope.all_alumni:
        raise Rejected("college", "REQUIRED", "name your college")


def payload(out: Outcome[repo.FundRecord]) -> FundPayload:
    """Payload of a fund outcome."""
    return FundPayload(fund=Fund.from_record(out.value) if out.value else None, user_errors=out.errors)


@strawberry.type
class FundMutations:
    """Mutations of funds."""

    @strawberry.mutation(
        description="Create a fund (ADMIN; COLLEGE_OFFICER for their college).", permission_classes=OFFICE
    )
    async def create_fund(
        self, info: Info, input: Annotated[CreateFundInput, strawberry.argument(description="The fund.")]
    ) -> FundPayload:
        """Validate, then create the fund and its college link with an audit entry."""
        p = Problems()
        props = fund_values(
            p,
            dict(
                code=input.code,
                name=input.name,
                kind=input.kind,
                goal_cny=input.goal_cny,
                status=input.status,
            ),
        )
        college = decode_optional(p, "college", input.college, "College")
        if p:
            return FundPayload(fund=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> repo.FundRecord:
            await check_code(tx, props["code"])
            await require_college(tx, college, scope)
            fund_id = await repo.create(tx, props)
            await repo.set_college(tx, fund_id, college)
            after = props | {"college": college}
            await audit.record(tx, actor, audit.Change("createFund", [fund_id], {}, after))
            return await reread(tx, repo.FUNDS, fund_id, noun="Fund")

        return payload(await execute(info, work, duplicate_field="code"))

    @strawberry.mutation(
        description="Change a fund (ADMIN; COLLEGE_OFFICER for their college's).", permission_classes=OFFICE
    )
    async def update_fund(
        self, info: Info, input: Annotated[UpdateFundInput, strawberry.argument(description="The changes.")]
    ) -> FundPayload:
        """Validate the fields sent, then update them."""
        p = Problems()
        fund_id = decode_optional(p, "id", input.id, "Fund")
        props = fund_values(
            p,
            given(
                code=input.code,
                name=input.name,
                kind=input.kind,
                goal_cny=input.goal_cny,
                status=input.status,
            ),
        )
        if p or fund_id is None:
            return FundPayload(fund=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> repo.FundRecord:
            await repo.check_fund(tx, fund_id, scope)
            await check_code(tx, props.get("code"), fund_id)
            before = await repo.update(tx, fund_id, props)
            await audit.record(tx, actor, audit.Change("updateFund", [fund_id], before, props))
            return await reread(tx, repo.FUNDS, fund_id, noun="Fund")

        return payload(await execute(info, work, duplicate_field="code"))

    @strawberry.mutation(
        description="Delete a fund; refused (IN_USE) while donations go to it, unless `detach` (ADMIN).",
        permission_classes=ADMIN,
    )
    async def delete_fund(
        self, info: Info, input: Annotated[DeleteFundInput, strawberry.argument(description="The fund.")]
    ) -> DeleteFundPayload:
        """Delete with an audit entry."""
        deleted, errors = await delete_node(info, input.id, input.detach, Label.FUND)
        return DeleteFundPayload(deleted_id=deleted, user_errors=errors)

    @strawberry.mutation(
        description="Set (or clear) the college of a fund (ADMIN).", permission_classes=ADMIN
    )
    async def set_fund_college(
        self,
        info: Info,
        input: Annotated[SetFundCollegeInput, strawberry.argument(description="Fund and college.")],
    ) -> FundPayload:
        """Replace the OF_COLLEGE link."""
        p = Problems()
        fund_id = decode_optional(p, "fund", input.fund, "Fund")
        college = decode_optional(p, "college", input.college, "College")
        if p or fund_id is None:
            return FundPayload(fund=None, user_errors=p.errors)

        async def work(tx: Tx, actor: audit.Actor) -> repo.FundRecord:
            await access.require_node(tx, Label.FUND, fund_id, "fund")
            await access.require_node(tx, Label.COLLEGE, college, "college")
            before = (await reread(tx, repo.FUNDS, fund_id, noun="Fund")).college_id
            await repo.set_college(tx, fund_id, college)
            change = audit.Change("setFundCollege", [fund_id], {"college": before}, {"college": college})
            await audit.record(tx, actor, change)
            return await reread(tx, repo.FUNDS, fund_id, noun="Fund")

        return payload(await execute(info, work))
