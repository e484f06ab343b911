"""Careers: who works where, as founder, executive or employee, now and before."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

from scripts.seed.rand import THIS_YEAR, chance
from scripts.seed.world import EXECUTIVE, FOUNDER, RETIRED, World

_FOUNDER_TITLES = ("创始人、董事长", "创始人兼CEO", "联合创始人", "创始合伙人")
_EXECUTIVE_TITLES = (
    "总经理",
    "副总裁",
    "首席技术官",
    "首席财务官",
    "董事",
    "合伙人",
    "技术总监",
    "事业部总经理",
)


@dataclass
class CompanyIndex:
    """Companies by industry prefix (section letter, 2- and 3-digit codes), by city, and large ones."""

    by_prefix: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_city: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    large: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, world: World) -> CompanyIndex:
        """Index the world's companies."""
        index = cls()
        for i, company in enumerate(world.companies):
            for key in dict.fromkeys((company.section, company.industry[:2], company.industry[:3])):
                index.by_prefix[key].append(i)
            index.by_city[company.city].append(i)
            if company.size in ("LARGE", "MEDIUM"):
                index.large.append(i)
        return index


@dataclass(frozen=True)
class Job:
    """The last (current or final) job of a person, for notes and flags."""

    company: int
    role: str
    title: str


def _pick(world: World, index: CompanyIndex, person: int, big: bool) -> int:
    rng, college = world.rng, world.colleges[world.people.college[person]]
    city = world.people.city[person]
    if big and index.large:
        return rng.choice(index.large)
    if city in index.by_city and chance(rng, 0.5):
        return rng.choice(index.by_city[city])
    near = index.by_prefix.get(rng.choice(college.industries))
    if near and chance(rng, 0.75):
        return rng.choice(near)
    return rng.randrange(len(world.companies))


def _role(world: World, current: bool, years: int, notable: bool) -> str:
    rng = world.rng
    founder = (0.45 if notable else 0.04) if current else 0.01
    executive = (0.4 if notable else 0.05 + min(0.25, years / 80)) if current else 0.05
    draw = rng.random()
    if draw < founder:
        return "FOUNDER"
    return "EXECUTIVE" if draw < founder + executive else "EMPLOYEE"


def _title(world: World, person: int, role: str, years: int) -> str:
    rng = world.rng
    if role == "FOUNDER":
        return rng.choice(_FOUNDER_TITLES)
    if role == "EXECUTIVE":
        return rng.choice(_EXECUTIVE_TITLES)
    job = rng.choice(world.colleges[world.people.college[person]].jobs)
    return ("高级" + job) if years >= 8 and chance(rng, 0.5) else job


def _starts(world: World, first: int, last: int) -> list[int]:
    """Start years of 1–3 jobs between first and last."""
    span = last - first
    jobs = 1 if span < 6 else 1 + world.rng.randint(0, min(2, span // 6))
    later = sorted(world.rng.sample(range(first + 1, last + 1), jobs - 1)) if jobs > 1 else []
    return [first, *later]


def _distinct(world: World, index: CompanyIndex, person: int, big: bool, used: set[int]) -> int | None:
    for _ in range(4):
        company = _pick(world, index, person, big)
        if company not in used:  # one WORKS_AT per (alumnus, company)
            used.add(company)
            return company
    return None


def employ(world: World, index: CompanyIndex, person: int, start: int, notable: bool) -> Job | None:
    """Write a person's employment history (most people have one); returns the current job."""
    people, rng = world.people, world.rng
    if not world.companies or not (notable or chance(rng, 0.88)):
        return None
    retire = people.birth[person] + rng.randint(58, 63)
    last = min(THIS_YEAR, retire)
    starts = _starts(world, min(start + rng.randint(0, 1), last), last)
    used: set[int] = set()
    current: Job | None = None
    for n, year in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else (retire if retire <= THIS_YEAR else None)
        role = _role(world, end is None, year - start, notable)
        company = _distinct(world, index, person, notable and end is None, used)
        if company is None:
            continue
        job = Job(company, role, _title(world, person, role, year - start))
        credit = world.companies[company].credit_code
        world.out.row("employment.csv", (people.ids[person], credit, job.title, role, year, end))
        current = job if end is None else None
    _mark(world, person, current, retired=retire <= THIS_YEAR)
    return current


def _mark(world: World, person: int, job: Job | None, retired: bool) -> None:
    people = world.people
    if retired:
        people.flags[person] |= RETIRED
    if job is None:
        return
    people.employer[person] = job.company
    people.flags[person] |= {"FOUNDER": FOUNDER, "EXECUTIVE": EXECUTIVE}.get(job.role, 0)


def academic_title(rng: random.Random, age: int) -> str:
    """Lecturer, associate professor or professor: likelier the higher ranks with age."""
    draw = rng.random()
    if age < 33:
        return "讲师"
    if age < 42:
        return "副教授" if draw < 0.7 else "讲师"
    return "教授" if draw < 0.6 else "副教授" if draw < 0.9 else "讲师"


def stay_on(world: World, person: int, start: int) -> None:
    """A graduate who joins the faculty: a staff.csv row at their last college."""
    people, rng = world.people, world.rng
    college = people.college[person]
    retire = people.birth[person] + rng.randint(60, 65)
    end = retire if retire <= THIS_YEAR else None
    title = academic_title(rng, (end or THIS_YEAR) - people.birth[person])
    world.out.row("staff.csv", (people.ids[person], world.colleges[college].code, title, start, end))
    world.staff_of[college].append(person)
    if end is not None:
        people.flags[person] |= RETIRED
