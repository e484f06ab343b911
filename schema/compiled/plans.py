"""Compiled plans, cached per document, operation, root field, caller's scope shape and variables
that steer the selection (bounded LRU, like the parse cache)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, LiteralString

from schema.compiled.compiler import NestedArgument

MAX_PLANS = 256


@dataclass(frozen=True)
class Plan:
    """One statement and how to shape its record into the root field's value."""

    statement: LiteralString
    arguments: tuple[NestedArgument, ...]
    shape: Callable[..., Any]

    def params(self, executor: Any) -> dict[str, Any]:
        """Parameters of the nested fields' arguments for this request."""
        return {a.name: a.value(executor) for a in self.arguments}


class PlanCache:
    """A bounded LRU of plans; `None` remembers that a selection falls back to the resolvers."""

    def __init__(self, size: int = MAX_PLANS) -> None:
        self.size = size
        self._plans: OrderedDict[Hashable, Plan | None] = OrderedDict()

    def get(self, key: Hashable | None, build: Callable[[], Plan | None]) -> Plan | None:
        """The plan for `key`, built on first use (never cached when `key` is None)."""
        if key is None:
            return build()
        if key in self._plans:
            self._plans.move_to_end(key)
            return self._plans[key]
        plan = self._plans[key] = build()
        if len(self._plans) > self.size:
            self._plans.popitem(last=False)
        return plan

    def __len__(self) -> int:
        return len(self._plans)

    def plans(self) -> list[Plan]:
        """The cached plans (those that compile)."""
        return [p for p in self._plans.values() if p is not None]

    def clear(self) -> None:
        """Forget every plan."""
        self._plans.clear()
