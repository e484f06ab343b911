"""`duplicateCandidates` and `mergeAlumni`: finding alumni recorded twice and merging them."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph.core import audit
from graph.core.db import Tx
from graph.people import dedup as repo
from graph.people.dedup import DuplicateRule
from graph.people.relocation import SELF_LOOPS
from schema.core.context import Context
from schema.core.errors import UserError, UserErrorCode, bad_input
from schema.core.inputs import ADMINS, EDITORS, decode, load_or_none
from schema.core.mutations import Problems, execute
from schema.core.relay import to_global_id
from schema.people.alumni.types import Alumnus, alumnus_by_id

Info = strawberry.Info[Context, None]

strawberry.enum(
    DuplicateRule,
    description=(
        "Why alumni look like one person: the same email (trimmed, any case), the same phone"
        " (a Chinese mobile with or without +86), or the same name and birth year."
    ),
)


@strawberry.type(description="Alumni who may be one person recorded more than once.")
class DuplicateGroup:
    """One candidate group."""

    rule: DuplicateRule = strawberry.field(description="What the alumni of the group share.")
    size: int = strawberry.field(description="How many alumni you may see share it.")
    ids: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description=f"The alumni, by student number (at most {repo.GROUP_SIZE}).")
    async def alumni(self, info: Info) -> list[Alumnus]:
        """The group's alumni (one batched, scoped read for every group of the request)."""
        found = await info.context.loaders.alumnus.load_many(list(self.ids))
        return [Alumnus.from_record(rec) for rec in found if rec is not None]


@strawberry.input(description="Which alumni to merge into which.")
class MergeAlumniInput:
    """Input of mergeAlumni."""

    keep: strawberry.ID = strawberry.field(description="The alumnus that stays.")
    merge: list[strawberry.ID] = strawberry.field(
        description=f"The alumni merged into it and then deleted (1 to {repo.MAX_MERGE})."
    )


@strawberry.type(description="Result of mergeAlumni.")
class MergeAlumniPayload:
    """Payload of mergeAlumni."""

    alumnus: Alumnus | None = strawberry.field(
        description="The kept alumnus after the merge, unless refused."
    )
    merged_ids: list[strawberry.ID] = strawberry.field(description="IDs of the alumni merged and deleted.")
    relationships_moved: int = strawberry.field(
        description="Relationships handled: moved to the kept alumnus or combined with one it had."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why the input was refused; empty on success."
    )


def validate_merge(data: MergeAlumniInput) -> tuple[str, list[str], Problems]:
    """The kept id, the distinct merged ids, and any problems with them."""
    p = Problems()
    keep = decode(p, "keep", data.keep, "Alumnus")
    merged = [decode(p, f"merge.{i}", g, "Alumnus") for i, g in enumerate(data.merge)]
    if not merged:
        p.add("merge", UserErrorCode.REQUIRED, "give at least one alumnus to merge")
    if len(set(merged)) > repo.MAX_MERGE:
        p.add("merge", UserErrorCode.OUT_OF_RANGE, f"merge at most {repo.MAX_MERGE} alumni at a time")
    for i, node_id in enumerate(merged):
        if node_id and node_id == keep:
            p.add(f"merge.{i}", UserErrorCode.INVALID, "the kept alumnus cannot be merged into itself")
    return keep, list(dict.fromkeys(merged)), p


@strawberry.type
class DedupQuery:
    """Root field of duplicate detection."""

    @strawberry.field(
        description=(
            "Groups of alumni you may see who share an email, a phone, or a name and birth year:"
            " email groups first, then phone, then name; larger groups first within a rule."
        ),
        permission_classes=[EDITORS],
    )
    async def duplicate_candidates(
        self,
        info: Info,
        first: Annotated[
            int, strawberry.argument(description=f"How many groups, at most {repo.MAX_GROUPS}.")
        ] = 50,
        rules: Annotated[
            list[DuplicateRule] | None, strawberry.argument(description="Only these rules (default: all).")
        ] = None,
    ) -> list[DuplicateGroup]:
        """Candidate groups, one statement (plus one for their alumni)."""
        if first < 0 or first > repo.MAX_GROUPS:
            raise bad_input(f"first must be between 0 and {repo.MAX_GROUPS}")
        chosen = tuple(rules) if rules else tuple(DuplicateRule)
        groups = await repo.candidates(info.context.db, info.context.scope, first, chosen)
        return [DuplicateGroup(rule=g.rule, size=g.size, ids=g.alumni_ids) for g in groups]


@strawberry.type
class DedupMutation:
    """Merging duplicate alumni."""

    @strawberry.mutation(
        description=(
            "Merge alumni into one, in one transaction: every relationship moves to the kept"
            " alumnus (ties it already has are combined, not duplicated), its empty properties are"
            " filled (set values stay; kinds and notable are united), the merged external ids are"
            " added to its `mergedFrom`, the merge is audited, and the merged alumni are deleted."
        ),
        permission_classes=[ADMINS],
    )
    async def merge_alumni(
        self,
        info: Info,
        input: Annotated[MergeAlumniInput, strawberry.argument(description="Who stays, who merges.")],
    ) -> MergeAlumniPayload:
        """Validate, then merge with an audit entry; nothing changes when refused."""
        keep, merged, p = validate_merge(input)
        if p:
            return MergeAlumniPayload(
                alumnus=None, merged_ids=[], relationships_moved=0, user_errors=p.errors
            )

        async def work(tx: Tx, actor: audit.Actor) -> int:
            moved = await repo.merge(tx, actor, keep, merged)
            return sum(n for rel, n in moved.items() if rel != SELF_LOOPS)

        out = await execute(info, work)
        if out.value is None:
            return MergeAlumniPayload(
                alumnus=None, merged_ids=[], relationships_moved=0, user_errors=out.errors
            )
        return MergeAlumniPayload(
            alumnus=await load_or_none(info, keep, alumnus_by_id),
            merged_ids=[to_global_id("Alumnus", m) for m in merged],
            relationships_moved=out.value,
            user_errors=[],
        )
