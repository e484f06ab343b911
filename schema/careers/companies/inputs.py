"""Inputs, payloads and validation of the company mutations."""

from __future__ import annotations

import re
from typing import Any

import strawberry

from graph.careers import companies as repo
from graph.careers.industries import CompanySize, NeedKind
from graph.core import validation
from graph.core.db import Tx
from graph.core.errors import Rejected
from schema.careers.companies.types import Company, Need
from schema.core.errors import UserError, UserErrorCode
from schema.core.mutations import Outcome, Problems

WEBSITE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


@strawberry.input(description="A new company.")
class CreateCompanyInput:
    """Input of createCompany."""

    credit_code: str = strawberry.field(
        description="Unified social credit code (18 characters, check digit verified) or X-<id>."
    )
    name: str = strawberry.field(description="Registered name.")
    size: CompanySize | None = strawberry.field(default=None, description="Size class.")
    website: str | None = strawberry.field(default=None, description="http(s) address of the web site.")
    industry: strawberry.ID | None = strawberry.field(default=None, description="Its industry.")
    city: strawberry.ID | None = strawberry.field(default=None, description="The region it is located in.")


@strawberry.input(description="Changes to a company; fields left out stay as they are, null clears.")
class UpdateCompanyInput:
    """Input of updateCompany."""

    id: strawberry.ID = strawberry.field(description="The company.")
    credit_code: strawberry.Maybe[str | None] = strawberry.field(description="New credit code.")
    name: strawberry.Maybe[str | None] = strawberry.field(description="New name.")
    size: strawberry.Maybe[CompanySize | None] = strawberry.field(description="New size class.")
    website: strawberry.Maybe[str | None] = strawberry.field(description="New web site address.")


@strawberry.input(description="A company to delete.")
class DeleteCompanyInput:
    """Input of deleteCompany."""

    id: strawberry.ID = strawberry.field(description="The company.")
    detach: bool = strawberry.field(
        default=False,
        description="Also remove the employments, donations' and interactions' links to it "
        "(otherwise a referenced company is not deleted: IN_USE).",
    )


@strawberry.input(description="The industry of a company.")
class SetCompanyIndustryInput:
    """Input of setCompanyIndustry."""

    company: strawberry.ID = strawberry.field(description="The company.")
    industry: strawberry.ID | None = strawberry.field(description="Its industry; null for none.")


@strawberry.input(description="Where a company is located.")
class SetCompanyLocationInput:
    """Input of setCompanyLocation."""

    company: strawberry.ID = strawberry.field(description="The company.")
    city: strawberry.ID | None = strawberry.field(description="Its city (or region); null for none.")


@strawberry.input(description="A need of a company.")
class AddNeedInput:
    """Input of addNeed."""

    company: strawberry.ID = strawberry.field(description="The company.")
    kind: NeedKind = strawberry.field(description="Kind of support.")
    description: str = strawberry.field(description="What exactly is needed (at most 500 characters).")


@strawberry.input(description="A need to remove.")
class RemoveNeedInput:
    """Input of removeNeed."""

    id: strawberry.ID = strawberry.field(description="The need.")


@strawberry.type(description="Result of a company mutation.")
class CompanyPayload:
    """The company as it is now, or why nothing changed."""

    company: Company | None = strawberry.field(description="The company, unless the input was refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type(description="Result of deleteCompany.")
class DeleteCompanyPayload:
    """Which company was deleted, or why not."""

    deleted_id: strawberry.ID | None = strawberry.field(description="ID of the deleted company.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type(description="Result of addNeed and removeNeed.")
class NeedPayload:
    """The need added or removed, or why nothing changed."""

    need: Need | None = strawberry.field(description="The need (as it was, when removed).")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


def credit_code(p: Problems, raw: str) -> str:
    """The stored form of a credit code (upper case unless foreign), recording problems."""
    p.add("creditCode", UserErrorCode.INVALID, validation.credit_code_error(raw))
    value = raw.strip()
    return value if value.upper().startswith("X-") else value.upper()


def company_values(p: Problems, values: dict[str, Any]) -> dict[str, Any]:
    """Checked, stored form of company properties (only those given)."""
    out: dict[str, Any] = {}
    if "credit_code" in values:
        out["creditCode"] = credit_code(p, values["credit_code"] or "")
    if "name" in values:
        name = (values["name"] or "").strip()
        code = UserErrorCode.REQUIRED if not name else UserErrorCode.INVALID
        p.add("name", code, validation.text_error(name, 200))
        out["name"] = name
    if "size" in values:
        out["size"] = values["size"].value if values["size"] else None
    if "website" in values:
        site = (values["website"] or "").strip() or None
        if site and (len(site) > 200 or not WEBSITE.match(site)):
            p.add(
                "website",
                UserErrorCode.INVALID,
                "use an http:// or https:// address (200 characters at most)",
            )
        out["website"] = site
    return repo.properties(out)


async def check_code(tx: Tx, code: str | None, company_id: str | None = None) -> None:
    """Refuse a credit code another company has."""
    if code and await repo.credit_code_taken(tx, code, company_id):
        raise Rejected("creditCode", "DUPLICATE", f"a company with credit code {code} already exists")


def company_payload(out: Outcome[repo.CompanyRecord]) -> CompanyPayload:
    """Payload of a company outcome."""
    return CompanyPayload(
        company=Company.from_record(out.value) if out.value else None, user_errors=out.errors
    )


def need_description(p: Problems, raw: str) -> str:
    """A need's description, trimmed, recording problems."""
    text = raw.strip()
    code = UserErrorCode.REQUIRED if not text else UserErrorCode.INVALID
    p.add("description", code, validation.text_error(text, 500))
    return text
