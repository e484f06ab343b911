"""Events of every kind, organised by colleges and chapters, and who attended them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from scripts.seed.institutions import FOUNDED, REUNIONS, UNIVERSITY
from scripts.seed.places import CAMPUS_CITY
from scripts.seed.rand import AS_OF, THIS_YEAR, Weighted, day_in
from scripts.seed.world import NOTABLE, World

FIRST_YEAR = 2015
_EXTRA = Weighted([
    ("GALA", 3.0), ("SPORTS", 2.0), ("LECTURE", 3.0), ("COMPETITION", 1.0), ("TRAINING", 1.5), ("OTHER", 1.5),
])  # fmt: skip
_MONTHS = {
    "ANNIVERSARY": (10, 10), "HOMECOMING": (10, 10), "REUNION": (4, 10), "GALA": (1, 2), "SPORTS": (4, 11),
    "COMPETITION": (5, 11), "LECTURE": (3, 12), "CEREMONY": (6, 6), "JOB_FAIR": (10, 11), "TRAINING": (3, 11),
    "OTHER": (1, 12),
}  # fmt: skip
_DAYS = {"ANNIVERSARY": 3, "TRAINING": 3, "SPORTS": 2, "COMPETITION": 2}
_BASE = {
    "ANNIVERSARY": 300, "HOMECOMING": 150, "GALA": 60, "CEREMONY": 8, "JOB_FAIR": 15, "LECTURE": 25,
    "SPORTS": 30, "COMPETITION": 20, "TRAINING": 25, "OTHER": 20,
}  # fmt: skip
_SPEAKERS = frozenset({"ANNIVERSARY", "LECTURE", "CEREMONY", "COMPETITION", "TRAINING"})
_TOPICS = (
    "人工智能与产业变革", "从实验室到创业公司", "资本市场新趋势", "医学前沿与健康中国",
    "城市更新与建筑设计", "新能源技术展望", "法治中国建设", "写作与人生", "芯片产业的机遇",
    "我的职业选择",
)  # fmt: skip
_SPORTS = ("羽毛球", "足球", "高尔夫", "篮球", "马拉松", "乒乓球")


@dataclass
class Plan:
    """An event before its code is known (codes follow date order within a year)."""

    day: date
    kind: str
    name: str
    region: str
    pool: Sequence[int]
    college: int = -1
    chapter: int = -1


def events_target(alumni: int) -> int:
    """About one event per twenty alumni, at least a hundred."""
    return max(100, round(alumni / 20))


def _plan(world: World, year: int, kind: str, name: str, pool: Sequence[int], **organizer: int) -> Plan:
    rng = world.rng
    day = day_in(rng, year, _MONTHS[kind])
    day = min(day, AS_OF - timedelta(days=_DAYS.get(kind, 1) - 1))
    chapter = organizer.get("chapter", -1)
    region = CAMPUS_CITY
    if chapter >= 0 and world.chapters[chapter].region:
        region = world.chapters[chapter].region
    elif chapter >= 0 and world.chapters[chapter].kind == "INDUSTRY":
        region = rng.choice(("110100", "310100", "440300", "330100"))
    return Plan(day, kind, name, region, pool, organizer.get("college", -1), chapter)


def _fixed(world: World, year: int, by_college: list[list[int]], per_year: float) -> list[Plan]:
    """Every year: homecoming day, graduation ceremonies and job fairs; anniversaries every five years."""
    rng, everyone = world.rng, range(len(world.people))
    colleges = max(1, min(len(world.colleges), round(per_year / 25)))
    plans = [_plan(world, year, "HOMECOMING", f"{year}年校友返校日", everyone, chapter=0)]
    if (year - FOUNDED) % 5 == 0:
        name = f"{UNIVERSITY}建校{year - FOUNDED}周年庆祝大会"
        plans.append(_plan(world, year, "ANNIVERSARY", name, everyone, chapter=0))
    for kind, label in (("CEREMONY", f"{year}届毕业典礼"), ("JOB_FAIR", f"{year}年校友企业专场招聘会")):
        for ci in sorted(rng.sample(range(len(world.colleges)), colleges)):
            plans.append(
                _plan(world, year, kind, world.colleges[ci].name + label, by_college[ci], college=ci)
            )
    return plans


def _reunions(world: World, year: int, limit: int) -> list[Plan]:
    """Classes 10, 20, … 60 years after graduation come back."""
    plans: list[Plan] = []
    for cls in world.classes:
        n = year - cls.grad
        if n in REUNIONS and len(cls.members) >= 3 and len(plans) < limit:
            name = f"{cls.name}毕业{n}周年返校活动"
            plans.append(_plan(world, year, "REUNION", name, cls.members, college=cls.college))
    return plans


def _extra(world: World, year: int, kind: str, by_college: list[list[int]]) -> Plan:
    """One of the events colleges and chapters hold as they see fit."""
    rng = world.rng
    ci = rng.randrange(len(world.colleges))
    college, members = world.colleges[ci], world.chapter_members
    if kind == "LECTURE":
        name = f"{college.name}校友讲坛：{rng.choice(_TOPICS)}"
        return _plan(world, year, kind, name, by_college[ci], college=ci)
    if kind == "COMPETITION":
        name = f"{year}年{college.name}校友杯创新创业大赛"
        return _plan(world, year, kind, name, by_college[ci], college=ci)
    industry = [i for i, c in enumerate(world.chapters) if c.kind == "INDUSTRY"]
    ch = rng.choice(industry) if kind == "TRAINING" and industry else rng.randrange(1, len(world.chapters))
    label = {
        "GALA": f"{year}年新春联谊会",
        "SPORTS": f"{year}年校友{rng.choice(_SPORTS)}邀请赛",
        "TRAINING": f"{year}年校友企业家研修班",
        "OTHER": f"{year}年走进校友企业活动",
    }[kind]
    return _plan(world, year, kind, world.chapters[ch].name + label, members[ch], chapter=ch)


def _roles(world: World, plan: Plan, year: int) -> dict[int, str]:
    """Attendees and their roles: organizers (chapter officers when a chapter organises), speakers, guests."""
    rng, people = world.rng, world.people
    factor = min(1.5, 0.3 + world.alumni / 60_000)
    want = len(plan.pool) // 2 if plan.kind == "REUNION" else round(_BASE[plan.kind] * factor)
    chosen = [p for p in rng.sample(plan.pool, min(len(plan.pool), max(2, want))) if people.grad[p] <= year]
    if not chosen:
        return {}
    roles: dict[int, str] = {}
    officers = world.officers[plan.chapter][:2] if plan.chapter >= 0 else []
    hosts = [p for p in officers if people.grad[p] <= year] or chosen[:1]
    roles.update({p: "ORGANIZER" for p in hosts})
    if plan.kind in _SPEAKERS:
        notable = [p for p in chosen if people.flags[p] & NOTABLE]
        for p in (notable or chosen[1:])[: rng.randint(1, 3)]:
            roles.setdefault(p, "SPEAKER")
    for p in chosen:
        roles.setdefault(p, "GUEST")
    return roles


def _write(world: World, year: int, plans: list[Plan]) -> None:
    plans.sort(key=lambda p: p.day)
    for n, plan in enumerate(plans, start=1):
        code = f"EV{year}-{n:04d}"
        days = _DAYS.get(plan.kind, 1)
        end = plan.day + timedelta(days=days - 1) if days > 1 else None
        college = world.colleges[plan.college].code if plan.college >= 0 else None
        chapter = world.chapters[plan.chapter].code if plan.chapter >= 0 else None
        world.out.row(
            "events.csv", (code, plan.name, plan.kind, plan.day, end, plan.region, college, chapter)
        )
        world.events.append((code, plan.name, plan.day, plan.college))
        for person, role in _roles(world, plan, year).items():
            world.out.row("attendance.csv", (code, world.people.ids[person], role))


def build_events(world: World) -> None:
    """Events from 2015 to date (every kind), with their attendance."""
    by_college: list[list[int]] = [[] for _ in world.colleges]
    for person, college in enumerate(world.people.college):
        by_college[college].append(person)
    per_year = events_target(world.alumni) / (THIS_YEAR - FIRST_YEAR + 1)
    extras = 0
    for year in range(FIRST_YEAR, THIS_YEAR + 1):
        plans = _fixed(world, year, by_college, per_year)
        plans += _reunions(world, year, max(1, round(per_year / 4)))
        while len(plans) < round(per_year * (1.5 if year == THIS_YEAR else 1.0)):
            kind = _EXTRA.items[extras] if extras < len(_EXTRA.items) else _EXTRA.pick(world.rng)
            plans.append(_extra(world, year, kind, by_college))
            extras += 1
        _write(world, year, plans)
