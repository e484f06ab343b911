"""Arguments of nested giving fields, turned into the compiled statement's parameters."""

from __future__ import annotations

from typing import Any

from schema.compiled.shapes import Fallback
from schema.core.errors import ApiError
from schema.core.relay import page_args


def page(args: dict[str, Any]) -> dict[str, Any]:
    """A nested page (`first`, `after`) as the statement reads it; arguments the resolver would
    refuse fall back, so the resolvers say it where they say it."""
    try:
        first, cursor = page_args(args["first"], args.get("after"))
    except ApiError as exc:
        raise Fallback("bad page arguments") from exc
    return {
        "first": first,
        "limit": first + 1,
        "afterKey": cursor.key if cursor else None,
        "afterId": cursor.id if cursor else None,
    }
