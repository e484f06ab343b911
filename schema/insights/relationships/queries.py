"""The relationship queries of DESIGN §4 (introductions, reunions, chapters, notable alumni, network)."""

from __future__ import annotations

import asyncio
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from graph.core.model import Label
from graph.insights import cohorts, network, paths
from schema.core.context import Context
from schema.core.errors import bad_input
from schema.core.lookahead import selects
from schema.core.permissions import Role, require_roles
from schema.core.registry import resolve
from schema.core.relay import Node, expect_id, from_global_id, to_global_id

if TYPE_CHECKING:
    from schema.chapters.types import Chapter
    from schema.institutions.types import Class_
    from schema.people.alumni.types import Alumnus

LazyAlumnus = Annotated["Alumnus", strawberry.lazy("schema.people.alumni.types")]
LazyChapter = Annotated["Chapter", strawberry.lazy("schema.chapters.types")]
LazyClass = Annotated["Class_", strawberry.lazy("schema.institutions.types")]

STAFF = (Role.ADMIN, Role.FUNDRAISER, Role.COLLEGE_OFFICER, Role.CHAPTER_ORGANIZER)


async def _alumnus(info: strawberry.Info[Context, None], node_id: str) -> Alumnus | None:
    result: Alumnus | None = await resolve(info, "Alumnus", node_id)
    return result


async def _classes(info: strawberry.Info[Context, None], ids: list[str]) -> dict[str, Class_]:
    """Classes by id, one batch (those that do not exist are absent)."""
    from schema.institutions.types import Class_

    records = await info.context.loaders.class_.load_many(ids)
    return {i: Class_.from_record(r) for i, r in zip(ids, records, strict=True) if r is not None}


async def _alumni(info: strawberry.Info[Context, None], ids: list[str]) -> dict[str, Alumnus]:
    """Alumni by id visible to the caller, one batch (the others are absent)."""
    from schema.people.alumni.types import Alumnus

    records = await info.context.loaders.alumnus.load_many(ids)
    return {i: Alumnus.from_record(r) for i, r in zip(ids, records, strict=True) if r is not None}


@strawberry.enum(description="What connects two alumni in an introduction path.")
class TieKind(Enum):
    """Acquaintance ties."""

    KNOWS = "KNOWS"
    CLASSMATE = "CLASSMATE"
    COLLEAGUE = "COLLEAGUE"
    CHAPTER = "CHAPTER"


@strawberry.type(description="One hop of an introduction path.")
class IntroductionStep:
    """From one alumnus to the next."""

    tie: TieKind = strawberry.field(description="KNOWS, CLASSMATE, COLLEAGUE or CHAPTER.")
    from_id: strawberry.Private[str]
    to_id: strawberry.Private[str]
    via_id: strawberry.Private[str | None]
    via_label: strawberry.Private[str | None]

    @strawberry.field(name="from", description="The alumnus who introduces.")
    async def from_(self, info: strawberry.Info[Context, None]) -> LazyAlumnus | None:
        """First alumnus of the hop."""
        return await _alumnus(info, self.from_id)

    @strawberry.field(description="The alumnus introduced.")
    async def to(self, info: strawberry.Info[Context, None]) -> LazyAlumnus | None:
        """Second alumnus of the hop."""
        return await _alumnus(info, self.to_id)

    @strawberry.field(description="The class, company or chapter they share (null for KNOWS).")
    async def via(self, info: strawberry.Info[Context, None]) -> Node | None:
        """The shared class, company or chapter."""
        if self.via_id is None or self.via_label is None:
            return None
        found: Node | None = await resolve(info, self.via_label, self.via_id)
        return found


@strawberry.type(description="A warm-introduction path between two alumni.")
class IntroductionPath:
    """A shortest chain of acquaintances."""

    hops: int = strawberry.field(description="Number of steps.")
    steps: list[IntroductionStep] = strawberry.field(
        description="The steps, from the first alumnus to the last."
    )


@strawberry.type(description="A class celebrating a reunion anniversary in a year.")
class ReunionClass:
    """A reunion class with its reach."""

    anniversary: int = strawberry.field(description="Years since graduation.")
    alumni_count: int = strawberry.field(description="Alumni of the class (visible to you).")
    contactable_count: int = strawberry.field(
        description="Of them, with email or phone and consent to contact."
    )
    class_: LazyClass | None = strawberry.field(name="class", description="The class.")
    liaisons: list[LazyAlumnus] = strawberry.field(description="The class liaisons.")


@strawberry.enum(description="Why a chapter is recommended.")
class RecommendationReason(Enum):
    """Kinds of recommendation."""

    REGIONAL = "REGIONAL"
    COLLEGE = "COLLEGE"
    INDUSTRY = "INDUSTRY"


@strawberry.type(description="A chapter an alumnus could join, and why.")
class ChapterRecommendation:
    """A recommended chapter."""

    rank: int = strawberry.field(description="1 for the best recommendation.")
    reason: RecommendationReason = strawberry.field(
        description="Region where they live, college, or employer's industry."
    )
    chapter_id: strawberry.Private[str]
    basis_id: strawberry.Private[str]

    @strawberry.field(description="The chapter.")
    async def chapter(self, info: strawberry.Info[Context, None]) -> LazyChapter | None:
        """The recommended chapter."""
        found: Chapter | None = await resolve(info, "Chapter", self.chapter_id)
        return found

    @strawberry.field(description="The region, college or industry the recommendation rests on.")
    async def basis(self, info: strawberry.Info[Context, None]) -> Node | None:
        """What the recommendation is based on."""
        label = {"REGIONAL": "Region", "COLLEGE": "College", "INDUSTRY": "Industry"}[self.reason.value]
        found: Node | None = await resolve(info, label, self.basis_id)
        return found


@strawberry.type(description="A notable alumnus nobody has contacted recently.")
class NotableDue:
    """A row of notableAlumniDue."""

    last_interaction_on: date | None = strawberry.field(
        description="Last contact before the reference date; null if never."
    )
    alumnus_id: strawberry.Private[str]

    @strawberry.field(description="The notable alumnus.")
    async def alumnus(self, info: strawberry.Info[Context, None]) -> LazyAlumnus | None:
        """The alumnus."""
        return await _alumnus(info, self.alumnus_id)


@strawberry.type(description="A node of a network drawing.")
class NetworkNode:
    """A node."""

    id: strawberry.ID = strawberry.field(description="Global ID (usable with node(id:) for API types).")
    type: str = strawberry.field(description="The node's label, e.g. Alumnus or Company.")
    name: str | None = strawberry.field(description="A display name.")


@strawberry.type(description="A relationship of a network drawing.")
class NetworkEdge:
    """An edge, directed as stored."""

    source: strawberry.ID = strawberry.field(description="Global ID of the start node.")
    target: strawberry.ID = strawberry.field(description="Global ID of the end node.")
    type: str = strawberry.field(description="Relationship type, e.g. WORKS_AT.")


@strawberry.type(description="The neighbourhood of a node, for drawing.")
class Network:
    """Nodes and edges."""

    nodes: list[NetworkNode] = strawberry.field(description="Nodes, the centre first, nearest first.")
    edges: list[NetworkEdge] = strawberry.field(description="Relationships between the nodes.")


def reunion_anniversaries(year: int, anniversaries: list[int] | None) -> list[int]:
    """reunionClasses' arguments checked (BAD_USER_INPUT), the anniversaries defaulted (shared with
    schema.compiled)."""
    wanted = anniversaries if anniversaries is not None else [10, 20, 30, 40, 50, 60]
    _check(1900 <= year <= 2200, "year must be between 1900 and 2200")
    _check(
        0 < len(wanted) <= 20 and all(0 < n <= 100 for n in wanted),
        "give 1–20 anniversaries between 1 and 100",
    )
    return wanted


def introduction_arguments(from_: str, to: str, max_hops: int, first: int) -> tuple[str, str]:
    """introductionPaths' arguments checked (BAD_USER_INPUT): the two alumni's ids (shared with
    schema.compiled)."""
    _check(1 <= max_hops <= paths.MAX_HOPS, f"maxHops must be between 1 and {paths.MAX_HOPS}")
    _check(1 <= first <= 10, "first must be between 1 and 10")
    source, target = expect_id(from_, "Alumnus"), expect_id(to, "Alumnus")
    _check(source != target, "from and to must be different alumni")
    return source, target


def network_arguments(center: str, depth: int, limit: int) -> tuple[Label, str]:
    """network's arguments checked (BAD_USER_INPUT): the centre's label and id (shared with
    schema.compiled)."""
    _check(1 <= depth <= network.MAX_DEPTH, f"depth must be between 1 and {network.MAX_DEPTH}")
    _check(1 <= limit <= network.MAX_LIMIT, f"limit must be between 1 and {network.MAX_LIMIT}")
    type_name, node_id = from_global_id(center)
    return _label(type_name), node_id


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise bad_input(message)


def _label(type_name: str) -> Label:
    try:
        return Label(type_name)
    except ValueError as exc:
        raise bad_input(
            "network centres are alumni, colleges, classes, chapters, companies, industries, "
            "regions, events, funds, donations, interactions or awards"
        ) from exc


def _network(nodes: list[network.NetNode], edges: list[network.NetEdge]) -> Network:
    ids = {n.key: to_global_id(n.label, n.id) for n in nodes}
    return Network(
        nodes=[NetworkNode(id=ids[n.key], type=n.label, name=n.name) for n in nodes],
        edges=[NetworkEdge(source=ids[e.source], target=ids[e.target], type=e.type) for e in edges],
    )


@strawberry.type
class InsightsQuery:
    """Root fields of the relationship queries."""

    @strawberry.field(
        description="Shortest warm-introduction paths between two alumni (fewest hops first).",
        permission_classes=[require_roles(*STAFF)],
    )
    async def introduction_paths(
        self,
        info: strawberry.Info[Context, None],
        from_: Annotated[
            strawberry.ID,
            strawberry.argument(name="from", description="The alumnus who wants the introduction."),
        ],
        to: Annotated[strawberry.ID, strawberry.argument(description="The alumnus to be introduced to.")],
        max_hops: Annotated[int, strawberry.argument(description="At most this many steps (1–6).")] = 4,
        first: Annotated[int, strawberry.argument(description="At most this many paths (1–10).")] = 3,
    ) -> list[IntroductionPath]:
        """Introduction paths."""
        source, target = introduction_arguments(from_, to, max_hops, first)
        found = await paths.introduction_paths(
            info.context.db, info.context.scope, source, target, max_hops, first
        )
        return [
            IntroductionPath(
                hops=len(p),
                steps=[
                    IntroductionStep(
                        tie=TieKind(s.tie),
                        from_id=s.from_id,
                        to_id=s.to_id,
                        via_id=s.via_id,
                        via_label=s.via_label,
                    )
                    for s in p
                ],
            )
            for p in found
        ]

    @strawberry.field(
        description="Classes whose graduation year is year − n for each anniversary n.",
        permission_classes=[require_roles(*STAFF)],
    )
    async def reunion_classes(
        self,
        info: strawberry.Info[Context, None],
        year: Annotated[int, strawberry.argument(description="The reunion year.")],
        anniversaries: Annotated[
            list[int] | None, strawberry.argument(description="Anniversaries to celebrate.")
        ] = None,
    ) -> list[ReunionClass]:
        """Reunion classes."""
        wanted = reunion_anniversaries(year, anniversaries)
        rows = await cohorts.reunion_classes(info.context.db, info.context.scope, year, wanted)
        # read up front, in one batch each, what the query shows (not one resolver per row)
        classes, people = await asyncio.gather(
            _classes(info, [r.class_id for r in rows] if selects(info, "class") else []),
            _alumni(info, [i for r in rows for i in r.liaison_ids] if selects(info, "liaisons") else []),
        )
        return [
            ReunionClass(
                anniversary=r.anniversary,
                alumni_count=r.alumni_count,
                contactable_count=r.contactable_count,
                class_=classes.get(r.class_id),
                liaisons=[people[i] for i in r.liaison_ids if people.get(i) is not None],
            )
            for r in rows
        ]

    @strawberry.field(
        description="Chapters the alumnus could join: regional (most specific first), college, industry.",
        permission_classes=[require_roles(*Role)],
    )
    async def chapter_recommendations(
        self,
        info: strawberry.Info[Context, None],
        alumnus: Annotated[strawberry.ID, strawberry.argument(description="The alumnus.")],
    ) -> list[ChapterRecommendation]:
        """Chapter recommendations."""
        recs = await cohorts.chapter_recommendations(
            info.context.db, info.context.scope, expect_id(alumnus, "Alumnus")
        )
        return [
            ChapterRecommendation(
                rank=r.rank,
                reason=RecommendationReason(r.reason),
                chapter_id=r.chapter_id,
                basis_id=r.basis_id,
            )
            for r in recs
        ]

    @strawberry.field(
        description="Notable alumni with no interaction in the months before asOf; never-contacted first.",
        permission_classes=[require_roles(Role.ADMIN, Role.FUNDRAISER, Role.COLLEGE_OFFICER)],
    )
    async def notable_alumni_due(
        self,
        info: strawberry.Info[Context, None],
        as_of: Annotated[date, strawberry.argument(description="The reference date.")],
        months: Annotated[int, strawberry.argument(description="Look-back window in months (1–120).")] = 12,
        first: Annotated[int, strawberry.argument(description="At most this many rows (1–500).")] = 100,
    ) -> list[NotableDue]:
        """Notable alumni due a contact."""
        _check(1 <= months <= 120, "months must be between 1 and 120")
        _check(1 <= first <= 500, "first must be between 1 and 500")
        rows = await cohorts.notable_alumni_due(info.context.db, info.context.scope, as_of, months, first)
        return [NotableDue(last_interaction_on=r.last_interaction_on, alumnus_id=r.alumnus_id) for r in rows]

    @strawberry.field(
        description="The neighbourhood of any node as nodes and edges, for drawing.",
        permission_classes=[require_roles(*STAFF)],
    )
    async def network(
        self,
        info: strawberry.Info[Context, None],
        center: Annotated[strawberry.ID, strawberry.argument(description="Global ID of the centre node.")],
        depth: Annotated[int, strawberry.argument(description="Hops from the centre (1–3).")] = 2,
        limit: Annotated[int, strawberry.argument(description="At most this many nodes (1–500).")] = 200,
    ) -> Network:
        """Network view."""
        label, node_id = network_arguments(center, depth, limit)
        nodes, edges = await network.network(
            info.context.db, info.context.scope, label, node_id, depth, limit
        )
        return _network(nodes, edges)
