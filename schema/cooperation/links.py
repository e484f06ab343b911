"""Fields that cooperations and stories contribute to Company, College, Need, Alumnus, Event and Chapter.

Attached there as `strawberry.field(resolver=...)`; types are lazy and imports happen at call
time, so those modules import nothing of ours eagerly (as schema.links does).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from schema.core.context import Context
from schema.core.relay import After, Connection, First, from_global_id

if TYPE_CHECKING:
    from schema.cooperation.cooperations.types import Cooperation
    from schema.cooperation.stories.types import Story

Info = strawberry.Info[Context, None]
LazyCooperation = Annotated["Cooperation", strawberry.lazy("schema.cooperation.cooperations.types")]
LazyStory = Annotated["Story", strawberry.lazy("schema.cooperation.stories.types")]


def _own_id(root: Any) -> str:
    return str(getattr(root, "node_id", None) or from_global_id(root.id)[1])


async def company_cooperations(
    root: Any, info: Info, first: First = 20, after: After = None
) -> Connection[LazyCooperation]:
    """Cooperations with the company, newest first (empty for the ALUMNUS role)."""
    from schema.cooperation.cooperations.types import company_cooperations

    return await company_cooperations(info, _own_id(root), (first, after))


async def college_cooperations(
    root: Any, info: Info, first: First = 20, after: After = None
) -> Connection[LazyCooperation]:
    """Cooperations the college runs, newest first (empty for the ALUMNUS role)."""
    from schema.cooperation.cooperations.types import college_cooperations

    return await college_cooperations(info, _own_id(root), (first, after))


async def need_answered_by(root: Any, info: Info) -> list[LazyCooperation]:
    """Cooperations that answer the need, newest first (empty for the ALUMNUS role)."""
    from schema.cooperation.cooperations.types import need_answered_by

    return await need_answered_by(info, _own_id(root))


async def alumnus_brokered(root: Any, info: Info) -> list[LazyCooperation]:
    """Cooperations the alumnus introduced, newest first (empty for the ALUMNUS role)."""
    from schema.cooperation.cooperations.types import alumnus_brokered

    return await alumnus_brokered(info, _own_id(root))


async def _stories(label: str, root: Any, info: Info, first: int, after: str | None) -> Connection[Any]:
    from schema.cooperation.stories.types import featuring

    return await featuring(info, label, _own_id(root), (first, after))


async def alumnus_stories(
    root: Any, info: Info, first: First = 20, after: After = None
) -> Connection[LazyStory]:
    """Stories featuring the alumnus, newest first."""
    return await _stories("Alumnus", root, info, first, after)


async def company_stories(
    root: Any, info: Info, first: First = 20, after: After = None
) -> Connection[LazyStory]:
    """Stories featuring the company, newest first."""
    return await _stories("Company", root, info, first, after)


async def event_stories(
    root: Any, info: Info, first: First = 20, after: After = None
) -> Connection[LazyStory]:
    """Stories featuring the event, newest first."""
    return await _stories("Event", root, info, first, after)


async def chapter_stories(
    root: Any, info: Info, first: First = 20, after: After = None
) -> Connection[LazyStory]:
    """Stories featuring the chapter, newest first."""
    return await _stories("Chapter", root, info, first, after)


async def college_stories(
    root: Any, info: Info, first: First = 20, after: After = None
) -> Connection[LazyStory]:
    """Stories featuring the college itself, newest first."""
    return await _stories("College", root, info, first, after)
