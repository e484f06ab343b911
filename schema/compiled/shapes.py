"""Turn a compiled statement's nested lists into the response's dicts in one pass."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Format = Callable[[Any], Any]


class Fallback(Exception):
    """The compiled answer cannot be passed through as it is (a null where the schema forbids one,
    or something the compiler does not cover): the root field is answered by the resolvers."""


def required(value: Any) -> Any:
    """A non-null field's value; a null would bubble up, which the resolvers do exactly."""
    if value is None:
        raise Fallback("null in a non-null position")
    return value


@dataclass(frozen=True)
class Entry:
    """One response key of an object: a constant (`index` -1) or a position of the row, formatted."""

    key: str
    index: int
    format: Format | None = None
    constant: Any = None


@dataclass(frozen=True)
class ObjectShape:
    """The response dict of one object from its row `[col, …, link, …]`."""

    entries: tuple[Entry, ...]

    def __call__(self, row: list[Any]) -> dict[str, Any]:
        """Shape one row."""
        out: dict[str, Any] = {}
        for e in self.entries:
            if e.index < 0:
                out[e.key] = e.constant
            elif e.format is None:
                out[e.key] = row[e.index]
            else:
                out[e.key] = e.format(row[e.index])
        return out


@dataclass(frozen=True)
class UnionShape:
    """The response dict of a union's value `[i, row]` (i: the member's place), or None."""

    members: tuple[ObjectShape, ...]

    def __call__(self, value: list[Any] | None) -> dict[str, Any] | None:
        """Shape one value."""
        if value is None:
            return None
        member: ObjectShape = self.members[value[0]]
        return member(value[1])


def optional(inner: Format) -> Format:
    """Format a nullable value."""
    return lambda v: None if v is None else inner(v)


def non_null(inner: Format) -> Format:
    """Format a non-null value (a null falls back to the resolvers)."""
    return lambda v: inner(required(v))


def list_of(inner: Format) -> Format:
    """Format each item of a list."""
    return lambda v: [inner(x) for x in required(v)]
