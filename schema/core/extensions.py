"""Schema extensions: error policy (codes, masking of unexpected failures) and the document cache."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from functools import partial

from graphql import GraphQLError
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.extensions import ParserCache, SchemaExtension

from graph.core.errors import GraphError
from schema.core.errors import ApiError, ErrorCode
from schema.core.limits import Limits, Validator, cached_validation, validate_within

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


class ErrorPolicy(SchemaExtension):
    """Rewrites every error of a result into the project's error shape."""

    def on_operation(self) -> Iterator[None]:
        """After the operation: present each error."""
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [present(e) for e in result.errors]


# Clients send the same few documents again and again; parsing and validating one (our cost and
# depth rules walk it too) is a good part of a small request. Both steps are cached per document
# text (validation also per set of rules, which differ by role), in LRU caches of CACHED_DOCUMENTS
# entries; documents above CACHEABLE_CHARS are parsed and validated afresh, so the caches stay
# small whatever is sent. Validation, cached or not, is `schema.core.limits.validate_within`: the
# directive and validation-error caps hold for every document.
CACHED_DOCUMENTS = 256
CACHEABLE_CHARS = 20_000


class DocumentCache(SchemaExtension):
    """Parse and validate each small document once (bounded LRU caches shared by all requests)."""

    def __init__(self, limits: Limits) -> None:
        self.parsed = ParserCache(maxsize=CACHED_DOCUMENTS)
        self.limits = limits

    def _cacheable(self) -> bool:
        return len(self.execution_context.query or "") <= CACHEABLE_CHARS

    def on_parse(self) -> Iterator[None]:
        """Parse from the cache when the document is small (errors are left to the normal parse)."""
        context = self.execution_context
        if self._cacheable():
            try:
                context.graphql_document = self.parsed.cached_parse_document(
                    context.query, **context.parse_options
                )
            except GraphQLError:
                context.graphql_document = None  # parsed again below, and reported as usual
        yield

    def on_validate(self) -> Iterator[None]:
        """Validate within the limits, from the cache when the document is small."""
        context = self.execution_context
        validator: Validator = (
            cached_validation(self.limits, CACHED_DOCUMENTS)
            if self._cacheable()
            else partial(validate_within, limits=self.limits)
        )
        if context.graphql_document is not None:
            context.pre_execution_errors = validator(
                context.schema._schema, context.graphql_document, context.validation_rules
            )
        yield
