"""GraphQL type and list of stories (DESIGN §7), and the `stories` field of the featured types.

`stories` on Alumnus, Company, Event, Chapter and College is `story_field(label)`, attached there
with `strawberry.field(resolver=...)`; this module is imported lazily by them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Annotated, TypeAlias, Union

import strawberry

from graph.cooperation import stories as repo
from graph.core.model import StoryChannel
from graph.core.pages import Order
from schema.core.context import Context
from schema.core.errors import bad_input
from schema.core.permissions import IsAuthenticated
from schema.core.registry import resolve
from schema.core.relay import (
    After,
    Connection,
    Descending,
    First,
    Node,
    expected_id,
    from_global_id,
    ordered_connection,
    page_args,
    related_connection,
    to_global_id,
)

Info = strawberry.Info[Context, None]
strawberry.enum(StoryChannel, description="Where a story was published.")

if TYPE_CHECKING:
    from schema.careers.companies.types import Company
    from schema.chapters.types import Chapter
    from schema.engagement.events.types import Event
    from schema.institutions.types import College
    from schema.people.alumni.types import Alumnus

    StoryFeature: TypeAlias = Alumnus | Company | Event | Chapter | College
else:
    StoryFeature = Annotated[
        Union[  # noqa: UP007  (a LazyType does not support |)
            strawberry.LazyType("Alumnus", "schema.people.alumni.types"),
            strawberry.LazyType("Company", "schema.careers.companies.types"),
            strawberry.LazyType("Event", "schema.engagement.events.types"),
            strawberry.LazyType("Chapter", "schema.chapters.types"),
            strawberry.LazyType("College", "schema.institutions.types"),
        ],
        strawberry.union(
            "StoryFeature",
            description="What a story features: an alumnus, company, event, chapter or college.",
        ),
    ]


async def load_story(info: Info, node_id: str) -> repo.StoryRecord | None:
    """A story by id (batched per request)."""
    loader = info.context.loaders.story
    found: repo.StoryRecord | None = await loader.load(node_id)
    return found


@strawberry.type(
    description="A story about alumni, alumni enterprises or events: in the paper, on the website, in "
    "the magazine or on the WeChat account."
)
class Story(Node):
    """A story; its natural key is `code`."""

    code: str = strawberry.field(description="Unique story code.")
    title: str = strawberry.field(description="Headline.")
    channel: StoryChannel = strawberry.field(description="Where it was published.")
    published_on: dt.date = strawberry.field(description="Day of publication.")
    url: str | None = strawberry.field(description="Where to read it online.")
    summary: str | None = strawberry.field(description="A few lines about it.")
    node_id: strawberry.Private[str]

    @classmethod
    def from_record(cls, rec: repo.StoryRecord) -> Story:
        """Build from a repository record."""
        return cls(
            id=to_global_id("Story", rec.id),
            node_id=rec.id,
            code=rec.code,
            title=rec.title,
            channel=StoryChannel(rec.channel),
            published_on=rec.published_on,
            url=rec.url,
            summary=rec.summary,
        )

    @strawberry.field(
        description="What the story features, by kind then name; alumni outside your scope are left out."
    )
    async def features(self, info: Info) -> list[StoryFeature]:
        """Featured nodes (one statement for every story of the request, then one per type)."""
        loader = info.context.loaders.story_features
        refs: list[repo.FeatureRef] = await loader.load(self.node_id)
        found = await asyncio.gather(*(resolve(info, ref.label, ref.id) for ref in refs))
        return [f for f in found if f is not None]


@strawberry.enum(description="Orders of the stories list.")
class StorySort(Enum):
    """Sort keys (value: the sorted property)."""

    PUBLISHED_ON = "publishedOn"
    CODE = "code"
    TITLE = "title"


@strawberry.input(description="Filters of the stories list; all given filters must hold.")
class StoryFilter:
    """Story filter."""

    channel: StoryChannel | None = strawberry.field(default=None, description="Only this channel.")
    features: strawberry.ID | None = strawberry.field(
        default=None, description="Only stories featuring this alumnus, company, event, chapter or college."
    )
    published_from: dt.date | None = strawberry.field(
        default=None, description="Published on or after this day."
    )
    published_to: dt.date | None = strawberry.field(
        default=None, description="Published on or before this day."
    )

    def to_repo(self) -> repo.StoryFilter:
        """The repository filter (IDs decoded)."""
        return repo.StoryFilter(
            channel=self.channel.value if self.channel else None,
            feature_id=feature_id(self.features) if self.features else None,
            published_from=self.published_from,
            published_to=self.published_to,
        )


def feature_id(global_id: str) -> str:
    """The node id of an ID of a type a story can feature (BAD_USER_INPUT otherwise)."""
    type_name, node_id = from_global_id(global_id)
    if type_name not in repo.FEATURE_LABELS:
        raise bad_input(expected_id(*repo.FEATURE_LABELS))
    return node_id


@strawberry.type
class StoriesQuery:
    """Root field of stories."""

    @strawberry.field(
        description="Published stories, keyset-paginated.", permission_classes=[IsAuthenticated]
    )
    async def stories(
        self,
        info: Info,
        first: First = 20,
        after: After = None,
        filter: Annotated[StoryFilter | None, strawberry.argument(description="Filters.")] = None,
        order_by: Annotated[StorySort, strawberry.argument(description="Sort key.")] = StorySort.PUBLISHED_ON,
        descending: Descending = False,
    ) -> Connection[Story]:
        """List stories."""
        first, cursor = page_args(first, after)
        params = (filter or StoryFilter()).to_repo().params()
        order = Order(order_by.value, descending, dated=order_by is StorySort.PUBLISHED_ON)
        return await ordered_connection(
            info.context.db, repo.STORIES, params, order, (first, cursor), Story.from_record
        )


async def story_by_id(info: Info, node_id: str) -> Story | None:
    """Resolve `node(id:)` for stories."""
    rec = await load_story(info, node_id)
    return Story.from_record(rec) if rec else None


async def featuring(info: Info, label: str, owner: str, page: tuple[int, str | None]) -> Connection[Story]:
    """Stories featuring one node of `label`, newest first (one statement per page level)."""
    convert = lambda row: Story.from_record(repo.story(row))  # noqa: E731
    return await related_connection(info, f"stories:{label}", repo.FEATURING[label], owner, page, convert)
