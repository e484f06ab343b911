"""The fixed vocabulary of the graph: labels, natural keys, relationship types and enums (DESIGN §2)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import LiteralString


class Label(StrEnum):
    """Node labels; the only strings ever placed into Cypher as labels."""

    ALUMNUS = "Alumnus"
    COLLEGE = "College"
    CLASS = "Class"
    CHAPTER = "Chapter"
    COMPANY = "Company"
    INDUSTRY = "Industry"
    REGION = "Region"
    EVENT = "Event"
    FUND = "Fund"
    DONATION = "Donation"
    INTERACTION = "Interaction"
    AWARD = "Award"
    COOPERATION = "Cooperation"
    STORY = "Story"


# Natural key of each label (besides the UUID `id`, which every node has).
NATURAL_KEYS: dict[Label, str] = {
    Label.ALUMNUS: "externalId",
    Label.COLLEGE: "code",
    Label.CLASS: "code",
    Label.CHAPTER: "code",
    Label.COMPANY: "creditCode",
    Label.INDUSTRY: "code",
    Label.REGION: "code",
    Label.EVENT: "code",
    Label.FUND: "code",
    Label.DONATION: "receiptNo",
    Label.INTERACTION: "id",
    Label.AWARD: "id",
    Label.COOPERATION: "code",
    Label.STORY: "code",
}


class Gender(StrEnum):
    """Recorded gender."""

    M = "M"
    F = "F"


class AlumnusKind(StrEnum):
    """Ways a person belongs to the university; one person may have several."""

    STUDENT = "STUDENT"
    TRAINEE = "TRAINEE"
    STAFF = "STAFF"
    HONORARY = "HONORARY"


class Degree(StrEnum):
    """Degree level of a class."""

    BACHELOR = "BACHELOR"
    MASTER = "MASTER"
    DOCTORATE = "DOCTORATE"
    CONTINUING = "CONTINUING"


class RegionLevel(StrEnum):
    """Level of a region in the hierarchy."""

    COUNTRY = "COUNTRY"
    PROVINCE = "PROVINCE"
    CITY = "CITY"


class IndustryLevel(StrEnum):
    """Level of a GB/T 4754-2017 code."""

    SECTION = "SECTION"
    DIVISION = "DIVISION"
    GROUP = "GROUP"
    CLASS = "CLASS"


class ChapterKind(StrEnum):
    """The general association, a college association, or a regional or industry chapter."""

    GENERAL = "GENERAL"
    COLLEGE = "COLLEGE"
    REGIONAL = "REGIONAL"
    INDUSTRY = "INDUSTRY"


class ChapterStatus(StrEnum):
    """Whether a chapter is active."""

    ACTIVE = "ACTIVE"
    DORMANT = "DORMANT"


class CompanySize(StrEnum):
    """Size class of a company."""

    MICRO = "MICRO"
    SMALL = "SMALL"
    MEDIUM = "MEDIUM"
    LARGE = "LARGE"


class EmploymentRole(StrEnum):
    """An alumnus's role at a company (WORKS_AT.role)."""

    FOUNDER = "FOUNDER"
    EXECUTIVE = "EXECUTIVE"
    EMPLOYEE = "EMPLOYEE"


class MembershipRole(StrEnum):
    """A member's office in a chapter (MEMBER_OF.role)."""

    PRESIDENT = "PRESIDENT"
    VICE_PRESIDENT = "VICE_PRESIDENT"
    SECRETARY = "SECRETARY"
    MEMBER = "MEMBER"


class NeedKind(StrEnum):
    """The support an alumni enterprise needs."""

    TECH = "TECH"
    FINANCE = "FINANCE"
    LEGAL = "LEGAL"
    TALENT = "TALENT"
    TRAINING = "TRAINING"


class EventKind(StrEnum):
    """Kinds of university events."""

    ANNIVERSARY = "ANNIVERSARY"
    REUNION = "REUNION"
    HOMECOMING = "HOMECOMING"
    GALA = "GALA"
    SPORTS = "SPORTS"
    COMPETITION = "COMPETITION"
    LECTURE = "LECTURE"
    CEREMONY = "CEREMONY"
    JOB_FAIR = "JOB_FAIR"
    TRAINING = "TRAINING"
    OTHER = "OTHER"


class AttendanceRole(StrEnum):
    """How an alumnus took part in an event (ATTENDED.role)."""

    GUEST = "GUEST"
    SPEAKER = "SPEAKER"
    ORGANIZER = "ORGANIZER"


class FundKind(StrEnum):
    """Purpose of a donation fund."""

    COLLEGE_DEVELOPMENT = "COLLEGE_DEVELOPMENT"
    STUDENT_INNOVATION = "STUDENT_INNOVATION"
    CAMPUS_CULTURE = "CAMPUS_CULTURE"
    SCHOLARSHIP = "SCHOLARSHIP"
    OTHER = "OTHER"


class FundStatus(StrEnum):
    """Whether a fund still takes gifts."""

    OPEN = "OPEN"
    CLOSED = "CLOSED"


class DonationKind(StrEnum):
    """A promise (PLEDGE), an outright GIFT, or a PAYMENT toward a pledge."""

    PLEDGE = "PLEDGE"
    GIFT = "GIFT"
    PAYMENT = "PAYMENT"


class InteractionKind(StrEnum):
    """Kinds of recorded contact."""

    VISIT = "VISIT"
    MEETING = "MEETING"
    CALL = "CALL"
    MESSAGE = "MESSAGE"
    FEEDBACK = "FEEDBACK"


class AwardKind(StrEnum):
    """Kinds of awards of the annual evaluation."""

    COLLEGE_WORK = "COLLEGE_WORK"
    BREAKTHROUGH = "BREAKTHROUGH"
    OUTSTANDING_CHAPTER = "OUTSTANDING_CHAPTER"
    OUTSTANDING_INDIVIDUAL = "OUTSTANDING_INDIVIDUAL"


@dataclass(frozen=True)
class PartyRef:
    """A node at the other end of a polymorphic link: its label name and id."""

    kind: str
    id: str


# `p` is the far end of a link; its label, for the unions of the API.
PARTY_KIND: LiteralString = (
    "CASE WHEN p:Alumnus THEN 'Alumnus' WHEN p:College THEN 'College'"
    " WHEN p:Chapter THEN 'Chapter' WHEN p:Company THEN 'Company' END"
)


def party(value: dict[str, str] | None) -> PartyRef | None:
    """A `{kind, id}` map returned by a statement as a reference."""
    return PartyRef(kind=value["kind"], id=value["id"]) if value else None


class CooperationKind(StrEnum):
    """What the university does with an alumni enterprise (DESIGN §7)."""

    TECH_PROJECT = "TECH_PROJECT"
    RD_CENTER = "RD_CENTER"
    DISPATCH = "DISPATCH"
    JOINT_TRAINING = "JOINT_TRAINING"
    TRAINING_COURSE = "TRAINING_COURSE"
    RECRUITMENT = "RECRUITMENT"
    OTHER = "OTHER"


class CooperationStatus(StrEnum):
    """Where a cooperation stands; only ACTIVE and COMPLETED ones answer a need."""

    PROPOSED = "PROPOSED"
    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class StoryChannel(StrEnum):
    """Where a story was published."""

    NEWSPAPER = "NEWSPAPER"
    WEBSITE = "WEBSITE"
    MAGAZINE = "MAGAZINE"
    WECHAT = "WECHAT"
    OTHER = "OTHER"
