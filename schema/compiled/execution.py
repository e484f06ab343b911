"""graphql-core's executor with compiled read root fields passed straight through.

graphql-core still parses, validates (limits included) and walks the operation; for a read root
field that `roots.ROOTS` covers, the field's permissions run as declared, then one statement
answers the whole field and its ready value goes into the response without being walked field
by field. A selection the compiler does not cover, or an answer that would need null bubbling,
is answered by the resolvers as before (`Fallback`), so coverage can grow one field at a time.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from graphql import OperationType
from graphql.execution.values import get_argument_values
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.arguments import convert_arguments
from strawberry.types.info import Info

from schema.compiled.careers import CAREERS_ROOTS
from schema.compiled.giving import GIVING_ROOTS
from schema.compiled.people import PEOPLE_ROOTS
from schema.compiled.plans import Plan, PlanCache
from schema.compiled.roots import ROOTS, RootCall
from schema.compiled.shapes import Fallback
from schema.core.errors import ApiError, ErrorCode

PLANS = PlanCache()
# The domains' roots build on the classes of schema.compiled.roots; they join its table here.
ROOTS.update(GIVING_ROOTS | CAREERS_ROOTS | PEOPLE_ROOTS)


class CompiledExecutor(StrawberryGraphQLCoreExecutionContext):
    """Answers covered read root fields with one compiled statement each."""

    def execute_field(
        self,
        parent_type: Any,
        source: Any,
        field_details_list: Any,
        path: Any,
        position_context: Any,
    ) -> Any:
        """Compiled root fields of a query; everything else as graphql-core does it."""
        if path.prev is None and self.operation.operation is OperationType.QUERY:
            root = ROOTS.get(field_details_list[0].node.name.value)
            if root is not None:
                return self._compiled(root, parent_type, source, field_details_list, path, position_context)
        return super().execute_field(parent_type, source, field_details_list, path, position_context)

    async def _compiled(
        self, root: Any, parent_type: Any, source: Any, details: Any, path: Any, position: Any
    ) -> Any:
        node = details[0].node
        field_def = self.schema.get_field(parent_type, node.name.value)
        assert field_def is not None  # validated: the field exists
        key = (node.alias or node.name).value
        try:
            call = self._call(field_def, parent_type, source, details, path)
            answer = await root.answer(call)
        except Fallback:
            pass
        except Exception as raw_error:
            _answered(self.context_value, key, "compiled")
            self.handle_field_error(raw_error, field_def.type, details, path)
            return None
        else:
            _answered(self.context_value, key, "compiled")
            return answer
        _answered(self.context_value, key, "fallback")
        value = super().execute_field(parent_type, source, details, path, position)
        return await value if self.is_awaitable(value) else value

    def _call(self, field_def: Any, parent_type: Any, source: Any, details: Any, path: Any) -> RootCall:
        """Check the field's permissions and convert its arguments, as Strawberry would."""
        node = details[0].node
        strawberry_field = field_def.extensions["strawberry-definition"]
        info = Info(
            _raw_info=self.build_resolve_info(field_def, [node], parent_type, path), _field=strawberry_field
        )
        raw = get_argument_values(
            field_def, node, self.variable_values, details[0].fragment_variable_values, self.hide_suggestions
        )
        owner: Any = getattr(self.schema, "_strawberry_schema")  # noqa: B009  (set by strawberry.Schema)
        kwargs = convert_arguments(
            raw,
            strawberry_field.arguments,
            scalar_registry=owner.schema_converter.scalar_registry,
            config=owner.config,
        )
        for permission_class in strawberry_field.permission_classes:
            permission = permission_class()
            if not permission.has_permission(source, info, **kwargs):
                raise ApiError(ErrorCode.FORBIDDEN, permission.message or "forbidden")
        context = self.context_value
        key = self._plan_key(node, (context.scope.all_alumni, context.scope.giving))
        return RootCall(
            self,
            field_def.type,
            details,
            kwargs,
            context,
            lambda extra, build: PLANS.get(_with(key, extra), build),
        )

    def _plan_key(self, node: Any, shape: tuple[bool, bool]) -> Hashable | None:
        """Document, operation, root response key, scope shape (sees every alumnus, all giving data)
        and the Boolean variables (they steer `@skip`/`@include`); None without source text."""
        loc = self.operation.loc
        if loc is None:
            return None
        name = self.operation.name.value if self.operation.name else None
        flags = tuple(sorted((k, v) for k, v in self.variable_values.coerced.items() if isinstance(v, bool)))
        response_key = (node.alias or node.name).value
        return (loc.source.body, name, response_key, shape, flags)


def _answered(context: Any, key: str, path: str) -> None:
    """Say which path answered a root field, in the `x-answer-path` response header (the bench
    reports it) and on the context (tests read it)."""
    answered: dict[str, str] = context.answered
    answered[key] = path
    headers = getattr(context.response, "headers", None)
    if headers is not None:
        headers["x-answer-path"] = ",".join(f"{k}:{v}" for k, v in answered.items())


def _with(key: Hashable | None, extra: Hashable) -> Hashable | None:
    return None if key is None else (key, extra)


def plan_count() -> int:
    """How many plans are cached (for tests)."""
    return len(PLANS)


__all__ = ["PLANS", "CompiledExecutor", "Plan", "plan_count"]
