"""Compiled root fields of careers and cooperation: partnerCompanies and openNeeds (the ranking and
the nested selection in one statement), and the `cooperations` and `stories` connections (sorted by
a date or a text, keyset cursors as the resolvers make them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph import compiled as tables
from graph.compiled import careers as statements
from graph.cooperation import cooperations as cooperation_repo
from graph.cooperation import stories as story_repo
from graph.core.errors import NotFound
from graph.insights import matchmaking, open_needs
from schema.compiled.compiler import Compiler, _unwrap
from schema.compiled.plans import Plan
from schema.compiled.roots import ListRoot, RootCall, filter_params, sort_value
from schema.compiled.shapes import Fallback
from schema.cooperation.cooperations.types import CooperationFilter
from schema.cooperation.stories.types import StoryFilter
from schema.core.errors import bad_input
from schema.core.relay import expect_id


def _rows_plan(call: RootCall, build: Callable[[tables.Read], Any]) -> Plan | None:
    """The plan of a list of rows (one object selection per row), or None when it falls back."""
    compiler = Compiler(call.executor)
    try:
        read, shape = compiler.object(_unwrap(call.field_type)[0], call.details)
        statement = build(read)
    except (Fallback, tables.NotCompilable):
        return None
    return Plan(statement, tuple(compiler.arguments), shape)


class PartnerRoot:
    """partnerCompanies: the ranked companies, each with its company and employments selected."""

    async def answer(self, call: RootCall) -> Any:
        """The rows, as the resolver answers them (same checks, same errors, same order)."""
        kw = call.kwargs
        first = kw["first"]
        if not 1 <= first <= matchmaking.MAX_FIRST:
            raise bad_input(f"first must be between 1 and {matchmaking.MAX_FIRST}")
        industry, region = kw["industry"].strip(), kw["region"].strip() if kw["region"] else None
        everyone = call.everyone
        plan = call.plan_for(
            "partnerCompanies",
            lambda: _rows_plan(call, lambda r: statements.partner_statement(r, everyone=everyone)),
        )
        if plan is None:
            raise Fallback("not compiled")
        need_kind = kw["need_kind"].value if kw["need_kind"] else None
        params = {"industry": industry, "region": region, "needKind": need_kind, "first": first}
        record = await call.record(plan, params)
        if not record["industry"]:
            raise NotFound(f"industry {industry} not found")
        if not record["region"]:
            raise NotFound(f"region {region} not found")
        return [plan.shape(r) for r in record["rows"]]


class OpenNeedsRoot:
    """openNeeds: the ranked open needs, each with its need, company and bridges selected."""

    async def answer(self, call: RootCall) -> Any:
        """The rows, as the resolver answers them (same checks, same errors, same order)."""
        kw = call.kwargs
        first = kw["first"]
        if not 1 <= first <= open_needs.MAX_FIRST:
            raise bad_input(f"first must be between 1 and {open_needs.MAX_FIRST}")
        params = {
            "college": expect_id(kw["college"], "College") if kw["college"] else None,
            "kind": kw["kind"].value if kw["kind"] else None,
            "industry": kw["industry"].strip() if kw["industry"] else None,
            "region": kw["region"].strip() if kw["region"] else None,
            "first": first,
        }
        everyone = call.everyone
        plan = call.plan_for(
            "openNeeds",
            lambda: _rows_plan(call, lambda r: statements.open_needs_statement(r, everyone=everyone)),
        )
        if plan is None:
            raise Fallback("not compiled")
        record = await call.record(plan, params)
        for flag, what in (
            ("industryOk", f"industry {params['industry']}"),
            ("regionOk", f"region {params['region']}"),
        ):
            if not record[flag]:
                raise NotFound(f"{what} not found")
        if not record["collegeOk"]:
            raise NotFound("college not found")
        return [plan.shape(r) for r in record["rows"]]


CareersRoot = PartnerRoot | OpenNeedsRoot | ListRoot

CAREERS_ROOTS: dict[str, CareersRoot] = {
    "partnerCompanies": PartnerRoot(),
    "openNeeds": OpenNeedsRoot(),
    "cooperations": ListRoot(
        cooperation_repo.COOPERATIONS,
        sort_value,
        filter_params(CooperationFilter),
        dated=frozenset({"startDate"}),
    ),
    "stories": ListRoot(
        story_repo.STORIES,
        sort_value,
        filter_params(StoryFilter),
        dated=frozenset({"publishedOn"}),
    ),
}
