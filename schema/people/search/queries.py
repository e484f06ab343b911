"""`search`: ranked hits over the names of alumni, companies and chapters, in Chinese, pinyin or initials."""

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry

from graph.people import search as repo
from schema.careers.companies.types import Company, company_by_id
from schema.chapters.types import Chapter, chapter_by_id
from schema.core.context import Context
from schema.core.errors import bad_input
from schema.core.permissions import IsAuthenticated
from schema.people.alumni.types import Alumnus, alumnus_by_id

Info = strawberry.Info[Context, None]

SearchResult = Annotated[
    Alumnus | Company | Chapter,
    strawberry.union(
        "SearchResult", description="Something found by name: an alumnus, a company or a chapter."
    ),
]
# How each label of the full-text index becomes an object (batched loaders; alumni within scope).
_BY_ID = {"Alumnus": alumnus_by_id, "Company": company_by_id, "Chapter": chapter_by_id}


@strawberry.type(description="One search hit.")
class SearchHit:
    """A node found by name, with its full-text relevance."""

    node: SearchResult = strawberry.field(description="What was found.")
    score: float = strawberry.field(
        description=(
            "Full-text relevance (higher is better). Hits are ordered by exactness first (the whole"
            " name, then its whole pinyin or initials), then by this score."
        )
    )


def check_text(text: str) -> str:
    """The trimmed text, or BAD_USER_INPUT when it is too short or too long to search."""
    text = text.strip()
    if repo.meaningful_length(text) < repo.MIN_CHARS:
        raise bad_input(f"search text needs at least {repo.MIN_CHARS} characters")
    if len(text) > repo.MAX_CHARS:
        raise bad_input(f"search text may have at most {repo.MAX_CHARS} characters")
    return text


@strawberry.type
class SearchQuery:
    """Root field of name search."""

    @strawberry.field(
        description=(
            "Alumni (only those you may see), companies and chapters by name: any 2+ character part of a"
            " Chinese name (`张伟`, `伟明`), full pinyin with or without spaces (`zhangwei`,"
            " `zhang wei`, also its beginning: `zhangw`), or pinyin initials (`zw`). Text of"
            " fewer than 2 or more than 100 characters is BAD_USER_INPUT. The text is never"
            " query syntax."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def search(
        self,
        info: Info,
        text: Annotated[str, strawberry.argument(description="What to look for (2-100 characters).")],
        first: Annotated[
            int, strawberry.argument(description=f"How many hits, at most {repo.MAX_HITS}.")
        ] = 20,
    ) -> list[SearchHit]:
        """Ranked hits; 1 statement for the search and 1 per label found."""
        if first < 0 or first > repo.MAX_HITS:
            raise bad_input(f"first must be between 0 and {repo.MAX_HITS}")
        hits = await repo.search(info.context.db, check_text(text), first, info.context.scope)
        nodes = await asyncio.gather(*(_BY_ID[h.label](info, h.id) for h in hits))
        return [SearchHit(node=node, score=h.score) for h, node in zip(hits, nodes, strict=True) if node]
