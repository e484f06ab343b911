"""Compiled giving roots: fundReport (stewardship with the Donor union), donorRetention's segment
sizes, collegeScorecard, and the funds and donations connections; each one statement."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, LiteralString

from graphql import GraphQLObjectType

from graph import compiled as tables
from graph.compiled import reports as report_statements
from graph.core.errors import NotFound
from graph.giving import donations as donations_repo
from graph.giving import funds as funds_repo
from schema.compiled import giving_arguments
from schema.compiled.compiler import Compiler, NestedArgument, _unwrap
from schema.compiled.plans import Plan
from schema.compiled.roots import ListRoot, RootCall, _connection, _Page, filter_params, sort_value
from schema.compiled.shapes import Fallback
from schema.core.relay import expect_id
from schema.giving.donations.queries import DonationFilter
from schema.giving.funds.types import FundFilter

Build = Callable[[Compiler, RootCall], LiteralString]


def _compile(call: RootCall, statement: Callable[[tables.Read], LiteralString]) -> Plan | None:
    """The plan of the root field's object selection, or None when it falls back."""
    compiler = Compiler(call.executor)
    try:
        read, shape = compiler.object(_unwrap(call.field_type)[0], call.details)
        text = statement(read)
    except (Fallback, tables.NotCompilable):
        return None
    return Plan(text, tuple(compiler.arguments), shape)


def _year(call: RootCall) -> int:
    from schema.reports.giving.queries import report_year

    year: int = report_year(call.kwargs["year"])
    return year


class FundReportRoot:
    """fundReport: figures, the year's donations, the stewardship list and its donors."""

    async def answer(self, call: RootCall) -> Any:
        """The report, or NOT_FOUND as the resolver says it."""
        year, fund_id = _year(call), expect_id(call.kwargs["fund"], "Fund")
        plan = call.plan_for("fundReport", lambda: self.compile(call))
        if plan is None:
            raise Fallback("not compiled")
        rows = (await call.record(plan, {"fund": fund_id, "year": year}))["rows"]
        if not rows:
            raise NotFound("fund not found")
        return plan.shape(rows[0])

    def compile(self, call: RootCall) -> Plan | None:
        """The plan of this selection, or None when it falls back."""
        everyone, giving = call.everyone, call.giving
        return _compile(
            call, lambda read: report_statements.fund_report_statement(read, everyone=everyone, giving=giving)
        )


class ScorecardRoot:
    """collegeScorecard, sorted by the chosen metric as the resolver sorts it."""

    async def answer(self, call: RootCall) -> Any:
        """The rows."""
        plan = call.plan_for("collegeScorecard", lambda: self.compile(call))
        if plan is None:
            raise Fallback("not compiled")
        rows = (await call.record(plan, {"year": call.kwargs["year"]}))["rows"]
        metric = [name for name, _ in report_statements.SCORE_METRICS].index(call.kwargs["order_by"].value)
        ordered = sorted(rows, key=lambda r: r[0][metric], reverse=bool(call.kwargs["descending"]))
        return [plan.shape(r[1]) for r in ordered]

    def compile(self, call: RootCall) -> Plan | None:
        """The plan of this selection, or None when it falls back."""
        everyone, giving = call.everyone, call.giving
        return _compile(
            call, lambda read: report_statements.scorecard_statement(read, everyone=everyone, giving=giving)
        )


_SEGMENTS = {
    "retained": "RETAINED",
    "lybunt": "LYBUNT",
    "sybunt": "SYBUNT",
    "newDonors": "NEW",
    "recaptured": "RECAPTURED",
}


class RetentionRoot:
    """donorRetention: the segment sizes, and pages of each segment's donors (the Donor union)."""

    async def answer(self, call: RootCall) -> Any:
        """The segments, as the resolver answers them."""
        kwargs = call.kwargs
        params = {
            "year": _year(call),
            "fund": expect_id(kwargs["fund"], "Fund") if kwargs.get("fund") else None,
            "college": expect_id(kwargs["college"], "College") if kwargs.get("college") else None,
        }
        plan = call.plan_for("donorRetention", lambda: self.compile(call))
        if plan is None:
            raise Fallback("not compiled")
        record = await call.record(plan, params)  # a page argument the resolver refuses falls back
        return plan.shape((params["year"], record["rows"]))

    def compile(self, call: RootCall) -> Plan | None:
        """The plan of this selection, or None when it falls back."""
        compiler = Compiler(call.executor)
        retention: GraphQLObjectType = _unwrap(call.field_type)[0]
        parts: list[tuple[str, Callable[[Any], Any]]] = []
        pages: list[tuple[str, tuple[tables.Read, ...]]] = []
        try:
            for key, group in compiler.subfields(retention, call.details).items():
                name = group[0].node.name.value
                if name == "__typename":
                    parts.append((key, _constant(retention.name)))
                elif name == "year":
                    parts.append((key, lambda v: v[0]))
                elif name in _SEGMENTS:
                    parts.append((key, self._segment(compiler, retention.fields[name], group, pages)))
                else:
                    raise Fallback(name)
            everyone, giving = call.everyone, call.giving
            if pages:
                text = report_statements.retention_statement(tuple(pages), everyone=everyone, giving=giving)
            else:
                text = report_statements.retention_counts_statement(everyone=everyone, giving=giving)
        except (Fallback, tables.NotCompilable):
            return None
        paged = bool(pages)
        return Plan(text, tuple(compiler.arguments), lambda v: _retention(parts, v, paged))

    def _segment(
        self, compiler: Compiler, field: Any, group: Any, pages: list[tuple[str, tuple[tables.Read, ...]]]
    ) -> Callable[[Any], Any]:
        """One segment field: its page arguments, and its donors' page when the selection shows them."""
        param = f"p{len(compiler.arguments) + 1}"
        seg = _SEGMENTS[group[0].node.name.value]
        compiler.arguments.append(NestedArgument(param, field, group[0], _segment_page(seg)))
        conn = _unwrap(field.type)[0]
        reads: list[tables.Read] = []
        shape, _total = _connection(compiler, conn, group, reads)
        shown = {sub[0].node.name.value for sub in compiler.subfields(conn, group).values()}
        if not shown & {"edges", "nodes", "pageInfo"}:
            return lambda v: shape(_Page([], False, False, _sizes(v[1])[seg]))
        index = len(pages)
        pages.append((param, tuple(reads)))
        return lambda v: shape(_donor_page(v[1], index, seg))


def _segment_page(segment: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A segment's page; its cursor's name compared as text (graph.reports.retention.page_of)."""

    def convert(args: dict[str, Any]) -> dict[str, Any]:
        page = giving_arguments.page(args)
        if page["afterId"] is not None:
            page["afterKey"] = str(page["afterKey"])
        return {"segment": segment} | page

    return convert


def _retention(parts: list[tuple[str, Callable[[Any], Any]]], value: Any, paged: bool) -> dict[str, Any]:
    year, rows = value
    record = rows if paged else [rows, []]
    return {key: build((year, record)) for key, build in parts}


def _sizes(record: list[Any]) -> dict[str, int]:
    return dict.fromkeys(_SEGMENTS.values(), 0) | {segment: int(total) for segment, total in record[0]}


def _donor_page(record: list[Any], index: int, segment: str) -> _Page:
    first, had_cursor, rows = record[1][index]
    return _Page(rows[:first], len(rows) > first, had_cursor, _sizes(record)[segment])


def _constant(value: str) -> Callable[[Any], str]:
    return lambda _v: value


GIVING_ROOTS: dict[str, Any] = {
    "fundReport": FundReportRoot(),
    "collegeScorecard": ScorecardRoot(),
    "donorRetention": RetentionRoot(),
    "funds": ListRoot(funds_repo.FUNDS, sort_value, filter_params(FundFilter)),
    "donations": ListRoot(
        donations_repo.DONATIONS,
        sort_value,
        filter_params(DonationFilter),
        dated=frozenset({"date"}),
    ),
}
