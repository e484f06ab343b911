"""The people root fields answered by compiled statements: the `chapters` and `events` connections,
`search` (hits whose `node` is the SearchResult union), `chapterRecommendations` and
`notableAlumniDue`, with their nested selections. Arguments are checked as the resolvers check them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, LiteralString

from graph import compiled as tables
from graph.chapters import chapters as chapter_repo
from graph.compiled import people as statements
from graph.core.errors import NotFound
from graph.engagement import events as event_repo
from graph.people import search as search_repo
from schema.chapters.types import ChapterFilter
from schema.compiled.compiler import Compiler, _unwrap
from schema.compiled.plans import Plan
from schema.compiled.roots import ListRoot, RootCall, filter_params, sort_value
from schema.compiled.shapes import Fallback
from schema.core.errors import bad_input
from schema.core.relay import expect_id
from schema.engagement.events.queries import EventFilter

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


PEOPLE_ROOTS: dict[str, Any] = {
    "chapters": ListRoot(chapter_repo.CHAPTERS, sort_value, filter_params(ChapterFilter)),
    "events": ListRoot(
        event_repo.EVENTS,
        sort_value,
        filter_params(EventFilter),
        dated=frozenset({"date"}),
    ),
    "search": SearchRoot(),
    "chapterRecommendations": RecommendationsRoot(),
    "notableAlumniDue": DueRoot(),
}

__all__ = ["PEOPLE_ROOTS", "DueRoot", "RecommendationsRoot", "SearchRoot"]
