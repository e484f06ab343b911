"""The root fields answered by compiled statements: entity connections and `node(id:)`."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from graphql import GraphQLObjectType

from graph import compiled as tables
from graph.careers import companies as company_repo
from graph.careers import geography
from graph.careers import industries as careers
from graph.core.pages import BadCursor, ListSpec, date_cursor, encode_cursor, plain_key
from graph.institutions import colleges as institutions
from graph.people import alumni as alumni_repo
from schema.careers.companies.queries import CompanyFilter
from schema.careers.geography.types import region_params
from schema.careers.industries.types import industry_params
from schema.compiled.compiler import Compiler, FieldDetailsList, _unwrap
from schema.compiled.paths import NetworkRoot, PathsRoot
from schema.compiled.plans import Plan
from schema.compiled.shapes import Fallback
from schema.core.context import Context
from schema.core.errors import bad_input, not_found
from schema.core.relay import from_global_id, page_args
from schema.institutions.types import CollegeFilter, class_params
from schema.people.alumni.types import AlumnusFilter


@dataclass
class RootCall:
    """One compiled root field being answered: where it is, its arguments, how plans are cached."""

    executor: Any
    field_type: Any
    details: FieldDetailsList
    kwargs: dict[str, Any]
    context: Context
    plan_for: Callable[[Hashable, Callable[[], Plan | None]], Plan | None]

    @property
    def everyone(self) -> bool:
        """The caller sees every alumnus (the scope predicates reduce to `true`)."""
        return self.context.scope.all_alumni

    @property
    def giving(self) -> bool:
        """The caller sees all giving data (the giving predicates reduce to `true`)."""
        return self.context.scope.giving

    async def record(self, plan: Plan, params: dict[str, Any]) -> dict[str, Any]:
        """Run the plan's one statement."""
        full = params | plan.params(self.executor) | {"scope": self.context.scope.params()}
        return await tables.run(self.context.db, plan.statement, full)


# -- connections --------------------------------------------------------------------------------

Builder = Callable[["_Page"], Any]


@dataclass
class _Page:
    rows: list[list[Any]]
    more: bool
    had_cursor: bool
    total: int | None
    _cursors: list[str] | None = None

    @property
    def cursors(self) -> list[str]:
        if self._cursors is None:
            self._cursors = [encode_cursor(r[0], r[1]) for r in self.rows]
        return self._cursors


@dataclass(frozen=True)
class ListRoot:
    """A root connection over a `ListSpec` (alumni, companies, …), sorted by one property; the sort
    properties in `dated` are dates (cursor keys are ISO dates, turned back into dates for the seek,
    as `graph.core.pages.fetch_ordered_page` does)."""

    spec: ListSpec[Any]
    sort: Callable[[dict[str, Any]], str]
    params: Callable[[dict[str, Any], Context], dict[str, Any]]
    dated: frozenset[str] = frozenset()

    async def answer(self, call: RootCall) -> Any:
        """The connection, as the resolver (`schema.core.relay.ordered_connection`) would answer it."""
        first, cursor = page_args(call.kwargs["first"], call.kwargs["after"])
        params = self.params(call.kwargs, call.context)
        sort, descending = self.spec.sorts[self.sort(call.kwargs)], bool(call.kwargs["descending"])
        dated = sort in self.dated
        if dated:
            try:
                cursor = date_cursor(cursor)
            except BadCursor as exc:
                raise bad_input(str(exc)) from exc
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

    def compile(
        self, call: RootCall, match: LiteralString, sort: LiteralString, descending: bool
    ) -> Plan | None:
        """The plan of this selection (scope and giving predicates reduced for the caller), or None
        when it falls back."""
        compiler = Compiler(call.executor)
        try:
            reads: list[tables.Read] = []
            shape, total = _connection(compiler, _unwrap(call.field_type)[0], call.details, reads)
            statement = tables.page_statement(
                match, sort, descending, tuple(reads), everyone=call.everyone, total=total, giving=call.giving
            )
        except (Fallback, tables.NotCompilable):
            return None
        return Plan(statement, tuple(compiler.arguments), shape)


def _connection(
    compiler: Compiler, conn: GraphQLObjectType, details: FieldDetailsList, reads: list[tables.Read]
) -> tuple[Builder, bool]:
    parts: list[tuple[str, Builder]] = []
    total = False
    for key, group in compiler.subfields(conn, details).items():
        name = group[0].node.name.value
        if name == "__typename":
            parts.append((key, _constant(conn.name)))
        elif name == "totalCount":
            total = True
            parts.append((key, lambda p: p.total))
        elif name == "pageInfo":
            parts.append((key, _page_info(compiler, _unwrap(conn.fields[name].type)[0], group)))
        elif name == "nodes":
            node_type = _unwrap(conn.fields[name].type)[0]
            parts.append((key, _nodes(compiler, node_type, group, reads)))
        elif name == "edges":
            parts.append((key, _edges(compiler, _unwrap(conn.fields[name].type)[0], group, reads)))
        else:
            raise Fallback(name)
    return _object(parts), total


def _constant(value: Any) -> Builder:
    return lambda _p: value


def _object(parts: Sequence[tuple[str, Builder]]) -> Builder:
    return lambda p: {key: build(p) for key, build in parts}


def _nodes(
    compiler: Compiler, node_type: GraphQLObjectType, group: FieldDetailsList, reads: list[tables.Read]
) -> Builder:
    read, shape = compiler.item(node_type, group)
    column = 2 + len(reads)
    reads.append(read)
    return lambda p: [shape(r[column]) for r in p.rows]


def _edges(
    compiler: Compiler, edge: GraphQLObjectType, details: FieldDetailsList, reads: list[tables.Read]
) -> Builder:
    parts: list[tuple[str, Callable[[_Page, int], Any]]] = []
    for key, group in compiler.subfields(edge, details).items():
        name = group[0].node.name.value
        if name == "__typename":
            parts.append((key, _edge_constant(edge.name)))
        elif name == "cursor":
            parts.append((key, lambda p, i: p.cursors[i]))
        elif name == "node":
            read, shape = compiler.item(_unwrap(edge.fields[name].type)[0], group)
            column = 2 + len(reads)
            reads.append(read)
            parts.append((key, _edge_node(shape, column)))
        else:
            raise Fallback(name)
    return lambda p: [{key: build(p, i) for key, build in parts} for i in range(len(p.rows))]


def _edge_constant(value: Any) -> Callable[[_Page, int], Any]:
    return lambda _p, _i: value


def _edge_node(shape: Callable[[Any], Any], column: int) -> Callable[[_Page, int], Any]:
    return lambda p, i: shape(p.rows[i][column])


_PAGE_INFO: dict[str, Builder] = {
    "hasNextPage": lambda p: p.more,
    "hasPreviousPage": lambda p: p.had_cursor,
    "startCursor": lambda p: p.cursors[0] if p.rows else None,
    "endCursor": lambda p: p.cursors[-1] if p.rows else None,
}


def _page_info(compiler: Compiler, info: GraphQLObjectType, details: FieldDetailsList) -> Builder:
    parts: list[tuple[str, Builder]] = []
    for key, group in compiler.subfields(info, details).items():
        name = group[0].node.name.value
        if name == "__typename":
            parts.append((key, _constant(info.name)))
        elif name in _PAGE_INFO:
            parts.append((key, _PAGE_INFO[name]))
        else:
            raise Fallback(name)
    return _object(parts)


# -- node(id:) ----------------------------------------------------------------------------------


class NodeRoot:
    """`node(id:)` for the node types the tables know; other types fall back."""

    async def answer(self, call: RootCall) -> Any:
        """The node, or NOT_FOUND as the resolver says it."""
        type_name, node_id = from_global_id(call.kwargs["id"])
        match = tables.BY_ID.get(type_name)
        if match is None:
            raise Fallback(type_name)
        plan = call.plan_for(type_name, lambda: self.compile(call, type_name, match))
        if plan is None:
            raise Fallback("not compiled")
        rows = (await call.record(plan, {"id": node_id}))["rows"]
        if not rows:
            raise not_found(type_name)
        return plan.shape(rows[0])

    def compile(self, call: RootCall, type_name: str, match: LiteralString) -> Plan | None:
        """The plan of this selection for a node of `type_name`, or None when it falls back."""
        compiler = Compiler(call.executor)
        obj_type = call.executor.schema.get_type(type_name)
        try:
            read, shape = compiler.object(obj_type, call.details)
            statement = tables.by_id_statement(match, read, everyone=call.everyone, giving=call.giving)
        except (Fallback, tables.NotCompilable):
            return None
        return Plan(statement, tuple(compiler.arguments), shape)


# -- relationship queries ------------------------------------------------------------------------


class ReunionRoot:
    """reunionClasses with its classes and liaisons in the one statement."""

    async def answer(self, call: RootCall) -> Any:
        """The rows, as the resolver answers them."""
        from schema.insights.relationships.queries import reunion_anniversaries

        year = call.kwargs["year"]
        wanted = reunion_anniversaries(year, call.kwargs.get("anniversaries"))
        plan = call.plan_for("reunion", lambda: self.compile(call))
        if plan is None:
            raise Fallback("not compiled")
        params = {"year": year, "anniversaries": sorted(set(wanted))}
        return [plan.shape(r) for r in (await call.record(plan, params))["rows"]]

    def compile(self, call: RootCall) -> Plan | None:
        """The plan of this selection, or None when it falls back."""
        compiler = Compiler(call.executor)
        try:
            read, shape = compiler.object(_unwrap(call.field_type)[0], call.details)
            statement = tables.reunion_statement(read, everyone=call.everyone)
        except (Fallback, tables.NotCompilable):
            return None
        return Plan(statement, tuple(compiler.arguments), shape)


def _college_params(kwargs: dict[str, Any], context: Context) -> dict[str, Any]:
    return {"name": (kwargs.get("filter") or CollegeFilter()).name}


def _filtered(params: Callable[[Any], dict[str, Any]]) -> Callable[[dict[str, Any], Context], dict[str, Any]]:
    return lambda kwargs, _context: params(kwargs.get("filter"))


def sort_value(kwargs: dict[str, Any]) -> str:
    """A root list's `orderBy` argument as the key of its `ListSpec.sorts`."""
    return str(kwargs["order_by"].value)


def filter_params(default: Callable[[], Any]) -> Callable[[dict[str, Any], Context], dict[str, Any]]:
    """A root list's repository parameters: its `filter` argument (or `default()`, the filter with
    nothing set) as the repository reads it."""

    def params(kwargs: dict[str, Any], _context: Context) -> dict[str, Any]:
        given = kwargs.get("filter") or default()
        found: dict[str, Any] = given.to_repo().params()
        return found

    return params


ROOTS: dict[str, Any] = {
    "alumni": ListRoot(
        alumni_repo.SPEC,
        lambda kw: alumni_repo.AlumnusSort[kw["order_by"].value].value,
        filter_params(AlumnusFilter),
    ),
    "companies": ListRoot(company_repo.COMPANIES, sort_value, filter_params(CompanyFilter)),
    "colleges": ListRoot(institutions.COLLEGES, sort_value, _college_params),
    "classes": ListRoot(institutions.CLASSES, sort_value, _filtered(class_params)),
    "regions": ListRoot(geography.REGIONS, sort_value, _filtered(region_params)),
    "industries": ListRoot(careers.INDUSTRIES, sort_value, _filtered(industry_params)),
    "node": NodeRoot(),
    "reunionClasses": ReunionRoot(),
    "introductionPaths": PathsRoot(),
    "network": NetworkRoot(),
}
