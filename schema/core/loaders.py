"""Every DataLoader of a request, declared here and named in snake_case after what it loads.

A resolver asks `info.context.loaders.<name>` (a property; a method when the loader takes an
argument) and never builds a loader itself, so the batching a field relies on is in one place.
`execute` clears them all after every write (what was read before it is stale then).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from graph.careers import companies, employment, geography
from graph.careers import industries as careers
from graph.careers import needs as need_repo
from graph.chapters import chapters
from graph.chapters import memberships as membership_repo
from graph.cooperation import cooperations, stories
from graph.core.db import Database
from graph.core.pages import fetch_by_ids
from graph.core.scope import Scope
from graph.engagement import attendance, awards, events, interactions
from graph.giving import donations, funds
from graph.institutions import colleges as institutions
from graph.people import affiliations, alumni

V = TypeVar("V")
Fetch = Callable[[list[str]], Awaitable[dict[str, Any]]]


def _loader(fetch: Callable[[list[str]], Awaitable[dict[str, V]]], empty: Any = None) -> DataLoader[str, V]:
    async def load(keys: list[str]) -> list[V]:
        found = await fetch(list(dict.fromkeys(keys)))
        return [found.get(k, empty) for k in keys]

    return DataLoader(load_fn=load)


@dataclass
class Loaders:
    """One DataLoader per read by id, so nested fields cost one statement per level."""

    db: Database
    scope: Scope
    _cache: dict[str, DataLoader[str, Any]] = field(default_factory=dict)

    def get(self, name: str, fetch: Fetch, empty: Any = None) -> DataLoader[str, Any]:
        """The request's loader called `name`, created on first use (for generic machinery only)."""
        if name not in self._cache:
            self._cache[name] = _loader(fetch, empty)
        return self._cache[name]

    def clear(self) -> None:
        """Forget everything loaded so far (the mutation runner calls it after every write)."""
        self._cache.clear()

    def _scoped(self) -> dict[str, Any]:
        return {"scope": self.scope.params()}

    # Nodes by id.

    @property
    def alumnus(self) -> DataLoader[str, alumni.AlumnusRecord | None]:
        """Alumni by id, within scope."""
        return self.get("alumnus", lambda ids: fetch_by_ids(self.db, alumni.SPEC, ids, self._scoped()))

    @property
    def college(self) -> DataLoader[str, institutions.CollegeRecord | None]:
        """Colleges by id."""
        return self.get("college", lambda ids: fetch_by_ids(self.db, institutions.COLLEGES, ids))

    @property
    def class_(self) -> DataLoader[str, institutions.ClassRecord | None]:
        """Classes by id."""
        return self.get("class", lambda ids: fetch_by_ids(self.db, institutions.CLASSES, ids))

    @property
    def chapter(self) -> DataLoader[str, chapters.ChapterRecord | None]:
        """Chapters by id."""
        return self.get("chapter", lambda ids: fetch_by_ids(self.db, chapters.CHAPTERS, ids))

    @property
    def region(self) -> DataLoader[str, geography.RegionRecord | None]:
        """Regions by id."""
        return self.get("region", lambda ids: fetch_by_ids(self.db, geography.REGIONS, ids))

    @property
    def industry(self) -> DataLoader[str, careers.IndustryRecord | None]:
        """Industries by id."""
        return self.get("industry", lambda ids: fetch_by_ids(self.db, careers.INDUSTRIES, ids))

    @property
    def company(self) -> DataLoader[str, companies.CompanyRecord | None]:
        """Companies by id."""
        return self.get("company", lambda ids: fetch_by_ids(self.db, companies.COMPANIES, ids))

    @property
    def need(self) -> DataLoader[str, need_repo.NeedRecord | None]:
        """Company needs by id."""
        return self.get("need", lambda ids: need_repo.by_ids(self.db, ids))

    @property
    def event(self) -> DataLoader[str, events.EventRecord | None]:
        """Events by id."""
        return self.get("event", lambda ids: fetch_by_ids(self.db, events.EVENTS, ids))

    @property
    def interaction(self) -> DataLoader[str, interactions.InteractionRecord | None]:
        """Interactions by id, within scope."""
        return self.get(
            "interaction", lambda ids: fetch_by_ids(self.db, interactions.INTERACTIONS, ids, self._scoped())
        )

    @property
    def fund(self) -> DataLoader[str, funds.FundRecord | None]:
        """Funds by id."""
        return self.get("fund", lambda ids: fetch_by_ids(self.db, funds.FUNDS, ids))

    @property
    def donation(self) -> DataLoader[str, donations.DonationRecord | None]:
        """Donations by id, within the caller's giving scope."""
        return self.get(
            "donation", lambda ids: fetch_by_ids(self.db, donations.DONATIONS, ids, self._scoped())
        )

    @property
    def award(self) -> DataLoader[str, awards.AwardRecord | None]:
        """Awards by id."""
        return self.get("award", lambda ids: fetch_by_ids(self.db, awards.AWARDS, ids))

    # People: by alumnus id.

    @property
    def education(self) -> DataLoader[str, list[institutions.ClassRecord]]:
        """Classes of alumni."""
        return self.get("education", lambda ids: institutions.education_of(self.db, ids), [])

    @property
    def home(self) -> DataLoader[str, list[geography.RegionRecord]]:
        """Where alumni live."""
        return self.get("home", lambda ids: geography.home_of(self.db, ids), [])

    @property
    def staff_roles(self) -> DataLoader[str, list[affiliations.StaffRoleRecord]]:
        """Staff positions of alumni."""
        return self.get("staff_roles", lambda ids: affiliations.staff_roles_of(self.db, ids), [])

    @property
    def memberships(self) -> DataLoader[str, list[membership_repo.MembershipRecord]]:
        """Chapter memberships of alumni."""
        return self.get("memberships", lambda ids: membership_repo.of_alumni(self.db, ids), [])

    @property
    def liaison_for(self) -> DataLoader[str, list[institutions.ClassRecord]]:
        """Classes alumni are the liaison of."""
        return self.get("liaison_for", lambda ids: affiliations.liaison_for(self.db, ids), [])

    @property
    def acquaintances(self) -> DataLoader[str, list[affiliations.AcquaintanceRecord]]:
        """Recorded acquaintances of alumni, within scope."""
        return self.get(
            "acquaintances", lambda ids: affiliations.acquaintances_of(self.db, ids, self.scope), []
        )

    def alumnus_employments(self, current: bool | None) -> DataLoader[str, list[employment.EmploymentRecord]]:
        """Employments of alumni (current only, former only, or all when None)."""
        return self.get(
            f"alumnus_employments:{current}",
            lambda ids: employment.of_alumni(self.db, ids, current, self.scope),
            [],
        )

    @property
    def alumnus_attended(self) -> DataLoader[str, list[attendance.AttendanceRecord]]:
        """Events alumni attended."""
        return self.get("alumnus_attended", lambda ids: attendance.of_alumni(self.db, ids, self.scope), [])

    @property
    def alumnus_interactions(self) -> DataLoader[str, list[interactions.InteractionRecord]]:
        """Interactions with alumni, within scope."""
        return self.get(
            "alumnus_interactions", lambda ids: interactions.with_alumni(self.db, ids, self.scope), []
        )

    # Institutions and chapters.

    @property
    def college_sizes(self) -> DataLoader[str, int]:
        """Alumni counts of colleges."""
        return self.get("college_sizes", lambda ids: institutions.college_sizes(self.db, ids), 0)

    @property
    def class_sizes(self) -> DataLoader[str, int]:
        """Alumni counts of classes."""
        return self.get("class_sizes", lambda ids: institutions.class_sizes(self.db, ids), 0)

    @property
    def college_chapters(self) -> DataLoader[str, list[chapters.ChapterRecord]]:
        """Chapters of colleges."""
        return self.get("college_chapters", lambda ids: chapters.of_colleges(self.db, ids), [])

    @property
    def college_funds(self) -> DataLoader[str, list[funds.FundRecord]]:
        """Funds of colleges."""
        return self.get("college_funds", lambda ids: funds.of_colleges(self.db, ids), [])

    @property
    def liaisons(self) -> DataLoader[str, list[alumni.AlumnusRecord]]:
        """Liaisons of classes, within scope."""
        return self.get("liaisons", lambda ids: affiliations.liaisons_of(self.db, ids, self.scope), [])

    @property
    def chapter_children(self) -> DataLoader[str, list[chapters.ChapterRecord]]:
        """Sub-chapters of chapters."""
        return self.get("chapter_children", lambda ids: chapters.children_of(self.db, ids), [])

    @property
    def officers(self) -> DataLoader[str, list[membership_repo.MembershipRecord]]:
        """Officers of chapters, within scope."""
        return self.get("officers", lambda ids: membership_repo.officers_of(self.db, ids, self.scope), [])

    # Careers: by company id.

    @property
    def needs(self) -> DataLoader[str, list[need_repo.NeedRecord]]:
        """Needs of companies."""
        return self.get("needs", lambda ids: need_repo.of_companies(self.db, ids), [])

    @property
    def company_alumni_count(self) -> DataLoader[str, int]:
        """How many alumni currently work at companies."""
        return self.get("company_alumni_count", lambda ids: employment.current_counts(self.db, ids), 0)

    def company_alumni(self, current: bool | None) -> DataLoader[str, list[employment.EmploymentRecord]]:
        """Employments at companies (current only, former only, or all when None), within scope."""
        return self.get(
            f"company_alumni:{current}",
            lambda ids: employment.of_companies(self.db, ids, current, self.scope),
            [],
        )

    # Giving.

    @property
    def fund_raised(self) -> DataLoader[str, int | None]:
        """CNY fen received by funds, within the caller's giving scope."""
        return self.get("fund_raised", lambda ids: funds.raised_fen(self.db, ids, self.scope))

    @property
    def payments(self) -> DataLoader[str, list[donations.DonationRecord]]:
        """Payments toward pledges, within the caller's giving scope."""
        return self.get("payments", lambda ids: donations.payments_of(self.db, ids, self.scope), [])

    def donations_from(self, kind: str) -> DataLoader[str, list[donations.DonationRecord]]:
        """Donations from donors of one kind (Alumnus or Company), within the giving scope."""
        return self.get(
            f"donations_from:{kind}", lambda ids: donations.from_donors(self.db, kind, ids, self.scope), []
        )

    # Cooperation and publicity (DESIGN §7).

    @property
    def cooperation(self) -> DataLoader[str, cooperations.CooperationRecord | None]:
        """Cooperations by id, within scope (none for ALUMNUS)."""
        return self.get(
            "cooperation", lambda ids: fetch_by_ids(self.db, cooperations.COOPERATIONS, ids, self._scoped())
        )

    @property
    def story(self) -> DataLoader[str, stories.StoryRecord | None]:
        """Stories by id."""
        return self.get("story", lambda ids: fetch_by_ids(self.db, stories.STORIES, ids))

    @property
    def need_answered_by(self) -> DataLoader[str, list[cooperations.CooperationRecord]]:
        """Cooperations answering needs, within scope."""
        return self.get(
            "need_answered_by", lambda ids: cooperations.answering(self.db, ids, self.scope.params()), []
        )

    @property
    def alumnus_brokered(self) -> DataLoader[str, list[cooperations.CooperationRecord]]:
        """Cooperations alumni brokered, within scope."""
        return self.get(
            "alumnus_brokered", lambda ids: cooperations.brokered_by(self.db, ids, self.scope.params()), []
        )

    @property
    def story_features(self) -> DataLoader[str, list[stories.FeatureRef]]:
        """What stories feature (alumni outside scope left out)."""
        return self.get(
            "story_features", lambda ids: stories.features_of(self.db, ids, self.scope.params()), []
        )
