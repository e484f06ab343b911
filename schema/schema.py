"""The root Query and Mutation types and the executable schema."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.extensions import MaxTokensLimiter
from strawberry.schema.config import StrawberryConfig

from schema.acquaintances import AcquaintancesMutation
from schema.alumni import AlumniQuery, Alumnus, alumnus_by_id
from schema.alumni_mutations import AlumniMutation
from schema.attendance import AttendanceMutations
from schema.audit import AuditQuery
from schema.award_mutations import AwardMutations
from schema.awards import Award, AwardsQuery, award_by_id
from schema.bundle import BundleMutation
from schema.careers import CareersQuery, Industry, industry_by_id
from schema.chapter_mutations import ChaptersMutation
from schema.chapters import Chapter, ChaptersQuery, chapter_by_id
from schema.class_mutations import ClassesMutation
from schema.college_mutations import CollegesMutation
from schema.companies import Company, Need, company_by_id, need_by_id
from schema.company_list import CompaniesQuery
from schema.company_mutations import CompanyMutations
from schema.compiled.execution import CompiledExecutor
from schema.context import Context
from schema.cooperation_mutations import CooperationMutations
from schema.cooperations import Cooperation, CooperationsQuery, cooperation_by_id
from schema.dedup import DedupMutation, DedupQuery
from schema.donation_list import DonationsQuery
from schema.donation_mutations import DonationMutations
from schema.donations import Donation, donation_by_id
from schema.employment import EmploymentMutations
from schema.errors import not_found
from schema.event_list import EventsQuery
from schema.event_mutations import EventMutations
from schema.events import Event, event_by_id
from schema.extensions import DocumentCache, ErrorPolicy
from schema.fund_mutations import FundMutations
from schema.funds import Fund, FundsQuery, fund_by_id
from schema.geography import Region, RegionQuery, region_by_id
from schema.gift_mutations import GiftMutations
from schema.giving_reports import GivingReportsQuery
from schema.insights import InsightsQuery
from schema.institutions import Class_, College, InstitutionsQuery, class_by_id, college_by_id
from schema.interaction_mutations import InteractionMutations
from schema.interactions import Interaction, InteractionsQuery, interaction_by_id
from schema.limits import Guard, Limits
from schema.matchmaking import MatchmakingQuery
from schema.me import MeMutation, MeQuery
from schema.memberships import MembershipsMutation
from schema.open_needs import OpenNeedsQuery
from schema.permissions import IsAuthenticated
from schema.registry import NODE_RESOLVERS, register, resolve
from schema.relay import Node, from_global_id
from schema.reports import ReportsQuery
from schema.search import SearchQuery
from schema.staff import StaffMutation
from schema.stories import StoriesQuery, Story, story_by_id
from schema.story_mutations import StoryMutations
from schema.ties import TiesMutation

for _name, _resolver in {
    "Alumnus": alumnus_by_id,
    "College": college_by_id,
    "Class": class_by_id,
    "Chapter": chapter_by_id,
    "Region": region_by_id,
    "Industry": industry_by_id,
    "Company": company_by_id,
    "Need": need_by_id,
    "Event": event_by_id,
    "Interaction": interaction_by_id,
    "Fund": fund_by_id,
    "Donation": donation_by_id,
    "Award": award_by_id,
    "Cooperation": cooperation_by_id,
    "Story": story_by_id,
}.items():
    register(_name, _resolver)


@strawberry.type
class NodeQuery:
    """`node(id:)`: any object by its global ID."""

    @strawberry.field(
        description="Any object by its global ID; NOT_FOUND if it does not exist or is outside your scope.",
        permission_classes=[IsAuthenticated],
    )
    async def node(
        self,
        info: strawberry.Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="A global ID.")],
    ) -> Node | None:
        """Resolve one node."""
        type_name, node_id = from_global_id(id)
        found = await resolve(info, type_name, node_id)
        if found is None:
            raise not_found(type_name if type_name in NODE_RESOLVERS else "node")
        return found  # type: ignore[no-any-return]


@strawberry.type(description="Read the alumni graph.")
class Query(
    NodeQuery,
    AlumniQuery,
    InstitutionsQuery,
    ChaptersQuery,
    RegionQuery,
    CareersQuery,
    AuditQuery,
    MeQuery,
    InsightsQuery,
    ReportsQuery,
    CompaniesQuery,
    EventsQuery,
    InteractionsQuery,
    FundsQuery,
    DonationsQuery,
    AwardsQuery,
    MatchmakingQuery,
    GivingReportsQuery,
    SearchQuery,
    DedupQuery,
    CooperationsQuery,
    StoriesQuery,
    OpenNeedsQuery,
):
    """Root query: every aggregate's fields."""


@strawberry.type(description="Change the alumni graph; every mutation is audited.")
class Mutation(
    AlumniMutation,
    CollegesMutation,
    ClassesMutation,
    ChaptersMutation,
    TiesMutation,
    StaffMutation,
    MembershipsMutation,
    AcquaintancesMutation,
    MeMutation,
    CompanyMutations,
    EmploymentMutations,
    EventMutations,
    AttendanceMutations,
    InteractionMutations,
    FundMutations,
    DonationMutations,
    AwardMutations,
    GiftMutations,
    BundleMutation,
    DedupMutation,
    CooperationMutations,
    StoryMutations,
):
    """Root mutation: every aggregate's mutations."""


TYPES: list[type] = [
    Alumnus,
    College,
    Class_,
    Chapter,
    Region,
    Industry,
    Company,
    Need,
    Event,
    Interaction,
    Fund,
    Donation,
    Award,
    Cooperation,
    Story,
]


def build_schema(
    limits: Limits | None = None, *, development: bool = False, compiled: bool = True
) -> strawberry.Schema:
    """The executable schema with this deployment's limits (suggestions off outside development);
    `compiled`: covered read root fields are answered by one compiled statement each."""
    limits = limits or Limits()
    return strawberry.Schema(
        query=Query,
        execution_context_class=CompiledExecutor if compiled else None,
        mutation=Mutation,
        types=TYPES,
        extensions=[
            lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
            lambda: Guard(limits, allow_introspection=development),
            lambda: DocumentCache(limits),
            ErrorPolicy,
        ],
        config=StrawberryConfig(
            disable_field_suggestions=not development,
            batching_config={"max_operations": limits.max_batch} if limits.max_batch > 0 else None,
        ),
    )


# The schema as `strawberry export-schema schema.schema:schema` prints it (schema.graphql).
schema = build_schema()
