"""Writes of an alumnus's relationships: add, change and remove one tie, each behind its guards.

Every tie is one relationship per (alumnus, target) (CONTRIBUTING); KNOWS is one per unordered
pair. The alumnus must be in the caller's editing scope; the target must exist and, for
classes and colleges, also be in scope (a college officer links only to their own college).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core import access
from graph.core.db import Tx
from graph.core.errors import Rejected
from graph.core.scope import Scope


@dataclass(frozen=True)
class Tie:
    """One relationship type from an alumnus; `pattern` binds `a`, `r` and `t` (fixed text)."""

    noun: str
    field: str
    target: access.Target
    target_in_scope: bool
    pattern: LiteralString
    create: LiteralString

    @property
    def find(self) -> LiteralString:
        """The tie's properties, if it exists."""
        return "MATCH " + self.pattern + " RETURN properties(r) AS props"

    @property
    def delete(self) -> LiteralString:
        """Delete the tie, returning its properties."""
        return "MATCH " + self.pattern + " WITH r, properties(r) AS props DELETE r RETURN props"

    @property
    def change(self) -> LiteralString:
        """Set properties on the tie, returning them before and after."""
        return (
            "MATCH " + self.pattern + " WITH r, properties(r) AS before SET r += $props"
            " RETURN before, properties(r) AS after"
        )


def _tie(
    noun: str, field: str, target: access.Target, in_scope: bool, rel: LiteralString, label: LiteralString
) -> Tie:
    ends: LiteralString = "(a:Alumnus {id: $alumnus}), (t:" + label + " {id: $target})"
    arrow: LiteralString = "-[r:" + rel + "]-" if rel == "KNOWS" else "-[r:" + rel + "]->"
    return Tie(
        noun=noun,
        field=field,
        target=target,
        target_in_scope=in_scope,
        pattern="(a:Alumnus {id: $alumnus})" + arrow + "(t:" + label + " {id: $target})",
        create="MATCH " + ends + " CREATE (a)-[r:" + rel + "]->(t) SET r += $props",
    )


EDUCATION = _tie("education", "class", access.CLASS, True, "STUDIED_IN", "Class")
STAFF_ROLE = _tie("staff role", "college", access.COLLEGE, True, "WORKED_AT_SCHOOL", "College")
LIAISON = _tie("liaison", "class", access.CLASS, True, "LIAISON_FOR", "Class")
MEMBERSHIP = _tie("membership", "chapter", access.CHAPTER, False, "MEMBER_OF", "Chapter")
ACQUAINTANCE = _tie("acquaintance", "other", access.ALUMNUS, False, "KNOWS", "Alumnus")


async def guard(tx: Tx, tie: Tie, alumnus_id: str, target_id: str, scope: Scope) -> None:
    """Both ends exist; the alumnus (and a class or college) are the caller's to change."""
    await access.require(tx, access.ALUMNUS, alumnus_id, scope, "alumnus", edit=True)
    await access.require(tx, tie.target, target_id, scope, tie.field, edit=tie.target_in_scope)


async def add(
    tx: Tx, tie: Tie, alumnus_id: str, target_id: str, scope: Scope, props: dict[str, Any] | None = None
) -> None:
    """Record the tie; DUPLICATE when it already exists."""
    await guard(tx, tie, alumnus_id, target_id, scope)
    ends = {"alumnus": alumnus_id, "target": target_id}
    if await tx.row(tie.find, ends) is not None:
        raise Rejected(tie.field, "DUPLICATE", f"this {tie.noun} is already recorded")
    await tx.rows(tie.create, ends | {"props": props or {}})


async def change(
    tx: Tx, tie: Tie, alumnus_id: str, target_id: str, scope: Scope, props: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Set properties of an existing tie (None removes one); its properties before and after."""
    await guard(tx, tie, alumnus_id, target_id, scope)
    row = await tx.row(tie.change, {"alumnus": alumnus_id, "target": target_id, "props": props})
    if row is None:
        raise Rejected(tie.field, "NOT_FOUND", f"no such {tie.noun} is recorded")
    return dict(row["before"]), dict(row["after"])


async def remove(tx: Tx, tie: Tie, alumnus_id: str, target_id: str, scope: Scope) -> dict[str, Any]:
    """Delete the tie; NOT_FOUND when there is none. Returns its former properties."""
    await guard(tx, tie, alumnus_id, target_id, scope)
    row = await tx.row(tie.delete, {"alumnus": alumnus_id, "target": target_id})
    if row is None:
        raise Rejected(tie.field, "NOT_FOUND", f"no such {tie.noun} is recorded")
    return dict(row["props"])


_HOME: LiteralString = (
    "MATCH (a:Alumnus {id: $alumnus})"
    " OPTIONAL MATCH (a)-[old:LIVES_IN]->(was:Region)"
    " WITH a, collect(was.id) AS before, collect(old) AS olds"
    " FOREACH (o IN olds | DELETE o)"
    " WITH a, before CALL (a) { MATCH (c:Region {id: $region}) CREATE (a)-[:LIVES_IN]->(c) }"
    " RETURN before"
)


async def set_home(tx: Tx, alumnus_id: str, region_id: str | None, scope: Scope) -> list[str]:
    """Replace where the alumnus lives (None: unknown); returns the former region ids."""
    await access.require(tx, access.ALUMNUS, alumnus_id, scope, "alumnus", edit=True)
    if region_id is not None:
        await access.require(tx, access.REGION, region_id, scope, "region", edit=False)
    row = await tx.row(_HOME, {"alumnus": alumnus_id, "region": region_id})
    return list(row["before"]) if row else []
