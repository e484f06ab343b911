"""The fixed vocabulary of the graph: labels, natural keys, relationship types and enums (DESIGN §2)."""

from __future__ import annotations

from enum import StrEnum


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
