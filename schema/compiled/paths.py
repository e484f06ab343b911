"""The graph-walking questions compiled: introductionPaths and network, each one statement.

introductionPaths runs the search of `graph.insights.paths` (the same text the resolver runs) and
projects each step's alumni and shared class, company or chapter with the compiled tables, so
`steps { from { … } to { … } via { … } }` costs no second statement. network runs the statement of
`graph.insights.network` (the resolver's) and shapes its nodes and edges as the selection asks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, LiteralString

from graphql import GraphQLObjectType

from graph import compiled as tables
from graph.core.errors import NotFound
from graph.core.scope import reduced
from graph.insights import network as network_repo
from graph.insights import paths as paths_repo
from schema.compiled.compiler import Compiler, FieldDetailsList, _unwrap
from schema.compiled.plans import Plan
from schema.compiled.shapes import Fallback, Format, optional
from schema.core.relay import to_global_id

Shape = Callable[[Any], Any]
Factory = Callable[[FieldDetailsList], Shape]


def _object(
    compiler: Compiler, obj: GraphQLObjectType, details: FieldDetailsList, fields: dict[str, Factory]
) -> Shape:
    """A dict per response key of a selection on `obj`; `fields` makes each key's shape (of the
    same value) from that key's own field details."""
    parts: list[tuple[str, Shape]] = []
    for key, group in compiler.subfields(obj, details).items():
        name = group[0].node.name.value
        if name == "__typename":
            parts.append((key, _constant(obj.name)))
        elif name in fields and not group[0].node.arguments:
            parts.append((key, fields[name](group)))
        else:
            raise Fallback(f"{obj.name}.{name}")
    return lambda value: {key: build(value) for key, build in parts}


def _leaf(shape: Shape) -> Factory:
    return lambda _group: shape


def _constant(value: Any) -> Shape:
    return lambda _v: value


# -- introductionPaths ---------------------------------------------------------------------------

_VIA = ("Class", "Company", "Chapter")


class PathsRoot:
    """introductionPaths with each step's alumni and what they share, in the search's statement."""

    async def answer(self, call: Any) -> Any:
        """The paths, as the resolver answers them (NOT_FOUND when an end is not visible)."""
        from schema.insights.relationships.queries import introduction_arguments

        kw = call.kwargs
        source, target = introduction_arguments(kw["from_"], kw["to"], kw["max_hops"], kw["first"])
        plan = call.plan_for("paths", lambda: self.compile(call))
        if plan is None:
            raise Fallback("not compiled")
        params = {"from": source, "to": target, "maxHops": kw["max_hops"], "first": kw["first"]}
        record = await call.record(plan, params)
        if not record["found"]:
            raise NotFound("alumnus not found")
        return [plan.shape(p) for p in record["paths"]]

    def compile(self, call: Any) -> Plan | None:
        """The plan of this selection, or None when it falls back."""
        compiler = Compiler(call.executor)
        try:
            path_type = _unwrap(call.field_type)[0]
            projections: list[LiteralString] = []
            shape = self._path(compiler, path_type, call.details, projections, call.everyone)
        except (Fallback, tables.NotCompilable):
            return None
        text = (
            paths_repo.SEARCH + " RETURN s IS NOT NULL AND t IS NOT NULL AS found,"
            " COLLECT { UNWIND range(0, size(beam) - 1) AS i"
            " CALL (beam, i) { UNWIND range(0, size(beam[i].steps) - 1) AS k"
            " WITH k, beam[i].steps[k] AS st ORDER BY k"
            " WITH st[0] AS a, st[1] AS b, st[2] AS tie, st[3] AS h"
            " RETURN collect([tie" + "".join(", " + p for p in projections) + "]) AS steps }"
            " RETURN steps ORDER BY i } AS paths"
        )
        return Plan(reduced(text, everyone=call.everyone, giving=False), tuple(compiler.arguments), shape)

    def _path(
        self,
        compiler: Compiler,
        path_type: GraphQLObjectType,
        details: FieldDetailsList,
        projections: list[LiteralString],
        everyone: bool,
    ) -> Shape:
        step_type = _unwrap(path_type.fields["steps"].type)[0]

        def steps(group: FieldDetailsList) -> Shape:
            return _each(self._step(compiler, step_type, group, projections, everyone))

        return _object(compiler, path_type, details, {"hops": _leaf(len), "steps": steps})

    def _step(
        self,
        compiler: Compiler,
        step_type: GraphQLObjectType,
        details: FieldDetailsList,
        projections: list[LiteralString],
        everyone: bool,
    ) -> Shape:
        def alumnus(var: LiteralString, name: str) -> Factory:
            def make(group: FieldDetailsList) -> Shape:
                read, shape = compiler.object(_unwrap(step_type.fields[name].type)[0], group)
                projections.append(tables.node_projection(read, everyone, var=var))
                return _column(len(projections), optional(shape))

            return make

        def via(group: FieldDetailsList) -> Shape:
            projection, shape = self._via(compiler, group, everyone)
            projections.append(projection)
            return _column(len(projections), shape)

        fields = {
            "tie": _leaf(lambda s: s[0]),
            "from": alumnus("a", "from"),
            "to": alumnus("b", "to"),
            "via": via,
        }
        return _object(compiler, step_type, details, fields)

    def _via(
        self, compiler: Compiler, details: FieldDetailsList, everyone: bool
    ) -> tuple[LiteralString, Format]:
        """The shared class, company or chapter (`h`): `[i, projection]` for the i-th of `_VIA`."""
        cases: list[LiteralString] = []
        shapes: list[Shape] = []
        schema = compiler.executor.schema
        for index, type_name in enumerate(_VIA):
            obj = schema.get_type(type_name)
            number = ("0", "1", "2")[index]
            shape: Shape
            if tables.knows(type_name):
                read, shape = compiler.object(obj, details)
                projection = tables.node_projection(read, everyone, var="h")
            else:
                projection, shape = _id_only(compiler, obj, details)
            cases.append(" WHEN h:" + type_name + " THEN [" + number + ", " + projection + "]")
            shapes.append(shape)
        text: LiteralString = "CASE WHEN h IS NULL THEN null" + "".join(cases) + " END"
        return text, optional(lambda v: shapes[v[0]](v[1]))


def _id_only(
    compiler: Compiler, obj: GraphQLObjectType, details: FieldDetailsList
) -> tuple[LiteralString, Shape]:
    """A node type the tables do not know, selected for `__typename` and `id` only."""
    fields = {"id": _leaf(lambda v: to_global_id(obj.name, v[0]))}
    return "[h.id]", _object(compiler, obj, details, fields)


def _each(inner: Shape) -> Shape:
    return lambda values: [inner(v) for v in values]


def _column(index: int, fmt: Format) -> Shape:
    return lambda step: fmt(step[index])


# -- network ---------------------------------------------------------------------------------------


class NetworkRoot:
    """network, its nodes and edges shaped from the resolver's one statement."""

    async def answer(self, call: Any) -> Any:
        """The drawing, as the resolver answers it (NOT_FOUND when the centre is not shown)."""
        from schema.insights.relationships.queries import network_arguments

        kw = call.kwargs
        label, node_id = network_arguments(kw["center"], kw["depth"], kw["limit"])
        plan = call.plan_for(label.value, lambda: self.compile(call, label))
        if plan is None:
            raise Fallback("not compiled")
        record = await call.record(plan, {"id": node_id, "depth": kw["depth"], "limit": kw["limit"]})
        if not record["nodes"]:
            raise NotFound(f"{label.value} not found")
        return plan.shape(record)

    def compile(self, call: Any, label: Any) -> Plan | None:
        """The plan of this selection, or None when it falls back."""
        compiler = Compiler(call.executor)
        net = _unwrap(call.field_type)[0]
        node_type, edge_type = _unwrap(net.fields["nodes"].type)[0], _unwrap(net.fields["edges"].type)[0]
        node_fields = {
            "id": _leaf(lambda n: to_global_id(n[0], n[1])),
            "type": _leaf(lambda n: n[0]),
            "name": _leaf(lambda n: n[2]),
        }
        edge_fields = {
            "source": _leaf(lambda e: to_global_id(e[0], e[1])),
            "target": _leaf(lambda e: to_global_id(e[2], e[3])),
            "type": _leaf(lambda e: e[4]),
        }

        def nodes(group: FieldDetailsList) -> Shape:
            node = _object(compiler, node_type, group, node_fields)
            return lambda r: [node(n) for n in r["nodes"]]

        def edges(group: FieldDetailsList) -> Shape:
            edge = _object(compiler, edge_type, group, edge_fields)
            return lambda r: [edge(e) for e in r["edges"]]

        try:
            shape = _object(compiler, net, call.details, {"nodes": nodes, "edges": edges})
        except Fallback:
            return None
        statement = network_repo.STATEMENTS[label]
        return Plan(reduced(statement, everyone=call.everyone, giving=False), (), shape)
