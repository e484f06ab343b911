"""Writing stories: create, update (features replaced as given) and delete, inside one transaction."""

from __future__ import annotations

from typing import Any, LiteralString

from graph.cooperation.stories import COLUMNS, FEATURE_LABELS, FeatureRef, StoryRecord, story
from graph.core import access
from graph.core.db import Tx
from graph.core.errors import Rejected
from graph.core.scope import Scope

# `n` is a Story: the office edits any; a college officer those that feature their college, one
# of its chapters or one of its people (the stories that count for the college, staff included).
STORY_EDIT: LiteralString = (
    "($scope.all OR ($scope.college IS NOT NULL AND EXISTS { MATCH (n)-[:FEATURES]->(x)"
    " WHERE (x:College AND x.code = $scope.college)"
    " OR (x:Chapter AND EXISTS { (x)-[:OF_COLLEGE]->(:College {code: $scope.college}) })"
    " OR (x:Alumnus AND (EXISTS {"
    " (x)-[:STUDIED_IN]->(:Class)-[:OF_COLLEGE]->(:College {code: $scope.college}) }"
    " OR EXISTS { (x)-[:WORKED_AT_SCHOOL]->(:College {code: $scope.college}) })) }))"
)
STORY = access.Target("story", "MATCH (n:Story {id: $id}) RETURN " + STORY_EDIT + " AS editable")
STORY_REMOVAL = access.Removal(
    "story",
    # what it features goes with it; nothing points at a story
    "MATCH (n:Story {id: $id})<-[r]-() RETURN type(r) AS type, false AS hard, count(r) AS total",
    "MATCH (n:Story {id: $id}) WITH n, properties(n) AS props DETACH DELETE n RETURN props",
)

_GET: LiteralString = "MATCH (n:Story {id: $id}) RETURN " + COLUMNS
_CODE: LiteralString = "MATCH (n:Story {code: $code}) RETURN n.id AS id"
_CREATE: LiteralString = (
    "CREATE (n:Story {id: randomUUID(), createdAt: datetime(), updatedAt: datetime()})"
    " SET n += $props RETURN n.id AS id"
)
_UPDATE: LiteralString = "MATCH (n:Story {id: $id}) SET n += $props, n.updatedAt = datetime()"
_CLEAR: LiteralString = "MATCH (n:Story {id: $id})-[old:FEATURES]->() DELETE old"
_FEATURE: dict[str, LiteralString] = {
    label: "MATCH (n:Story {id: $id}), (x:" + label + " {id: $target}) MERGE (n)-[:FEATURES]->(x)"
    for label in FEATURE_LABELS
}
# What a story features, as "Label:key" (natural keys: what an audit entry should name).
_FEATURE_KEYS: LiteralString = (
    "MATCH (:Story {id: $id})-[:FEATURES]->(x)"
    " WITH [l IN labels(x) WHERE l IN $labels][0] + ':' + coalesce(x.externalId, x.creditCode, x.code) AS key"
    " RETURN key ORDER BY key"
)
_EXISTS: dict[str, LiteralString] = {
    label: "MATCH (x:" + label + " {id: $id}) RETURN x.id AS id" for label in FEATURE_LABELS
}


async def feature_keys(tx: Tx, story_id: str) -> list[str]:
    """What the story features, as sorted "Label:natural key" strings (for the audit trail)."""
    rows = await tx.rows(_FEATURE_KEYS, {"id": story_id, "labels": list(FEATURE_LABELS)})
    return [r["key"] for r in rows]


async def get(tx: Tx, story_id: str) -> StoryRecord:
    """One story inside a transaction (NOT_FOUND when absent)."""
    row = await tx.row(_GET, {"id": story_id})
    if row is None:
        raise Rejected("id", "NOT_FOUND", "no story with this ID")
    return story(row)


async def create(tx: Tx, props: dict[str, Any], features: list[FeatureRef], scope: Scope) -> StoryRecord:
    """Create a story with what it features (at least one node)."""
    await _check_code(tx, props["code"], None)
    row = await tx.row(_CREATE, {"props": props})
    assert row is not None
    await _set_features(tx, row["id"], features, scope)
    return await _finish(tx, row["id"], scope)


async def update(
    tx: Tx, story_id: str, props: dict[str, Any], features: list[FeatureRef] | None, scope: Scope
) -> tuple[StoryRecord, StoryRecord]:
    """Change the given properties and, when given, what the story features."""
    await access.require(tx, STORY, story_id, scope, "id", edit=True)
    before = await get(tx, story_id)
    if "code" in props:
        await _check_code(tx, props["code"], story_id)
    await tx.rows(_UPDATE, {"id": story_id, "props": props})
    if features is not None:
        await tx.rows(_CLEAR, {"id": story_id})
        await _set_features(tx, story_id, features, scope)
    return before, await _finish(tx, story_id, scope)


async def _set_features(tx: Tx, story_id: str, features: list[FeatureRef], scope: Scope) -> None:
    if not features:
        raise Rejected("features", "REQUIRED", "a story features at least one node")
    for ref in features:
        if ref.label == "Alumnus":
            await access.require(tx, access.ALUMNUS, ref.id, scope, "features", edit=False)
        elif await tx.row(_EXISTS[ref.label], {"id": ref.id}) is None:
            raise Rejected("features", "NOT_FOUND", f"no {ref.label.lower()} with this ID")
        await tx.rows(_FEATURE[ref.label], {"id": story_id, "target": ref.id})


async def _finish(tx: Tx, story_id: str, scope: Scope) -> StoryRecord:
    row = await tx.row(STORY.query, {"id": story_id, "scope": scope.params()})
    if row is None or not row["editable"]:
        raise Rejected(
            "features", "FORBIDDEN", "a college officer records only stories about their own college"
        )
    return await get(tx, story_id)


async def _check_code(tx: Tx, code: str, own_id: str | None) -> None:
    row = await tx.row(_CODE, {"code": code})
    if row is not None and row["id"] != own_id:
        raise Rejected("code", "DUPLICATE", f"the code {code} is already taken")
