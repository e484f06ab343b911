"""Cooperations with alumni enterprises and stories in the university's media (DESIGN §7).

Generated last, so every earlier file stays as it was for a given seed.
"""

from __future__ import annotations

from datetime import date, timedelta

from scripts.seed.rand import AS_OF, THIS_YEAR, Weighted, chance, date_between, day_in, money
from scripts.seed.world import FOUNDER, NOTABLE, World

FIRST_YEAR = 2015
KINDS = ("TECH_PROJECT", "RD_CENTER", "DISPATCH", "JOINT_TRAINING", "TRAINING_COURSE", "RECRUITMENT", "OTHER")
STATUSES = ("ACTIVE", "COMPLETED", "PROPOSED", "CANCELLED")
CHANNELS = ("WECHAT", "WEBSITE", "NEWSPAPER", "MAGAZINE", "OTHER")
_STATUS = Weighted([("ACTIVE", 4.0), ("COMPLETED", 4.0), ("PROPOSED", 1.5), ("CANCELLED", 0.5)])
_CHANNEL = Weighted(
    [("WECHAT", 5.0), ("WEBSITE", 3.0), ("NEWSPAPER", 1.5), ("MAGAZINE", 1.0), ("OTHER", 0.3)]
)
_KIND = Weighted([(k, w) for k, w in zip(KINDS, (4.0, 1.0, 1.5, 2.0, 2.0, 3.0, 0.5), strict=True)])
# The need a kind of cooperation answers.
_ANSWERS = {
    "TECH_PROJECT": "TECH",
    "RD_CENTER": "TECH",
    "DISPATCH": "TECH",
    "JOINT_TRAINING": "TALENT",
    "TRAINING_COURSE": "TRAINING",
    "RECRUITMENT": "TALENT",
}
_TITLES = {
    "TECH_PROJECT": "{0}技术攻关项目",
    "RD_CENTER": "{0}联合研发中心",
    "DISPATCH": "派驻{0}科技特派员",
    "JOINT_TRAINING": "{0}校企联合培养基地",
    "TRAINING_COURSE": "{0}员工培训班",
    "RECRUITMENT": "{0}校园专场招聘会",
    "OTHER": "与{0}的合作交流",
}
_VALUE = {
    "TECH_PROJECT": (50, 800),
    "RD_CENTER": (200, 3000),
    "JOINT_TRAINING": (20, 300),
    "TRAINING_COURSE": (5, 60),
}
_STORY = {
    "alumnus": ("校友风采：{0}", "记{0}校友的奋斗之路", "{0}校友回母校作报告"),
    "company": ("校友企业{0}的创新之路", "走进校友企业：{0}", "{0}与学校深化合作"),
    "event": ("{0}隆重举行", "{0}圆满落幕", "回顾{0}"),
    "chapter": ("{0}召开年会", "{0}开展校友联谊活动", "{0}走访校友企业"),
}


def _enterprises(world: World) -> dict[int, list[int]]:
    """Current alumni of each company with any (founders first)."""
    staff: dict[int, list[int]] = {}
    people = world.people
    for person, company in enumerate(people.employer):
        if company >= 0:
            staff.setdefault(company, []).append(person)
    for persons in staff.values():
        persons.sort(key=lambda p: (not people.has(p, FOUNDER), p))
    return staff


def _short(name: str) -> str:
    return name.split("（")[0].replace("有限公司", "").replace("股份", "")


def build_cooperations(world: World) -> None:
    """Cooperations with about 5% of alumni enterprises: every kind and status, answering their needs."""
    rng, staff = world.rng, _enterprises(world)
    chosen = sorted(rng.sample(sorted(staff), max(min(len(staff), 12), round(len(staff) * 0.05))))
    n = 0
    for company in chosen:
        for _ in range(1 if chance(rng, 0.7) else 2):
            kind = KINDS[n] if n < len(KINDS) else _KIND.pick(rng)
            status = STATUSES[n % 4] if n < 8 else _STATUS.pick(rng)
            n += 1
            _cooperation(world, n, company, staff[company], kind, status)


def _cooperation(world: World, n: int, company: int, employees: list[int], kind: str, status: str) -> None:
    rng, people, firm = world.rng, world.people, world.companies[company]
    start = date_between(rng, date(FIRST_YEAR, 1, 1), AS_OF - timedelta(days=30))
    end: date | None = None
    if status in ("COMPLETED", "CANCELLED"):
        end = min(AS_OF, start + timedelta(days=rng.randint(30, 720)))
    elif status == "ACTIVE":  # started in the last four years, running on (perhaps to a planned end)
        start = date_between(rng, AS_OF - timedelta(days=1460), AS_OF - timedelta(days=30))
        end = AS_OF + timedelta(days=rng.randint(30, 900)) if chance(rng, 0.5) else None
    else:  # PROPOSED: recently
        start = date_between(rng, AS_OF - timedelta(days=200), AS_OF)
    low_high = _VALUE.get(kind)
    value = money(rng.randint(*low_high) * 10_000) if low_high and chance(rng, 0.8) else None
    college = world.colleges[people.college[employees[0]]].code if chance(rng, 0.85) else None
    need = _ANSWERS.get(kind)
    answers = need if need in world.needs.get(company, []) and chance(rng, 0.8) else None
    brokers = ";".join(people.ids[p] for p in employees[: rng.randint(0, 2)])
    title = _TITLES[kind].format(_short(firm.name))
    code = f"COOP-{start.year}-{n:04d}"
    world.out.row(
        "cooperations.csv",
        (code, title, kind, status, firm.credit_code, college, start, end, value, answers, brokers or None),
    )


def build_stories(world: World) -> None:
    """Several hundred stories a year at 100,000 alumni, on every channel, since 2015."""
    rng, staff = world.rng, _enterprises(world)
    notables = [p for p in range(len(world.people)) if world.people.has(p, NOTABLE)] or list(range(10))
    companies = sorted(staff)
    per_year = max(6, round(world.alumni / 250))
    n = 0
    for year in range(FIRST_YEAR, THIS_YEAR + 1):
        events = [e for e in world.events if e[2].year == year]
        for _ in range(per_year):
            channel = CHANNELS[n] if n < len(CHANNELS) else _CHANNEL.pick(rng)
            n += 1
            what = rng.choice(
                ("alumnus", "alumnus", "company", "event", "chapter") if events else ("alumnus", "company")
            )
            _story(world, n, year, channel, what, notables, companies, staff, events)


def _story(
    world: World,
    n: int,
    year: int,
    channel: str,
    what: str,
    notables: list[int],
    companies: list[int],
    staff: dict[int, list[int]],
    events: list[tuple[str, str, date, int]],
) -> None:
    rng, people = world.rng, world.people
    day = day_in(rng, year)
    alumni: list[str] = []
    company = event = chapter = college = None
    if what == "alumnus":
        person = rng.choice(notables)
        alumni, name = [people.ids[person]], people.names[person]
        college = world.colleges[people.college[person]].code if chance(rng, 0.3) else None
    elif what == "company":
        index = rng.choice(companies)
        firm = world.companies[index]
        company, name = firm.credit_code, _short(firm.name)
        alumni = [people.ids[staff[index][0]]]
    elif what == "event":
        event, name, when, organizer = rng.choice(events)
        day = max(day, when)
        college = world.colleges[organizer].code if organizer >= 0 else None
    else:
        ch = rng.choice(world.chapters)
        chapter, name = ch.code, ch.name
    title = rng.choice(_STORY[what]).format(name)
    url = f"https://news.example.edu.cn/{day.year}/{n:05d}.html" if channel in ("WEBSITE", "WECHAT") else None
    world.out.row(
        "stories.csv",
        (f"ST-{year}-{n:05d}", title, channel, min(day, AS_OF), url, None, ";".join(alumni) or None,
         company, event, chapter, college),
    )  # fmt: skip
