"""The yearly evaluation: collegeScorecard and chapterActivity, sortable by any metric."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from graph.reports import scorecards
from schema.core.context import Context
from schema.core.permissions import Role, require_roles
from schema.core.registry import resolve
from schema.insights.relationships.queries import LazyChapter

if TYPE_CHECKING:
    from schema.institutions.types import College

LazyCollege = Annotated["College", strawberry.lazy("schema.institutions.types")]
YearArg = Annotated[int, strawberry.argument(description="The year evaluated.")]
DescArg = Annotated[bool, strawberry.argument(description="Largest first (default).")]


@strawberry.type(description="A college's alumni and fundraising work in a year.")
class CollegeScore:
    """One row of the college scorecard (money as decimal strings in CNY)."""

    alumni_count: int = strawberry.field(description="Alumni who studied or worked in the college.")
    complete_profiles: int = strawberry.field(
        description="Of them, with email or phone, a city and an employment."
    )
    events_held: int = strawberry.field(
        description="Events in the year organized by the college or its chapters."
    )
    attendance: int = strawberry.field(description="Attendances at those events.")
    interactions: int = strawberry.field(
        description="Interactions in the year with the college's alumni or chapters."
    )
    raised_cny: str = strawberry.field(description="Gifts and payments in the year to the college's funds.")
    donor_count: int = strawberry.field(description="Donors of those gifts and payments.")
    largest_gift_cny: str = strawberry.field(description="The largest single gift or payment.")
    cooperations: int = strawberry.field(
        description="The college's ACTIVE or COMPLETED cooperations whose span overlaps the year."
    )
    cooperation_value_cny: str = strawberry.field(
        description='Sum of the value of those cooperations that started in the year ("0.00" when none).'
    )
    stories: int = strawberry.field(
        description="Stories published in the year featuring the college, one of its chapters, or an "
        "alumnus who studied in one of its classes (each story once)."
    )
    college_id: strawberry.Private[str]

    @strawberry.field(description="The college.")
    async def college(self, info: strawberry.Info[Context, None]) -> LazyCollege | None:
        """The college."""
        found: College | None = await resolve(info, "College", self.college_id)
        return found


@strawberry.type(description="A chapter's activity in a year.")
class ChapterScore:
    """One row of chapterActivity."""

    events_organized: int = strawberry.field(description="Events in the year organized by the chapter.")
    attendance: int = strawberry.field(description="Attendances at those events.")
    member_count: int = strawberry.field(description="Members now.")
    new_members: int = strawberry.field(description="Members who joined in the year (sinceYear = year).")
    interactions: int = strawberry.field(description="Interactions in the year with the chapter.")
    chapter_id: strawberry.Private[str]

    @strawberry.field(description="The chapter.")
    async def chapter(self, info: strawberry.Info[Context, None]) -> LazyChapter | None:
        """The chapter."""
        found = await resolve(info, "Chapter", self.chapter_id)
        return found  # type: ignore[no-any-return]


@strawberry.enum(description="Metrics the college scorecard can be sorted by.")
class CollegeMetric(Enum):
    """Sort keys of collegeScorecard."""

    ALUMNI_COUNT = "alumni_count"
    COMPLETE_PROFILES = "complete_profiles"
    EVENTS_HELD = "events_held"
    ATTENDANCE = "attendance"
    INTERACTIONS = "interactions"
    RAISED_CNY = "raised_cny"
    DONOR_COUNT = "donor_count"
    LARGEST_GIFT_CNY = "largest_gift_cny"
    COOPERATIONS = "cooperations"
    COOPERATION_VALUE_CNY = "cooperation_value_cny"
    STORIES = "stories"


@strawberry.enum(description="Metrics chapter activity can be sorted by.")
class ChapterMetric(Enum):
    """Sort keys of chapterActivity."""

    EVENTS_ORGANIZED = "events_organized"
    ATTENDANCE = "attendance"
    MEMBER_COUNT = "member_count"
    NEW_MEMBERS = "new_members"
    INTERACTIONS = "interactions"


def _sorted(rows: list[Any], metric: str, descending: bool) -> list[Any]:
    def key(row: Any) -> Decimal:
        return Decimal(str(getattr(row, metric)))

    return sorted(rows, key=key, reverse=descending)


@strawberry.type
class ReportsQuery:
    """Root fields of the yearly evaluation."""

    @strawberry.field(
        description="One row per college: alumni, events, interactions and money raised in the year.",
        permission_classes=[require_roles(Role.ADMIN, Role.FUNDRAISER, Role.COLLEGE_OFFICER)],
    )
    async def college_scorecard(
        self,
        info: strawberry.Info[Context, None],
        year: YearArg,
        order_by: Annotated[
            CollegeMetric, strawberry.argument(description="Sort metric.")
        ] = CollegeMetric.RAISED_CNY,
        descending: DescArg = True,
    ) -> list[CollegeScore]:
        """College scorecard."""
        rows = await scorecards.college_scorecard(info.context.db, info.context.scope, year)
        scores = [CollegeScore(**{k: v for k, v in r.__dict__.items()}) for r in rows]
        return _sorted(scores, order_by.value, descending)

    @strawberry.field(
        description="One row per chapter: events, attendance, members and interactions in the year.",
        permission_classes=[
            require_roles(Role.ADMIN, Role.FUNDRAISER, Role.COLLEGE_OFFICER, Role.CHAPTER_ORGANIZER)
        ],
    )
    async def chapter_activity(
        self,
        info: strawberry.Info[Context, None],
        year: YearArg,
        order_by: Annotated[
            ChapterMetric, strawberry.argument(description="Sort metric.")
        ] = ChapterMetric.EVENTS_ORGANIZED,
        descending: DescArg = True,
    ) -> list[ChapterScore]:
        """Chapter activity."""
        rows = await scorecards.chapter_activity(info.context.db, info.context.scope, year)
        scores = [ChapterScore(**{k: v for k, v in r.__dict__.items()}) for r in rows]
        return _sorted(scores, order_by.value, descending)
