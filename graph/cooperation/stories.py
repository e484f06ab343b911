"""Stories (DESIGN §7): records, the filtered list, the stories featuring a node, and what each
features. Stories are read by every role; an alumnus the caller may not see is left out of
what a story features (inside the statement)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core.db import Database, Row
from graph.core.pages import ListSpec, Related, by_ids_query
from graph.core.scope import ALUMNUS_VISIBLE

# What a story may feature, as (label, GraphQL type) — labels from this fixed list only.
FEATURE_LABELS: tuple[LiteralString, ...] = ("Alumnus", "Company", "Event", "Chapter", "College")


@dataclass(frozen=True)
class StoryRecord:
    """A story about alumni, alumni enterprises or events in the paper, on the website…"""

    id: str
    code: str
    title: str
    channel: str
    published_on: dt.date
    url: str | None
    summary: str | None


@dataclass(frozen=True)
class FeatureRef:
    """A node a story features: its label and id."""

    label: str
    id: str


@dataclass(frozen=True)
class StoryFilter:
    """Filters of the `stories` connection; None means 'any'."""

    channel: str | None = None
    feature_id: str | None = None
    published_from: dt.date | None = None
    published_to: dt.date | None = None

    def params(self) -> dict[str, Any]:
        """Statement parameters for the filter."""
        return {
            "channel": self.channel,
            "feature": self.feature_id,
            "from": self.published_from,
            "to": self.published_to,
        }


COLUMNS: LiteralString = (
    "n.id AS id, n.code AS code, n.title AS title, n.channel AS channel,"
    " n.publishedOn AS publishedOn, n.url AS url, n.summary AS summary"
)
_RETURN: LiteralString = " RETURN " + COLUMNS
_FILTER: LiteralString = (
    "MATCH (n:Story) WHERE ($channel IS NULL OR n.channel = $channel)"
    " AND ($feature IS NULL OR EXISTS { (n)-[:FEATURES]->({id: $feature}) })"
    " AND ($from IS NULL OR n.publishedOn >= $from) AND ($to IS NULL OR n.publishedOn <= $to)"
)


def story(row: Row) -> StoryRecord:
    """Map a row to a story."""
    return StoryRecord(
        id=row["id"],
        code=row["code"],
        title=row["title"],
        channel=row["channel"],
        published_on=row["publishedOn"].to_native(),
        url=row["url"],
        summary=row["summary"],
    )


STORIES = ListSpec(
    match=_FILTER,
    projection=_RETURN,
    sorts={"publishedOn": "publishedOn", "code": "code", "title": "title"},
    by_ids=by_ids_query("MATCH (n:Story {id: wanted})", _RETURN),
    record=story,
)


def _featuring(label: LiteralString) -> Related:
    return Related(
        inner="MATCH (:" + label + " {id: owner})<-[:FEATURES]-(n:Story) WHERE true",
        carry="n",
        key="toString(n.publishedOn) + n.code",
        tie="n.id",
        columns=COLUMNS,
        descending=True,
    )


# Stories featuring each owner of one label, newest first, paged per owner.
FEATURING: dict[str, Related] = {label: _featuring(label) for label in FEATURE_LABELS}

# What each story features; `n` is the featured node, so the alumni predicate applies unchanged.
_FEATURES: LiteralString = (
    "UNWIND $ids AS owner MATCH (:Story {id: owner})-[:FEATURES]->(n)"
    " WHERE NOT n:Alumnus OR " + ALUMNUS_VISIBLE
    + " WITH owner, n, [l IN labels(n) WHERE l IN $labels][0] AS label"
    " ORDER BY label, coalesce(n.name, n.code)"
    " RETURN owner, label, n.id AS id"
)  # fmt: skip


async def features_of(
    db: Database, story_ids: list[str], scope: dict[str, Any]
) -> dict[str, list[FeatureRef]]:
    """What each story features that the caller may see, for many stories in one statement."""
    rows = await db.read_rows(_FEATURES, {"ids": story_ids, "scope": scope, "labels": list(FEATURE_LABELS)})
    out: dict[str, list[FeatureRef]] = {i: [] for i in story_ids}
    for r in rows:
        out[r["owner"]].append(FeatureRef(r["label"], r["id"]))
    return out
