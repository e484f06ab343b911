"""The state one generation builds up: institutions, companies and a compact table of people."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from scripts.seed.writer import BundleWriter

# Bits of Population.flags.
NOTABLE = 1
CONTACTABLE = 2  # has an email or phone and consents to contact
STAFF = 4
HONORARY = 8
FOUNDER = 16
EXECUTIVE = 32
LEADER = 64  # school or college leader: makes visits
FUNDRAISER = 128
RETIRED = 256


@dataclass(frozen=True)
class College:
    """A college (学院) with its majors and the industries its graduates go into."""

    code: str
    name: str
    number: int
    since: int
    majors: tuple[str, ...]
    industries: tuple[str, ...]
    jobs: tuple[str, ...]
    bachelor_years: int = 4


@dataclass
class ClassInfo:
    """A graduating class and, once people exist, its members (indexes into Population)."""

    code: str
    college: int
    degree: str
    major: str
    entry: int
    grad: int
    size: int = 0
    members: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The class's name as the registrar writes it: 计算机科学与技术2010级本科班."""
        label = {"BACHELOR": "本科", "MASTER": "硕士", "DOCTORATE": "博士", "CONTINUING": "高级研修"}
        return f"{self.major}{self.entry}级{label[self.degree]}班"


@dataclass(frozen=True)
class Company:
    """An employer; `section` is its GB/T 4754 section letter."""

    credit_code: str
    name: str
    industry: str
    section: str
    city: str
    size: str
    website: str = ""


@dataclass(frozen=True)
class Chapter:
    """A chapter of the alumni association."""

    code: str
    name: str
    kind: str
    founded: int
    college: int = -1
    region: str = ""
    industry: str = ""


@dataclass
class Population:
    """One entry per alumnus, in parallel lists (compact enough for 100,000+ people)."""

    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    birth: list[int] = field(default_factory=list)
    college: list[int] = field(default_factory=list)
    grad: list[int] = field(default_factory=list)
    city: list[str] = field(default_factory=list)
    flags: list[int] = field(default_factory=list)
    employer: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, ext_id: str, name: str, birth: int, college: int, grad: int, city: str) -> int:
        """Append a person; returns their index."""
        self.ids.append(ext_id)
        self.names.append(name)
        self.birth.append(birth)
        self.college.append(college)
        self.grad.append(grad)
        self.city.append(city)
        self.flags.append(0)
        self.employer.append(-1)
        return len(self.ids) - 1

    def has(self, person: int, flag: int) -> bool:
        """Whether a person carries a flag."""
        return bool(self.flags[person] & flag)


@dataclass
class World:
    """Everything generated so far, shared by the generation steps."""

    rng: random.Random
    out: BundleWriter
    alumni: int
    colleges: list[College] = field(default_factory=list)
    classes: list[ClassInfo] = field(default_factory=list)
    class_index: dict[tuple[int, str, int], int] = field(default_factory=dict)
    companies: list[Company] = field(default_factory=list)
    staff_of: list[list[int]] = field(default_factory=list)  # teachers per college
    fundraisers: list[list[int]] = field(default_factory=list)  # per college
    leaders: list[int] = field(default_factory=list)
    people: Population = field(default_factory=Population)
    chapters: list[Chapter] = field(default_factory=list)
    chapter_members: list[list[int]] = field(default_factory=list)
    officers: list[list[int]] = field(default_factory=list)  # per chapter, president first
    funds: list[tuple[str, int]] = field(default_factory=list)  # (code, college or -1)
    needs: dict[int, list[str]] = field(default_factory=dict)  # need kinds per company index
    events: list[tuple[str, str, date, int]] = field(default_factory=list)  # code, name, day, college or -1

    def college_of(self, code: str) -> int:
        """Index of a college by code."""
        return next(i for i, c in enumerate(self.colleges) if c.code == code)
