"""A stand-in `Chapter` type until the institutions aggregate's own lands; delete it on merge.

schema/institutions.py re-exports `Chapter` and `chapter_by_id` from here. Engagement and giving
only reach chapters through those two names in schema.institutions (lazily), so the real ones
replace this module without further changes.
"""

from __future__ import annotations

import strawberry

from graph.engagement import ChapterRef, chapters_by_id
from schema.context import Context
from schema.relay import Node, to_global_id


@strawberry.type(description="A chapter of the alumni association: general, college, regional or industry.")
class Chapter(Node):
    """A chapter (placeholder: code and name only)."""

    code: str = strawberry.field(description="Unique chapter code.")
    name: str = strawberry.field(description="Name of the chapter.")

    @classmethod
    def from_ref(cls, rec: ChapterRef) -> Chapter:
        """Build from a chapter reference."""
        return cls(id=to_global_id("Chapter", rec.id), code=rec.code, name=rec.name)


async def chapter_by_id(info: strawberry.Info[Context, None], node_id: str) -> Chapter | None:
    """A chapter by id (batched per request)."""
    db = info.context.db
    loader = info.context.loaders.get("chapter_ref", lambda ids: chapters_by_id(db, ids))
    rec: ChapterRef | None = await loader.load(node_id)
    return Chapter.from_ref(rec) if rec else None
