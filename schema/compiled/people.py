"""The people root fields answered by compiled statements: the `chapters` and `events` connections,
`search` (hits whose `node` is the SearchResult union), `chapterRecommendations` and
`notableAlumniDue`, with their nested selections. Arguments are checked as the resolvers check them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, LiteralString

from graph import compiled as tables
from graph.chapters import chapters as chapter_repo
from graph.compiled import people as statements
from graph.core.errors import NotFound
from graph.core.pages import BadCursor, date_cursor, plain_key
from graph.engagement import events as event_repo
from graph.people import search as search_repo
from schema.compiled.compiler import Compiler, _unwrap
from schema.compiled.plans import Plan
from schema.compiled.roots import ListRoot, RootCall, _Page
from schema.compiled.shapes import Fallback
from schema.core.context import Context
from schema.core.errors import bad_input
from schema.core.relay import expect_id, page_args

Statement = Callable[..., LiteralString]


def _rows_plan(call: RootCall, statement: Statement) -> Plan | None:
    """The plan of a root field that is a list of objects: each row shaped as the field's item type."""
    compiler = Compiler(call.executor)
    try:
        read, shape = compiler.object(_unwrap(call.field_type)[0], call.details)
        text = statement(read, everyone=call.everyone)
    except (Fallback, tables.NotCompilable):
        return None
    return Plan(text, tuple(compiler.arguments), shape)


def _plan(call: RootCall, name: str, statement: Statement) -> Plan:
    plan = call.plan_for(name, lambda: _rows_plan(call, statement))
    if plan is None:
        raise Fallback("not compiled")
    return plan


class SearchRoot:
    """search: the Lucene query is built in Python (graph.people.search); hits and nodes in one statement."""

    async def answer(self, call: RootCall) -> Any:
        """The hits, as the resolver answers them."""
        from schema.people.search.queries import check_text

        first = call.kwargs["first"]
        if first < 0 or first > search_repo.MAX_HITS:
            raise bad_input(f"first must be between 0 and {search_repo.MAX_HITS}")
        params = search_repo.search_params(check_text(call.kwargs["text"]), first)
        plan = _plan(call, "search", statements.search_statement)
        if params is None:
            return []
        return [plan.shape(r) for r in (await call.record(plan, params))["rows"]]


class RecommendationsRoot:
    """chapterRecommendations with its chapters and bases in the one statement."""

    async def answer(self, call: RootCall) -> Any:
        """The ranked recommendations, or NOT_FOUND as the resolver says it."""
        alumnus = expect_id(call.kwargs["alumnus"], "Alumnus")
        plan = _plan(call, "recommendations", statements.recommendations_statement)
        record = await call.record(plan, {"id": alumnus})
        if not record["found"]:
            raise NotFound("alumnus not found")
        return [plan.shape(r) for r in record["rows"]]


class DueRoot:
    """notableAlumniDue with its alumni in the one statement."""

    async def answer(self, call: RootCall) -> Any:
        """The rows, as the resolver answers them."""
        months, first = call.kwargs["months"], call.kwargs["first"]
        if not 1 <= months <= 120:
            raise bad_input("months must be between 1 and 120")
        if not 1 <= first <= 500:
            raise bad_input("first must be between 1 and 500")
        plan = _plan(call, "due", statements.due_statement)
        params = {"asOf": call.kwargs["as_of"], "months": months, "first": first}
        return [plan.shape(r) for r in (await call.record(plan, params))["rows"]]


@dataclass(frozen=True)
class DatedListRoot(ListRoot):
    """A root connection that may sort by a date property (cursor keys are ISO dates, as
    `graph.core.pages.fetch_ordered_page` makes them)."""

    dated: Callable[[dict[str, Any]], bool] = lambda _kwargs: False

    async def answer(self, call: RootCall) -> Any:
        """The connection, as `schema.core.relay.ordered_connection` answers it."""
        first, cursor = page_args(call.kwargs["first"], call.kwargs["after"])
        params = self.params(call.kwargs, call.context)
        dated = self.dated(call.kwargs)
        if dated:
            try:
                cursor = date_cursor(cursor)
            except BadCursor as exc:
                raise bad_input(str(exc)) from exc
        sort, descending = self.spec.sorts[self.sort(call.kwargs)], bool(call.kwargs["descending"])
        match = self.spec.filtered(params)
        plan = call.plan_for((sort, descending, match), lambda: self.compile(call, match, sort, descending))
        if plan is None:
            raise Fallback("not compiled")
        paging = {
            "afterKey": cursor.key if cursor else None,
            "afterId": cursor.id if cursor else None,
            "limit": first + 1,
        }
        record = await call.record(plan, params | paging)
        rows = record["rows"]
        if dated:
            rows = [[plain_key(r[0]), *r[1:]] for r in rows]
        page = _Page(rows[:first], len(rows) > first, cursor is not None, record.get("total"))
        return plan.shape(page)


def _chapter_params(kwargs: dict[str, Any], context: Context) -> dict[str, Any]:
    from schema.chapters.types import ChapterFilter

    params: dict[str, Any] = (kwargs.get("filter") or ChapterFilter()).to_repo().params()
    return params


def _event_params(kwargs: dict[str, Any], context: Context) -> dict[str, Any]:
    from schema.engagement.events.queries import EventFilter

    params: dict[str, Any] = (kwargs.get("filter") or EventFilter()).to_repo().params()
    return params


def _sort_value(kwargs: dict[str, Any]) -> str:
    return str(kwargs["order_by"].value)


PEOPLE_ROOTS: dict[str, Any] = {
    "chapters": ListRoot(chapter_repo.CHAPTERS, _sort_value, _chapter_params),
    "events": DatedListRoot(
        event_repo.EVENTS, _sort_value, _event_params, lambda kw: bool(kw["order_by"].value == "date")
    ),
    "search": SearchRoot(),
    "chapterRecommendations": RecommendationsRoot(),
    "notableAlumniDue": DueRoot(),
}

__all__ = ["PEOPLE_ROOTS", "DatedListRoot", "DueRoot", "RecommendationsRoot", "SearchRoot"]
