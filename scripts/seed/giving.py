"""Donation funds and the donors who give to them (alumni and alumni companies)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from scripts.seed import places
from scripts.seed.institutions import UNIVERSITY
from scripts.seed.rand import THIS_YEAR, chance, money
from scripts.seed.world import FOUNDER, HONORARY, NOTABLE, RETIRED, STAFF, World

FIRST_YEAR = 2015
# code, name, kind, college code (None: university-wide), goal in CNY
_SHARED_FUNDS = (
    ("F-INNOV", "大学生创新创业基金", "STUDENT_INNOVATION", None, 20_000_000),
    ("F-CS-INNOV", "计算机学院学生创新基金", "STUDENT_INNOVATION", "CS", 5_000_000),
    ("F-CULTURE", "校园文化建设基金", "CAMPUS_CULTURE", None, 10_000_000),
    ("F-LIBRARY", "图书馆发展基金", "CAMPUS_CULTURE", None, 8_000_000),
    ("F-SCH-ALUMNI", "校友励志奖学金", "SCHOLARSHIP", None, 30_000_000),
    ("F-SCH-MD", "医学院杏林奖学金", "SCHOLARSHIP", "MD", 5_000_000),
    ("F-SCH-EM", "经济管理学院卓越奖学金", "SCHOLARSHIP", "EM", 5_000_000),
    ("F-CENTENNIAL", f"{UNIVERSITY}百年校庆基金", "OTHER", None, 100_000_000),
    ("F-MUTUAL", "校友互助基金", "OTHER", None, 3_000_000),
)
CENTENNIAL = "F-CENTENNIAL"


@dataclass(frozen=True)
class Donor:
    """How one alumnus or company gives: from when, how often, how much, to what, in which currency."""

    ext_id: str | None
    credit_code: str | None
    college: int
    currency: str
    first: int
    last: int
    often: float
    low: float
    high: float
    fund: int
    monthly: bool = False
    pledges: bool = False
    anonymous: bool = False


def build_funds(world: World) -> None:
    """A development fund per college plus shared funds of every kind: funds.csv."""
    rng = world.rng
    for ci, college in enumerate(world.colleges):
        goal = money(rng.randint(2, 30) * 1_000_000)
        code = f"F-{college.code}-DEV"
        world.funds.append((code, ci))
        world.out.row(
            "funds.csv", (code, f"{college.name}发展基金", "COLLEGE_DEVELOPMENT", college.code, goal)
        )
    for code, name, kind, college_code, target in _SHARED_FUNDS:
        ci = world.college_of(college_code) if college_code else -1
        world.funds.append((code, ci))
        world.out.row("funds.csv", (code, name, kind, college_code, money(target)))


def _home_fund(world: World, college: int) -> int:
    """The fund a donor mostly gives to: their college's, or a shared one."""
    rng = world.rng
    if chance(rng, 0.55):
        return college
    return len(world.colleges) + rng.randrange(len(_SHARED_FUNDS))


def _span(world: World, earliest: int) -> tuple[int, int]:
    """First and last year of giving: many gave before the records start, a third have lapsed."""
    rng = world.rng
    first = earliest if chance(rng, 0.35) else rng.randint(earliest, THIS_YEAR)
    return first, THIS_YEAR if chance(rng, 0.65) else rng.randint(first, THIS_YEAR)


def _alumnus_donor(world: World, person: int) -> Donor | None:
    rng, people = world.rng, world.people
    flags, grad = people.flags[person], people.grad[person]
    big = bool(flags & (NOTABLE | FOUNDER))
    share = 0.7 if big else 0.3 if flags & (STAFF | RETIRED | HONORARY) else 0.22 if grad >= 2020 else 0.33
    if not chance(rng, share):
        return None
    city = people.city[person]
    currency = places.currency_of(city) if city and chance(rng, 0.7) else "CNY"
    first, last = _span(world, max(FIRST_YEAR, min(grad, THIS_YEAR)))
    low, high = (5_000.0, 500_000.0) if big else (50.0, 1_000.0) if grad >= 2015 else (100.0, 8_000.0)
    monthly = not big and chance(rng, 0.08)
    return Donor(
        people.ids[person], None, people.college[person], currency, first, last, rng.uniform(0.4, 0.95),
        low, high, _home_fund(world, people.college[person]), monthly=monthly,
        pledges=(big and chance(rng, 0.5)) or chance(rng, 0.01), anonymous=chance(rng, 0.015),
    )  # fmt: skip


def _company_donor(world: World, company: int, founder_college: int | None) -> Donor | None:
    rng = world.rng
    if not chance(rng, 0.35 if founder_college is not None else 0.03):
        return None
    college = founder_college if founder_college is not None else rng.randrange(len(world.colleges))
    credit = world.companies[company].credit_code
    currency = "USD" if credit.startswith("X-US") else "CNY"
    first, last = _span(world, FIRST_YEAR)
    return Donor(None, credit, college, currency, first, last, rng.uniform(0.2, 0.6), 20_000.0, 2_000_000.0,
                 _home_fund(world, college), pledges=chance(rng, 0.3))  # fmt: skip


def donors(world: World) -> list[Donor]:
    """Every donor, alumni first (in population order), then companies."""
    found: list[Donor] = []
    founders: dict[int, int] = {}
    for person in range(len(world.people)):
        donor = _alumnus_donor(world, person)
        if donor is not None:
            found.append(donor)
        if world.people.flags[person] & FOUNDER:
            founders.setdefault(world.people.employer[person], world.people.college[person])
    for company in range(len(world.companies)):
        donor = _company_donor(world, company, founders.get(company))
        if donor is not None:
            found.append(donor)
    return found


# Approximate yearly average exchange rates (CNY per unit) for gifts in other currencies.
_USD = "6.23 6.64 6.75 6.62 6.91 6.90 6.45 6.73 7.08 7.19 7.18 7.10"
_EUR = "6.91 7.35 7.63 7.81 7.73 7.87 7.63 7.08 7.66 7.79 8.10 8.20"
RATES = {
    currency: dict(zip(range(2015, 2027), table.split(), strict=True))
    for currency, table in (("USD", _USD), ("EUR", _EUR))
}


def in_cny(amount: Decimal, currency: str, year: int) -> Decimal:
    """The CNY value of an amount given in `year`."""
    return amount if currency == "CNY" else money(amount * Decimal(RATES[currency][year]))
