"""What a request selects below the field being resolved (fragments included)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField


def selects(info: strawberry.Info[Any, Any], *path: str) -> bool:
    """Whether the current field's selection reaches `path` (field names, as in the schema)."""
    return any(_reaches(field.selections, path) for field in info.selected_fields)


def _reaches(selections: Iterable[Any], path: tuple[str, ...]) -> bool:
    if not path:
        return True
    for item in selections:
        if isinstance(item, FragmentSpread | InlineFragment):
            below = _reaches(item.selections, path)
        else:
            named = isinstance(item, SelectedField) and item.name == path[0]
            below = named and _reaches(item.selections, path[1:])
        if below:
            return True
    return False
