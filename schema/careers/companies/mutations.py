"""Mutations of companies: create, update, delete, industry, location and needs (ADMIN)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph.careers import companies as repo
from graph.careers import needs as needs_repo
from graph.core import access, audit
from graph.core.db import Tx
from graph.core.model import Label
from graph.core.pages import reread
from schema.careers.companies.inputs import (
    AddNeedInput,
    CompanyPayload,
    CreateCompanyInput,
    DeleteCompanyInput,
    DeleteCompanyPayload,
    NeedPayload,
    RemoveNeedInput,
    SetCompanyIndustryInput,
    SetCompanyLocationInput,
    UpdateCompanyInput,
    check_code,
    company_payload,
    company_values,
    need_description,
)
from schema.careers.companies.types import Need
from schema.core.context import Context
from schema.core.inputs import decode_optional, delete_node, given
from schema.core.mutations import Problems, execute
from schema.core.permissions import Role, require_roles

Info = strawberry.Info[Context, None]
ADMIN = [require_roles(Role.ADMIN)]
FIELDS = ("credit_code", "name", "size", "website")


async def _set_link(info: Info, op: str, company: str, target: tuple[str, str | None]) -> CompanyPayload:
    """setCompanyIndustry / setCompanyLocation: `target` is (input field, global ID or None)."""
    field, global_id = target
    label = Label.INDUSTRY if field == "industry" else Label.REGION
    p = Problems()
    company_id = decode_optional(p, "company", company, "Company")
    target_id = decode_optional(p, field, global_id, label.value)
    if p or company_id is None:
        return CompanyPayload(company=None, user_errors=p.errors)

    async def work(tx: Tx, actor: audit.Actor) -> repo.CompanyRecord:
        await access.require_node(tx, Label.COMPANY, company_id, "company")
        await access.require_node(tx, label, target_id, field)
        before = await reread(tx, repo.COMPANIES, company_id, noun="Company")
        setter = repo.set_industry if label is Label.INDUSTRY else repo.set_location
        await setter(tx, company_id, target_id)
        old = before.industry_id if label is Label.INDUSTRY else before.region_id
        await audit.record(tx, actor, audit.Change(op, [company_id], {field: old}, {field: target_id}))
        return await reread(tx, repo.COMPANIES, company_id, noun="Company")

    return company_payload(await execute(info, work))


@strawberry.type
class CompanyMutations:
    """Mutations of companies and their needs."""

    @strawberry.mutation(description="Create a company (ADMIN).", permission_classes=ADMIN)
    async def create_company(
        self,
        info: Info,
        input: Annotated[CreateCompanyInput, strawberry.argument(description="The company.")],
    ) -> CompanyPayload:
        """Validate, then create the company, its links and the audit entry in one transaction."""
        p = Problems()
        props = company_values(
            p, dict(credit_code=input.credit_code, name=input.name, size=input.size, website=input.website)
        )
        industry = decode_optional(p, "industry", input.industry, "Industry")
        city = decode_optional(p, "city", input.city, "Region")
        if p:
            return CompanyPayload(company=None, user_errors=p.errors)

        async def work(tx: Tx, actor: audit.Actor) -> repo.CompanyRecord:
            await check_code(tx, props["creditCode"])
            await access.require_node(tx, Label.INDUSTRY, industry, "industry")
            await access.require_node(tx, Label.REGION, city, "city")
            company_id = await repo.create(tx, props)
            await repo.set_industry(tx, company_id, industry)
            await repo.set_location(tx, company_id, city)
            after = props | {"industry": industry, "city": city}
            await audit.record(tx, actor, audit.Change("createCompany", [company_id], {}, after))
            return await reread(tx, repo.COMPANIES, company_id, noun="Company")

        return company_payload(await execute(info, work, duplicate_field="creditCode"))

    @strawberry.mutation(description="Change a company's properties (ADMIN).", permission_classes=ADMIN)
    async def update_company(
        self,
        info: Info,
        input: Annotated[UpdateCompanyInput, strawberry.argument(description="The changes.")],
    ) -> CompanyPayload:
        """Validate the fields sent, then update them with an audit entry."""
        p = Problems()
        company_id = decode_optional(p, "id", input.id, "Company")
        props = company_values(
            p, given(credit_code=input.credit_code, name=input.name, size=input.size, website=input.website)
        )
        if p or company_id is None:
            return CompanyPayload(company=None, user_errors=p.errors)

        async def work(tx: Tx, actor: audit.Actor) -> repo.CompanyRecord:
            await check_code(tx, props.get("creditCode"), company_id)
            before = await repo.update(tx, company_id, props)
            await audit.record(tx, actor, audit.Change("updateCompany", [company_id], before, props))
            return await reread(tx, repo.COMPANIES, company_id, noun="Company")

        return company_payload(await execute(info, work, duplicate_field="creditCode"))

    @strawberry.mutation(
        description="Delete a company; refused (IN_USE) while alumni, donations or interactions "
        "reference it, unless `detach`. Its needs go with it (ADMIN).",
        permission_classes=ADMIN,
    )
    async def delete_company(
        self,
        info: Info,
        input: Annotated[DeleteCompanyInput, strawberry.argument(description="The company.")],
    ) -> DeleteCompanyPayload:
        """Delete with an audit entry."""
        deleted, errors = await delete_node(info, input.id, input.detach, Label.COMPANY)
        return DeleteCompanyPayload(deleted_id=deleted, user_errors=errors)

    @strawberry.mutation(description="Set (or clear) a company's industry (ADMIN).", permission_classes=ADMIN)
    async def set_company_industry(
        self,
        info: Info,
        input: Annotated[SetCompanyIndustryInput, strawberry.argument(description="Company and industry.")],
    ) -> CompanyPayload:
        """Replace the IN_INDUSTRY link."""
        return await _set_link(info, "setCompanyIndustry", input.company, ("industry", input.industry))

    @strawberry.mutation(
        description="Set (or clear) where a company is located (ADMIN).", permission_classes=ADMIN
    )
    async def set_company_location(
        self,
        info: Info,
        input: Annotated[SetCompanyLocationInput, strawberry.argument(description="Company and city.")],
    ) -> CompanyPayload:
        """Replace the LOCATED_IN link."""
        return await _set_link(info, "setCompanyLocation", input.company, ("city", input.city))

    @strawberry.mutation(
        description="Record a need of a company; the same kind and description again returns the "
        "existing need (ADMIN).",
        permission_classes=ADMIN,
    )
    async def add_need(
        self, info: Info, input: Annotated[AddNeedInput, strawberry.argument(description="The need.")]
    ) -> NeedPayload:
        """Validate, then merge the need node."""
        p = Problems()
        company_id = decode_optional(p, "company", input.company, "Company")
        text = need_description(p, input.description)
        if p or company_id is None:
            return NeedPayload(need=None, user_errors=p.errors)

        async def work(tx: Tx, actor: audit.Actor) -> needs_repo.NeedRecord:
            rec = await needs_repo.add(tx, company_id, input.kind.value, text)
            after = {"kind": rec.kind, "description": rec.description}
            await audit.record(tx, actor, audit.Change("addNeed", [company_id, rec.id], {}, after))
            return rec

        out = await execute(info, work)
        return NeedPayload(need=Need.from_record(out.value) if out.value else None, user_errors=out.errors)

    @strawberry.mutation(description="Remove a need of a company (ADMIN).", permission_classes=ADMIN)
    async def remove_need(
        self, info: Info, input: Annotated[RemoveNeedInput, strawberry.argument(description="The need.")]
    ) -> NeedPayload:
        """Delete the need node with an audit entry."""
        p = Problems()
        need_id = decode_optional(p, "id", input.id, "Need")
        if need_id is None:
            return NeedPayload(need=None, user_errors=p.errors)

        async def work(tx: Tx, actor: audit.Actor) -> needs_repo.NeedRecord:
            rec = await needs_repo.remove(tx, need_id)
            before = {"kind": rec.kind, "description": rec.description}
            await audit.record(tx, actor, audit.Change("removeNeed", [rec.company_id, need_id], before, {}))
            return rec

        out = await execute(info, work)
        return NeedPayload(need=Need.from_record(out.value) if out.value else None, user_errors=out.errors)
