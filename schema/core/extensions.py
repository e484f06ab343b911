"""The schema extension of every request: limits, document caches and the error policy (codes,
masking of unexpected failures)."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterator

from graphql import DocumentNode, GraphQLError, GraphQLSchema
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.extensions import ParserCache, SchemaExtension

from graph.core.errors import GraphError
from schema.core.errors import ApiError, ErrorCode
from schema.core.limits import IntrospectionForbidden, Limits, Rules, is_admin, limits_rule, validate_within

log = logging.getLogger("alumni_graph.schema")

_GRAPH_CODES = {
    "UNAVAILABLE": ErrorCode.UNAVAILABLE,
    "TIMEOUT": ErrorCode.TIMEOUT,
    "NOT_FOUND": ErrorCode.NOT_FOUND,
}


def graph_code(error: GraphError) -> ErrorCode:
    """The client-facing code of a graph-layer error (INTERNAL for any we do not explain)."""
    return _GRAPH_CODES.get(error.code, ErrorCode.INTERNAL)


def present(error: GraphQLError) -> GraphQLError:
    """The error as clients see it: our code and message, never driver or Cypher text."""
    original = error.original_error
    if isinstance(original, ApiError):
        return _with(error, original.message, original.code)
    if isinstance(original, GraphError):
        code = graph_code(original)
        message = str(original) if code is not ErrorCode.INTERNAL else "internal error"
        return _with(error, message, code)
    if isinstance(original, StrawberryInputCoercionError):  # e.g. null for a field that may only be left out
        return _with(error, error.message, ErrorCode.BAD_USER_INPUT)
    if original is None and "Document contains more than" in error.message:
        return _with(error, error.message + " (cap: max_tokens)", ErrorCode.QUERY_TOO_COMPLEX)
    if original is None:
        given = str((error.extensions or {}).get("code"))
        known = ErrorCode(given) if given in ErrorCode.__members__ else ErrorCode.BAD_USER_INPUT
        return _with(error, error.message, known)
    if not error.path:  # variables that do not coerce: the request's fault, said in its own words
        return _with(error, error.message, ErrorCode.BAD_USER_INPUT)
    log.error("unexpected error in a resolver", exc_info=original)
    return _with(error, "internal error", ErrorCode.INTERNAL)


def _with(error: GraphQLError, message: str, code: ErrorCode) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions={"code": code.value},
    )


# Clients send the same few documents again and again; parsing and validating one (our cost and
# depth rules walk it too) is a good part of a small request. Both steps are cached per document
# text (validation also per set of rules, which differ by role), in LRU caches of CACHED_DOCUMENTS
# entries that live as long as the schema; documents above CACHEABLE_CHARS are parsed and
# validated afresh, so the caches stay small whatever is sent. Validation, cached or not, is
# `schema.core.limits.validate_within`: the directive and validation-error caps hold for every
# document.
CACHED_DOCUMENTS = 256
CACHEABLE_CHARS = 20_000


class Policy:
    """What every request of one schema shares: its limits, its rules and the document caches."""

    def __init__(self, limits: Limits, allow_introspection: bool) -> None:
        self.limits = limits
        self.allow_introspection = allow_introspection
        self.rule = limits_rule(limits)
        self.parse = ParserCache(maxsize=CACHED_DOCUMENTS).cached_parse_document
        self.validated: OrderedDict[tuple[str, Rules], list[GraphQLError]] = OrderedDict()

    def rules(self, context: object) -> Rules:
        """The limit rules; and introspection forbidden except to ADMIN (or in development)."""
        if self.allow_introspection or is_admin(context):
            return (self.rule,)
        return (self.rule, IntrospectionForbidden)

    def validate(
        self, schema: GraphQLSchema, query: str, document: DocumentNode, rules: Rules
    ) -> list[GraphQLError]:
        """`validate_within` the limits, remembered per (document text, rules) for small documents."""
        if len(query) > CACHEABLE_CHARS:
            return validate_within(schema, document, rules, self.limits)
        key = (query, rules)
        errors = self.validated.get(key)
        if errors is None:
            errors = validate_within(schema, document, rules, self.limits)
            self.validated[key] = errors
            if len(self.validated) > CACHED_DOCUMENTS:
                self.validated.popitem(last=False)
        else:
            self.validated.move_to_end(key)
        return errors


class RequestPolicy(SchemaExtension):
    """The one extension of every operation: the token cap, the limit rules (validation from the
    caches of its `Policy`) and the error policy (codes, masking of unexpected failures).

    One extension with three hooks rather than one per concern: Strawberry sets up every hook of
    every extension for each request.
    """

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def on_operation(self) -> Iterator[None]:
        """Cap the tokens and choose the rules; afterwards, present each error."""
        context = self.execution_context
        context.parse_options["max_tokens"] = self.policy.limits.max_tokens
        context.validation_rules = context.validation_rules + self.policy.rules(context.context)
        yield
        result = context.result
        if result is not None and result.errors:
            result.errors = [present(e) for e in result.errors]

    def on_parse(self) -> Iterator[None]:
        """Parse from the cache when the document is small (errors are left to the normal parse)."""
        context = self.execution_context
        if len(context.query or "") <= CACHEABLE_CHARS:
            try:
                context.graphql_document = self.policy.parse(context.query, **context.parse_options)
            except GraphQLError:
                context.graphql_document = None  # parsed again below, and reported as usual
        yield

    def on_validate(self) -> Iterator[None]:
        """Validate within the limits, from the cache when the document is small."""
        context = self.execution_context
        if context.graphql_document is not None:
            context.pre_execution_errors = self.policy.validate(
                context.schema._schema,
                context.query or "",
                context.graphql_document,
                tuple(context.validation_rules),
            )
        yield
