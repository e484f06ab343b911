"""Mutations of chapters: create, update, delete and move in the PART_OF tree."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import strawberry

from graph.chapters import chapters as repo
from graph.chapters.chapters import ChapterKind, ChapterStatus
from graph.core import access, audit
from graph.core.db import Tx
from graph.core.model import Label
from schema.chapters.types import Chapter
from schema.core.context import Context
from schema.core.errors import UserError
from schema.core.inputs import (
    ADMINS,
    DeleteInput,
    DeletePayload,
    audit_records,
    check_code,
    check_text,
    check_year,
    decode,
    delete_node,
    given,
)
from schema.core.mutations import Outcome, Problems, execute

# Link fields of the chapter inputs and the GraphQL type their IDs must be of.
LINK_TYPES = {"parent": "Chapter", "college": "College", "region": "Region", "industry": "Industry"}


@strawberry.input(
    description="A new chapter; COLLEGE, REGIONAL and INDUSTRY chapters need a college, region or industry."
)
class CreateChapterInput:
    """Input of createChapter."""

    code: str = strawberry.field(description="Unique chapter code.")
    name: str = strawberry.field(description="Name of the chapter.")
    kind: ChapterKind = strawberry.field(description="General, college, regional or industry.")
    status: ChapterStatus = strawberry.field(default=ChapterStatus.ACTIVE, description="Active or dormant.")
    founded_year: int | None = strawberry.field(default=None, description="Year the chapter was founded.")
    parent: strawberry.ID | None = strawberry.field(default=None, description="The chapter it is part of.")
    college: strawberry.ID | None = strawberry.field(
        default=None, description="Its college (COLLEGE chapters)."
    )
    region: strawberry.ID | None = strawberry.field(
        default=None, description="Its region (REGIONAL chapters)."
    )
    industry: strawberry.ID | None = strawberry.field(
        default=None, description="Its industry (INDUSTRY chapters)."
    )


@strawberry.input(description="Changes to a chapter: only the fields given change; null clears a link.")
class UpdateChapterInput:
    """Input of updateChapter."""

    id: strawberry.ID = strawberry.field(description="The chapter to change.")
    code: strawberry.Maybe[str] = strawberry.field(description="New unique code.")
    name: strawberry.Maybe[str] = strawberry.field(description="New name.")
    kind: strawberry.Maybe[ChapterKind] = strawberry.field(description="New kind (its link rule must hold).")
    status: strawberry.Maybe[ChapterStatus] = strawberry.field(description="Active or dormant.")
    founded_year: strawberry.Maybe[int | None] = strawberry.field(description="Year the chapter was founded.")
    parent: strawberry.Maybe[strawberry.ID | None] = strawberry.field(
        description="The chapter it is part of."
    )
    college: strawberry.Maybe[strawberry.ID | None] = strawberry.field(description="Its college.")
    region: strawberry.Maybe[strawberry.ID | None] = strawberry.field(description="Its region.")
    industry: strawberry.Maybe[strawberry.ID | None] = strawberry.field(description="Its industry.")


@strawberry.input(description="Where a chapter sits in the chapter tree.")
class SetChapterParentInput:
    """Input of setChapterParent."""

    chapter: strawberry.ID = strawberry.field(description="The chapter to move.")
    parent: strawberry.ID | None = strawberry.field(
        default=None, description="Its new parent chapter; null makes it a top-level chapter."
    )


@strawberry.type(description="Result of a chapter mutation.")
class ChapterPayload:
    """Base of the chapter payloads."""

    chapter: Chapter | None = strawberry.field(description="The chapter as stored, unless refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type(description="Result of createChapter.")
class CreateChapterPayload(ChapterPayload):
    """Payload of createChapter."""


@strawberry.type(description="Result of updateChapter.")
class UpdateChapterPayload(ChapterPayload):
    """Payload of updateChapter."""


@strawberry.type(description="Result of setChapterParent.")
class SetChapterParentPayload(ChapterPayload):
    """Payload of setChapterParent."""


@strawberry.input(description="The chapter to delete.")
class DeleteChapterInput(DeleteInput):
    """Input of deleteChapter."""


@strawberry.type(description="Result of deleteChapter.")
class DeleteChapterPayload(DeletePayload):
    """Payload of deleteChapter."""


def clean_props(p: Problems, props: dict[str, Any]) -> dict[str, Any]:
    """Validate chapter properties (any subset); enum values become their names."""
    out: dict[str, Any] = {
        k: (v.value if isinstance(v, ChapterKind | ChapterStatus) else v) for k, v in props.items()
    }
    if "code" in out:
        out["code"] = check_code(p, "code", out["code"])
    if "name" in out:
        out["name"] = check_text(p, "name", out["name"])
    if "foundedYear" in out:
        check_year(p, "foundedYear", out["foundedYear"])
    return out


def clean_links(p: Problems, links: Mapping[str, str | None]) -> dict[str, str | None]:
    """Decode the link IDs that were given (None: clear the link)."""
    return {k: (decode(p, k, v, LINK_TYPES[k]) if v is not None else None) for k, v in links.items()}


def _changes(p: Problems, data: UpdateChapterInput) -> repo.ChapterChanges:
    props = given(
        code=data.code, name=data.name, kind=data.kind, status=data.status, foundedYear=data.founded_year
    )
    links = given(parent=data.parent, college=data.college, region=data.region, industry=data.industry)
    return repo.ChapterChanges(clean_props(p, props), clean_links(p, links))


def _new(p: Problems, data: CreateChapterInput) -> repo.ChapterChanges:
    props = {
        "code": data.code,
        "name": data.name,
        "kind": data.kind,
        "status": data.status,
        "foundedYear": data.founded_year,
    }
    links = {"parent": data.parent, "college": data.college, "region": data.region, "industry": data.industry}
    present = {k: v for k, v in links.items() if v is not None}
    return repo.ChapterChanges(clean_props(p, props), clean_links(p, present))


async def _write(
    info: strawberry.Info[Context, None],
    operation: str,
    node_id: str | None,
    changes: repo.ChapterChanges,
    id_field: str = "id",
) -> Outcome[repo.ChapterRecord]:
    """Create (no `node_id`) or update a chapter with an audit entry, in one transaction."""
    scope = info.context.scope

    async def work(tx: Tx, actor: audit.Actor) -> repo.ChapterRecord:
        if node_id is None:
            before, after = None, await repo.create(tx, changes, scope)
        else:
            before, after = await repo.update(tx, node_id, changes, scope, id_field)
        await audit_records(tx, actor, operation, before, after)
        return after

    return await execute(info, work, duplicate_field="code")


def _chapter(out: Outcome[repo.ChapterRecord]) -> Chapter | None:
    return Chapter.from_record(out.value) if out.value else None


@strawberry.type
class ChaptersMutation:
    """Mutations of chapters (the alumni office only)."""

    @strawberry.mutation(description="Create a chapter.", permission_classes=[ADMINS])
    async def create_chapter(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[CreateChapterInput, strawberry.argument(description="The new chapter.")],
    ) -> CreateChapterPayload:
        """Validate, then create the chapter and its links."""
        p = Problems()
        changes = _new(p, input)
        if p:
            return CreateChapterPayload(chapter=None, user_errors=p.errors)
        out = await _write(info, "createChapter", None, changes)
        return CreateChapterPayload(chapter=_chapter(out), user_errors=out.errors)

    @strawberry.mutation(description="Change a chapter's fields and links.", permission_classes=[ADMINS])
    async def update_chapter(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[UpdateChapterInput, strawberry.argument(description="What to change.")],
    ) -> UpdateChapterPayload:
        """Validate the given fields, then change them; kind rules and the tree are checked after."""
        p = Problems()
        node_id = decode(p, "id", input.id, "Chapter")
        changes = _changes(p, input)
        if p:
            return UpdateChapterPayload(chapter=None, user_errors=p.errors)
        out = await _write(info, "updateChapter", node_id, changes)
        return UpdateChapterPayload(chapter=_chapter(out), user_errors=out.errors)

    @strawberry.mutation(
        description="Put a chapter under another (no cycles), or make it top-level.",
        permission_classes=[ADMINS],
    )
    async def set_chapter_parent(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[SetChapterParentInput, strawberry.argument(description="The chapter and parent.")],
    ) -> SetChapterParentPayload:
        """Replace the PART_OF link."""
        p = Problems()
        node_id = decode(p, "chapter", input.chapter, "Chapter")
        changes = repo.ChapterChanges({}, clean_links(p, {"parent": input.parent}))
        if p:
            return SetChapterParentPayload(chapter=None, user_errors=p.errors)
        out = await _write(info, "setChapterParent", node_id, changes, "chapter")
        return SetChapterParentPayload(chapter=_chapter(out), user_errors=out.errors)

    @strawberry.mutation(
        description="Delete a chapter; refused with IN_USE while members, sub-chapters or others point at it,"
        " unless `detach`.",
        permission_classes=[ADMINS],
    )
    async def delete_chapter(
        self,
        info: strawberry.Info[Context, None],
        input: Annotated[DeleteChapterInput, strawberry.argument(description="Which chapter.")],
    ) -> DeleteChapterPayload:
        """Delete with an audit entry."""
        deleted, errors = await delete_node(
            info, input.id, input.detach, Label.CHAPTER, access.CHAPTER, repo.REMOVAL
        )
        return DeleteChapterPayload(deleted_id=deleted, user_errors=errors)
