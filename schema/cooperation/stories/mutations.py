"""Mutations of stories: create, update and delete (the office, or a college officer for stories
that feature their college, one of its chapters or one of its people)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry

from graph.cooperation import story_writes as writes
from graph.cooperation.stories import FEATURE_LABELS, FeatureRef, StoryRecord
from graph.core import audit
from graph.core.db import Tx
from graph.core.model import Label, StoryChannel
from schema.cooperation.stories.types import Story, story_by_id
from schema.core.context import Context
from schema.core.errors import ApiError, UserError, UserErrorCode
from schema.core.inputs import (
    EDITORS,
    DeleteInput,
    DeletePayload,
    check_code,
    check_text,
    decode,
    delete_node,
    given,
    load_or_none,
)
from schema.core.mutations import Problems, execute
from schema.core.relay import expected_id, from_global_id

Info = strawberry.Info[Context, None]


@strawberry.input(description="A new story.")
class CreateStoryInput:
    """Input of createStory."""

    code: str = strawberry.field(description="Unique story code.")
    title: str = strawberry.field(description="Headline.")
    channel: StoryChannel = strawberry.field(description="Where it was published.")
    published_on: dt.date = strawberry.field(description="Day of publication.")
    features: list[strawberry.ID] = strawberry.field(
        description="What it features (at least one): alumni, companies, events, chapters, colleges."
    )
    url: str | None = strawberry.field(default=None, description="Where to read it online.")
    summary: str | None = strawberry.field(default=None, description="A few lines about it.")


@strawberry.input(
    description="Changes to a story: only the fields given change; `features` replaces the old list."
)
class UpdateStoryInput:
    """Input of updateStory."""

    id: strawberry.ID = strawberry.field(description="The story to change.")
    code: strawberry.Maybe[str | None] = strawberry.field(description="New unique code.")
    title: strawberry.Maybe[str | None] = strawberry.field(description="New headline.")
    channel: strawberry.Maybe[StoryChannel | None] = strawberry.field(description="New channel.")
    published_on: strawberry.Maybe[dt.date | None] = strawberry.field(description="New day of publication.")
    url: strawberry.Maybe[str | None] = strawberry.field(description="New address; null clears it.")
    summary: strawberry.Maybe[str | None] = strawberry.field(description="New summary; null clears it.")
    features: strawberry.Maybe[list[strawberry.ID] | None] = strawberry.field(
        description="What it features now."
    )


@strawberry.type(description="Result of createStory and updateStory.")
class StoryPayload:
    """Base of the story payloads."""

    story: Story | None = strawberry.field(description="The story as stored, unless refused.")
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


@strawberry.type(description="Result of createStory.")
class CreateStoryPayload(StoryPayload):
    """Payload of createStory."""


@strawberry.type(description="Result of updateStory.")
class UpdateStoryPayload(StoryPayload):
    """Payload of updateStory."""


@strawberry.input(description="The story to delete (what it features stays).")
class DeleteStoryInput(DeleteInput):
    """Input of deleteStory."""


@strawberry.type(description="Result of deleteStory.")
class DeleteStoryPayload(DeletePayload):
    """Payload of deleteStory."""


def _props(p: Problems, fields: dict[str, Any]) -> dict[str, Any]:
    """Checked node properties from the given input fields (camelCase, as stored)."""
    props: dict[str, Any] = {}
    for name, value in fields.items():
        if value is None and name not in ("url", "summary"):
            p.add(
                "publishedOn" if name == "published_on" else name, UserErrorCode.REQUIRED, "cannot be cleared"
            )
        elif name == "code":
            props["code"] = check_code(p, "code", value)
        elif name == "title":
            props["title"] = check_text(p, "title", value)
        elif name == "channel":
            props["channel"] = value.value
        elif name == "published_on":
            props["publishedOn"] = value
        elif value is None:
            props[name] = None
        else:  # url, summary
            props[name] = check_text(p, name, value, 500 if name == "url" else 2000)
    return props


def _features(p: Problems, ids: list[strawberry.ID]) -> list[FeatureRef]:
    """Decoded feature IDs (INVALID for a type a story cannot feature; REQUIRED when none)."""
    refs: list[FeatureRef] = []
    for global_id in ids:
        try:
            type_name, node_id = from_global_id(global_id)
        except ApiError:
            type_name, node_id = "", ""
        if type_name not in FEATURE_LABELS:
            p.add("features", UserErrorCode.INVALID, expected_id(*FEATURE_LABELS))
        else:
            refs.append(FeatureRef(type_name, node_id))
    if not ids:
        p.add("features", UserErrorCode.REQUIRED, "a story features at least one node")
    return refs


async def _audit(
    tx: Tx, actor: audit.Actor, operation: str, before: tuple[dict[str, Any], list[str]], after: StoryRecord
) -> None:
    """Audit a create or update with what the story features before and after, by natural key."""
    old = {k: v for k, v in before[0].items() if k != "id"} | ({"features": before[1]} if before[0] else {})
    new = {k: v for k, v in vars(after).items() if k != "id"} | {
        "features": await writes.feature_keys(tx, after.id)
    }
    await audit.record(tx, actor, audit.Change(operation, [after.id], old, new))


async def _payload(info: Info, rec: StoryRecord | None) -> Story | None:
    return await load_or_none(info, rec.id if rec else None, story_by_id)


@strawberry.type
class StoryMutations:
    """Mutations of stories."""

    @strawberry.mutation(description="Record a published story.", permission_classes=[EDITORS])
    async def create_story(
        self, info: Info, input: Annotated[CreateStoryInput, strawberry.argument(description="The story.")]
    ) -> CreateStoryPayload:
        """Validate, then create it with what it features and an audit entry."""
        p = Problems()
        props = _props(
            p, {k: getattr(input, k) for k in ("code", "title", "channel", "published_on", "url", "summary")}
        )
        features = _features(p, input.features)
        if p:
            return CreateStoryPayload(story=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> StoryRecord:
            rec = await writes.create(tx, props, features, scope)
            await _audit(tx, actor, "createStory", ({}, []), rec)
            return rec

        out = await execute(info, work, duplicate_field="code")
        return CreateStoryPayload(story=await _payload(info, out.value), user_errors=out.errors)

    @strawberry.mutation(description="Change a story.", permission_classes=[EDITORS])
    async def update_story(
        self, info: Info, input: Annotated[UpdateStoryInput, strawberry.argument(description="Changes.")]
    ) -> UpdateStoryPayload:
        """Validate the given fields, then change them with an audit entry."""
        p = Problems()
        node_id = decode(p, "id", input.id, "Story")
        props = _props(
            p,
            given(
                code=input.code, title=input.title, channel=input.channel,
                published_on=input.published_on, url=input.url, summary=input.summary,
            ),
        )  # fmt: skip
        features = _features(p, input.features.value or []) if input.features is not None else None
        if p:
            return UpdateStoryPayload(story=None, user_errors=p.errors)
        scope = info.context.scope

        async def work(tx: Tx, actor: audit.Actor) -> StoryRecord:
            old_features = await writes.feature_keys(tx, node_id)
            before, after = await writes.update(tx, node_id, props, features, scope)
            await _audit(tx, actor, "updateStory", (vars(before), old_features), after)
            return after

        out = await execute(info, work, duplicate_field="code")
        return UpdateStoryPayload(story=await _payload(info, out.value), user_errors=out.errors)

    @strawberry.mutation(description="Delete a story.", permission_classes=[EDITORS])
    async def delete_story(
        self, info: Info, input: Annotated[DeleteStoryInput, strawberry.argument(description="Which story.")]
    ) -> DeleteStoryPayload:
        """Delete with an audit entry."""
        deleted, errors = await delete_node(
            info, input.id, input.detach, Label.STORY, writes.STORY, writes.STORY_REMOVAL
        )
        return DeleteStoryPayload(deleted_id=deleted, user_errors=errors)
