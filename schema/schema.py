"""The root Query and Mutation types and the executable schema."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.schema.config import StrawberryConfig

from schema.bundle import BundleMutation
from schema.careers.companies.mutations import CompanyMutations
from schema.careers.companies.queries import CompaniesQuery
from schema.careers.companies.types import Company, Need, company_by_id, need_by_id
from schema.careers.employment.mutations import EmploymentMutations
from schema.careers.geography.types import Region, RegionQuery, region_by_id
from schema.careers.industries.types import CareersQuery, Industry, industry_by_id
from schema.chapters.chapters.mutations import ChaptersMutation
from schema.chapters.memberships.mutations import MembershipsMutation
from schema.chapters.types import Chapter, ChaptersQuery, chapter_by_id
from schema.compiled.execution import CompiledExecutor
from schema.cooperation.cooperations.mutations import CooperationMutations
from schema.cooperation.cooperations.types import Cooperation, CooperationsQuery, cooperation_by_id
from schema.cooperation.stories.mutations import StoryMutations
from schema.cooperation.stories.types import StoriesQuery, Story, story_by_id
from schema.core.admission import AdmissionControl
from schema.core.audit import AuditQuery
from schema.core.context import Context
from schema.core.errors import not_found
from schema.core.extensions import Policy, RequestPolicy
from schema.core.limits import Limits
from schema.core.permissions import IsAuthenticated
from schema.core.registry import NODE_RESOLVERS, register, resolve
from schema.core.relay import Node, from_global_id
from schema.engagement.attendance.mutations import AttendanceMutations
from schema.engagement.awards.mutations import AwardMutations
from schema.engagement.awards.types import Award, AwardsQuery, award_by_id
from schema.engagement.events.mutations import EventMutations
from schema.engagement.events.queries import EventsQuery
from schema.engagement.events.types import Event, event_by_id
from schema.engagement.interactions.mutations import InteractionMutations
from schema.engagement.interactions.types import Interaction, InteractionsQuery, interaction_by_id
from schema.giving.donations.mutations import DonationMutations
from schema.giving.donations.queries import DonationsQuery
from schema.giving.donations.types import Donation, donation_by_id
from schema.giving.funds.mutations import FundMutations
from schema.giving.funds.types import Fund, FundsQuery, fund_by_id
from schema.giving.gifts.mutations import GiftMutations
from schema.insights.matchmaking.queries import MatchmakingQuery
from schema.insights.open_needs.queries import OpenNeedsQuery
from schema.insights.relationships.queries import InsightsQuery
from schema.institutions.classes.mutations import ClassesMutation
from schema.institutions.colleges.mutations import CollegesMutation
from schema.institutions.types import Class_, College, InstitutionsQuery, class_by_id, college_by_id
from schema.people.acquaintances.mutations import AcquaintancesMutation
from schema.people.alumni.mutations import AlumniMutation
from schema.people.alumni.types import AlumniQuery, Alumnus, alumnus_by_id
from schema.people.dedup.mutations import DedupMutation, DedupQuery
from schema.people.me.mutations import MeMutation, MeQuery
from schema.people.search.queries import SearchQuery
from schema.people.staff.mutations import StaffMutation
from schema.people.ties.mutations import TiesMutation
from schema.reports.giving.queries import GivingReportsQuery
from schema.reports.scorecards.queries import ReportsQuery

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


class CompiledReads(AdmissionControl, CompiledExecutor):
    """Heavy root fields admitted first (`schema.core.admission`), then answered compiled or not."""


def build_schema(
    limits: Limits | None = None, *, development: bool = False, compiled: bool = True
) -> strawberry.Schema:
    """The executable schema with this deployment's limits (suggestions off outside development);
    `compiled`: covered read root fields are answered by one compiled statement each."""
    limits = limits or Limits()
    policy = Policy(limits, allow_introspection=development)
    return strawberry.Schema(
        query=Query,
        execution_context_class=CompiledReads if compiled else AdmissionControl,
        mutation=Mutation,
        types=TYPES,
        extensions=[lambda: RequestPolicy(policy)],
        config=StrawberryConfig(
            disable_field_suggestions=not development,
            batching_config={"max_operations": limits.max_batch} if limits.max_batch > 0 else None,
        ),
    )


# The schema as `strawberry export-schema schema.schema:schema` prints it (schema.graphql).
schema = build_schema()
