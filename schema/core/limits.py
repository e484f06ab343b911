"""Query limits checked before any resolver (and so any Cypher) runs: depth, aliases, cost,
directives and validation errors.

Directives are counted over the whole document before it is validated (graphql-armor's
max-directives): `{ __typename @aa@aa@aa… }` is one QUERY_TOO_COMPLEX error, not one error per
directive. Validation stops after `max_errors` errors (graphql-core's `max_errors`), with a last
QUERY_TOO_COMPLEX error saying so.

Cost is list-multiplied: every field costs 1, and the fields below a list are paid once per
item the list may return: a connection's `first` (100 when given as a variable, 20 by default),
or `LIST_FACTOR` for plain lists. `first: 100` nested five levels costs 10^10 and is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from graphql import (
    ASTValidationRule,
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    Visitor,
    validate,
    visit,
)
from graphql.type import GraphQLType
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from schema.core.errors import ErrorCode

LIST_FACTOR = 5
MAX_VISITS = 20_000  # fields walked, fragments expanded; stops fragment "bombs" early
DEFAULT_FIRST = 20
MAX_FIRST = 100


@dataclass(frozen=True)
class Limits:
    """Caps on a request; defaults are documented in the README (Security)."""

    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 5000
    max_cost: int = 250_000
    max_directives: int = 50
    max_errors: int = 5
    max_batch: int = 0
    "Operations in one batched request (a JSON array body); 0 refuses batches (Apollo Server's default)."
    max_body_bytes: int = 1_000_000
    max_upload_bytes: int = 60_000_000


@dataclass
class Metrics:
    """What a document asks for."""

    depth: int = 0
    aliases: int = 0
    cost: int = 0


def _named(t: GraphQLType) -> tuple[GraphQLType, bool]:
    """The named type under NonNull/List wrappers, and whether a list was crossed."""
    is_list = False
    while isinstance(t, GraphQLNonNull | GraphQLList):
        is_list = is_list or isinstance(t, GraphQLList)
        t = t.of_type
    return t, is_list


def _factor(field: FieldNode, definition: GraphQLField, owner: GraphQLType) -> int:
    named, is_list = _named(definition.type)
    if getattr(owner, "name", "").endswith("Connection"):
        return 1  # edges/nodes: the connection's `first` already counted them
    if getattr(named, "name", "").endswith("Connection"):
        for arg in field.arguments or ():
            if arg.name.value in ("first", "last"):
                value = arg.value
                return max(1, int(value.value)) if isinstance(value, IntValueNode) else MAX_FIRST
        return DEFAULT_FIRST
    return LIST_FACTOR if is_list else 1


class _Walker:
    """Walks one operation, following fragments once per path (cycles cannot loop)."""

    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.schema = schema
        self.fragments = fragments
        self.metrics = Metrics()
        self.visits = 0

    def fields(
        self, selections: SelectionSetNode, parent: GraphQLType, seen: frozenset[str]
    ) -> Iterator[tuple[FieldNode, GraphQLType, frozenset[str]]]:
        """Fields of a selection set through fragments, with the fragments entered so far."""
        for sel in selections.selections:
            if isinstance(sel, FieldNode):
                yield sel, parent, seen
            elif isinstance(sel, InlineFragmentNode):
                cond = self.schema.get_type(sel.type_condition.name.value) if sel.type_condition else parent
                yield from self.fields(sel.selection_set, cond or parent, seen)
            elif isinstance(sel, FragmentSpreadNode) and sel.name.value not in seen:
                frag = self.fragments.get(sel.name.value)
                if frag is not None:
                    cond = self.schema.get_type(frag.type_condition.name.value) or parent
                    yield from self.fields(frag.selection_set, cond, seen | {sel.name.value})

    def cost(
        self, selections: SelectionSetNode, parent: GraphQLType, depth: int, seen: frozenset[str]
    ) -> int:
        self.metrics.depth = max(self.metrics.depth, depth)
        total = 0
        for field, owner, path in self.fields(selections, parent, seen):
            self.visits += 1
            if self.visits > MAX_VISITS:
                self.metrics.cost = max(self.metrics.cost, 10**12)
                return 10**12
            if field.alias is not None:
                self.metrics.aliases += 1
            definition = _field_def(owner, field.name.value)
            if definition is None or field.selection_set is None:
                total += 1
                continue
            child_type, _ = _named(definition.type)
            below = self.cost(field.selection_set, child_type, depth + 1, path)
            total += 1 + _factor(field, definition, owner) * below
        return total


def _field_def(owner: GraphQLType, name: str) -> GraphQLField | None:
    fields = getattr(owner, "fields", None)
    return fields.get(name) if isinstance(fields, dict) else None


def measure(
    schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: dict[str, FragmentDefinitionNode]
) -> Metrics:
    """Depth, aliases and list-multiplied cost of one operation."""
    root: GraphQLObjectType | None = {
        "query": schema.query_type,
        "mutation": schema.mutation_type,
        "subscription": schema.subscription_type,
    }[operation.operation.value]
    walker = _Walker(schema, fragments)
    if root is not None:
        walker.metrics.cost = walker.cost(operation.selection_set, root, 1, frozenset())
    return walker.metrics


def _too_complex(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": ErrorCode.QUERY_TOO_COMPLEX.value})


class _DirectiveCounter(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def enter_directive(self, _node: DirectiveNode, *_: object) -> None:
        self.count += 1


def count_directives(document: DocumentNode) -> int:
    """Directives used anywhere in the document (operations, fragments, variable definitions)."""
    counter = _DirectiveCounter()
    visit(document, counter)
    return counter.count


Rules = tuple[type[ASTValidationRule], ...]


def validate_within(
    schema: GraphQLSchema, document: DocumentNode, rules: Rules, limits: Limits
) -> list[GraphQLError]:
    """Validate `document` under `rules` (and Strawberry's own), within the directive and error caps."""
    directives = count_directives(document)
    if directives > limits.max_directives:
        return [
            _too_complex(f"{directives} directives exceed the cap max_directives={limits.max_directives}")
        ]
    every = (*rules, MaybeNullValidationRule, OneOfInputValidationRule)
    errors = validate(schema, document, every, max_errors=limits.max_errors)
    if len(errors) > limits.max_errors:  # graphql-core stopped and added its own last error
        stopped = f"more than {limits.max_errors} validation errors; validation stopped"
        errors = [
            *errors[: limits.max_errors],
            _too_complex(f"{stopped} (cap max_errors={limits.max_errors})"),
        ]
    return errors


@cache
def limits_rule(limits: Limits) -> type[ValidationRule]:
    """A validation rule enforcing `limits` on every operation of a document."""

    class LimitsRule(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            doc = context.document
            self.fragments = {
                d.name.value: d for d in doc.definitions if isinstance(d, FragmentDefinitionNode)
            }

        def enter_operation_definition(self, node: OperationDefinitionNode, *_: object) -> None:
            m = measure(self.context.schema, node, self.fragments)
            if m.depth > limits.max_depth:
                self.report_error(
                    _too_complex(f"query depth {m.depth} exceeds the cap max_depth={limits.max_depth}")
                )
            if m.aliases > limits.max_aliases:
                self.report_error(
                    _too_complex(f"{m.aliases} aliases exceed the cap max_aliases={limits.max_aliases}")
                )
            if m.cost > limits.max_cost:
                self.report_error(
                    _too_complex(f"query cost {m.cost} exceeds the cap max_cost={limits.max_cost}")
                )

    return LimitsRule


def is_admin(context: object) -> bool:
    """True when the request's principal is an ADMIN."""
    principal = getattr(context, "principal", None)
    return getattr(getattr(principal, "role", None), "value", None) == "ADMIN"


class IntrospectionForbidden(ValidationRule):
    """Introspection (`__schema`, `__type`) is refused outside development, except to ADMIN."""

    def enter_field(self, node: FieldNode, *_: object) -> None:
        """Report introspection fields."""
        if node.name.value in ("__schema", "__type"):
            self.report_error(
                GraphQLError(
                    "introspection is available to ADMIN only",
                    nodes=[node],
                    extensions={"code": ErrorCode.FORBIDDEN.value},
                )
            )
