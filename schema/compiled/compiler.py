"""From a validated selection to a `graph.compiled.Read` tree and the shape of its answer.

Fields are collected by graphql-core's own executor (`collect_subfields`), so fragments, aliases,
`@skip`/`@include` and type conditions mean exactly what they mean to the resolvers. A field the
tables of `graph.compiled` do not know makes the whole root field fall back to the resolvers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLUnionType,
)
from graphql.execution.collect_fields import FieldDetails
from graphql.execution.values import get_argument_values

from graph import compiled as tables
from graph.compiled import Read
from schema.compiled import giving_arguments
from schema.compiled.shapes import (
    Entry,
    Fallback,
    Format,
    ObjectShape,
    UnionShape,
    list_of,
    non_null,
    optional,
    required,
)
from schema.core.relay import to_global_id

FieldDetailsList = Sequence[FieldDetails]

# Arguments of nested fields the compiler understands: (type, field) → the statement's value.
LINK_ARGUMENTS: dict[tuple[str, str], Callable[[dict[str, Any]], Any]] = {
    ("Alumnus", "employments"): lambda args: args.get("current"),
    ("Company", "alumni"): lambda args: None if args.get("includeFormer") else True,
    ("Fund", "donations"): giving_arguments.page,
}


@dataclass(frozen=True)
class NestedArgument:
    """A nested field's arguments, read per request into the parameter `name`."""

    name: str
    definition: GraphQLField
    details: FieldDetails
    convert: Callable[[dict[str, Any]], Any]

    def value(self, executor: Any) -> Any:
        """The parameter's value for this request's variables."""
        args = get_argument_values(
            self.definition,
            self.details.node,
            executor.variable_values,
            self.details.fragment_variable_values,
        )
        return self.convert(args)


@dataclass
class Compiler:
    """Compiles the object selections of one root field."""

    executor: Any
    arguments: list[NestedArgument] = field(default_factory=list)

    def subfields(self, obj_type: GraphQLObjectType, details: FieldDetailsList) -> dict[str, Any]:
        """Response key → field details of a selection on `obj_type`, as graphql-core collects them."""
        grouped: dict[str, Any] = self.executor.collect_subfields(obj_type, details).grouped_field_set
        return grouped

    def object(self, obj_type: GraphQLObjectType, details: FieldDetailsList) -> tuple[Read, ObjectShape]:
        """The read and the shape of one object selection."""
        kind = obj_type.name
        if not tables.knows(kind):
            raise Fallback(kind)
        columns: list[str] = []
        links: list[tuple[str, Read, str | None]] = []
        pending: list[tuple[str, str, int, Format | None]] = []  # key, "col"/"link", position, format
        entries: list[Entry] = []
        for key, group in self.subfields(obj_type, details).items():
            name = group[0].node.name.value
            if name == "__typename":
                pending.append((key, "const", 0, None))
                continue
            definition = obj_type.fields[name]
            fmt: Format | None
            if tables.knows(kind, column=name) and not group[0].node.arguments:
                # fields whose columns are the same expression read it once
                text = tables.column_text(kind, name)
                same = next((c for c in columns if tables.column_text(kind, c) == text), None)
                if same is None:
                    columns.append(name)
                fmt = _leaf(kind, name, definition.type)
                pending.append((key, "col", columns.index(same or name), fmt))
            elif tables.knows(kind, link=name):
                read, fmt = self.link(kind, name, definition, group)
                links.append(read)
                pending.append((key, "link", len(links) - 1, fmt))
            else:
                raise Fallback(f"{kind}.{name}")
        for key, where, position, fmt in pending:
            if where == "const":
                entries.append(Entry(key, -1, None, kind))
            else:
                index = position if where == "col" else len(columns) + position
                entries.append(Entry(key, index, fmt))
        return Read(kind, tuple(columns), tuple(links)), ObjectShape(tuple(entries))

    def union(
        self,
        union: GraphQLUnionType | GraphQLInterfaceType,
        details: FieldDetailsList,
        members: Sequence[str],
    ) -> tuple[Read, Format]:
        """The read and the shape of a union (or interface) selection: one read per member kind it can
        be, each compiled as that object type (graphql-core collects the fields of each, so
        `... on X` and `__typename` mean what they mean); the statement says which member a value is."""
        schema = self.executor.schema
        reads: list[tuple[str, Read, str | None]] = []
        shapes: list[ObjectShape] = []
        for member in members:
            member_type = schema.get_type(member)
            if not isinstance(member_type, GraphQLObjectType) or not schema.is_sub_type(union, member_type):
                raise Fallback(union.name)
            read, shape = self.object(member_type, details)
            reads.append((member, read, None))
            shapes.append(shape)
        if not reads:
            raise Fallback(union.name)
        return Read(union.name, (), tuple(reads)), UnionShape(tuple(shapes))

    def link(
        self, kind: str, name: str, definition: GraphQLField, group: FieldDetailsList
    ) -> tuple[tuple[str, Read, str | None], Format]:
        """A nested object (or list of objects) field."""
        named, many, nullable = _unwrap(definition.type)
        if not isinstance(named, GraphQLObjectType | GraphQLUnionType | GraphQLInterfaceType) or (
            named.name != tables.link_kind(kind, name)
        ):
            raise Fallback(f"{kind}.{name}")
        param = None
        if definition.args or group[0].node.arguments:
            convert = LINK_ARGUMENTS.get((kind, name))
            if convert is None or len(group) != 1:
                raise Fallback(f"{kind}.{name}(…)")
            param = f"p{len(self.arguments) + 1}"
            self.arguments.append(NestedArgument(param, definition, group[0], convert))
        shape: Format
        if isinstance(named, GraphQLObjectType):
            read, shape = self.object(named, group)
        else:
            read, shape = self.union(named, group, tables.link_members(kind, name))
            if many and _non_null_items(definition.type):
                shape = non_null(shape)  # an item out of the caller's view would bubble up
        fmt: Format = list_of(shape) if many else (optional(shape) if nullable else non_null(shape))
        return (name, read, param), fmt

    def item(self, t: Any, details: FieldDetailsList) -> tuple[Read, Format]:
        """A connection's node: an object, or a union's member (never null: null would bubble)."""
        if isinstance(t, GraphQLUnionType):
            read, shape = self.union(t, details, tables.members(t.name))
            return read, non_null(shape)
        return self.object(t, details)


def _unwrap(t: GraphQLOutputType) -> tuple[Any, bool, bool]:
    """The named type, whether a list was crossed, and whether the outer type is nullable."""
    nullable = not isinstance(t, GraphQLNonNull)
    many = False
    inner: Any = t
    while isinstance(inner, GraphQLNonNull | GraphQLList):
        many = many or isinstance(inner, GraphQLList)
        inner = inner.of_type
    return inner, many, nullable


def _non_null_items(t: GraphQLOutputType) -> bool:
    inner = t.of_type if isinstance(t, GraphQLNonNull) else t
    return isinstance(inner, GraphQLList) and isinstance(inner.of_type, GraphQLNonNull)


def _leaf(kind: str, name: str, t: GraphQLOutputType) -> Format | None:
    if name == "id":
        return lambda v: to_global_id(kind, required(v))
    fmt = tables.column_format(kind, name)
    if fmt is not None:
        return (lambda v: required(fmt(v))) if isinstance(t, GraphQLNonNull) else fmt
    return required if isinstance(t, GraphQLNonNull) else None
