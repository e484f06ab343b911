"""People who are here as staff or by honour: school and college leaders, fundraisers, teachers,
and honorary alumni."""

from __future__ import annotations

from scripts.seed.careers import academic_title, employ
from scripts.seed.contacts import STAFF_DOMAIN, Reach, home_city
from scripts.seed.people import Person, Registry, new_name, note_for, register, write_alumnus
from scripts.seed.places import CAMPUS_CITY
from scripts.seed.rand import THIS_YEAR, chance
from scripts.seed.world import FUNDRAISER, LEADER, RETIRED, World

# University leaders: (title, flags).
_SCHOOL_LEADERS = (
    ("校长", LEADER), ("党委书记", LEADER), ("副校长", LEADER), ("副校长", LEADER), ("副校长", LEADER),
    ("校友总会秘书长", LEADER), ("教育发展基金会秘书长", LEADER | FUNDRAISER),
)  # fmt: skip
_OTHER_TITLES = ("研究员", "辅导员", "实验师", "图书馆馆员")


class StaffNumbers:
    """Staff numbers: T + hiring year + a running number."""

    def __init__(self) -> None:
        self.seq = 0

    def next(self, hired: int) -> str:
        """A new staff number for someone hired in `hired`."""
        self.seq += 1
        return f"T{hired}{self.seq:04d}"


def _hire(
    world: World, reg: Registry, numbers: StaffNumbers, birth: int, college: int, local: float = 0.85
) -> tuple[Person, int]:
    rng = world.rng
    name, gender = new_name(world, "F" if chance(rng, 0.4) else "M", birth, foreign=0.01)
    hired = min(birth + rng.randint(25, 32), THIS_YEAR)
    city = CAMPUS_CITY if chance(rng, local) else home_city(rng)
    person = Person(numbers.next(hired), name, gender, birth, ["STAFF"], city, college)
    email = reg.contacts.email(rng, name, birth, STAFF_DOMAIN)
    phone = reg.contacts.phone(rng, city)
    consent = chance(rng, 0.85)
    person.reach = Reach(email, phone, consent, consent and chance(rng, 0.7))
    return person, hired


def _staff_row(world: World, index: int, title: str, hired: int) -> None:
    people, rng = world.people, world.rng
    retire = people.birth[index] + rng.randint(60, 65)
    end = retire if retire <= THIS_YEAR else None
    if end is not None:
        people.flags[index] |= RETIRED
    college = world.colleges[people.college[index]].code
    world.out.row("staff.csv", (people.ids[index], college, title, hired, end))


def _leader(world: World, reg: Registry, numbers: StaffNumbers, title: str, flags: int, college: int) -> int:
    person, hired = _hire(world, reg, numbers, world.rng.randint(1962, 1975), college, local=1.0)
    index = register(world, reg, person, hired)
    world.people.flags[index] |= flags
    world.out.row("staff.csv", (person.ext_id, world.colleges[college].code, title, hired, None))
    write_alumnus(world, person, None)
    if flags & LEADER:
        world.leaders.append(index)
    if flags & FUNDRAISER:
        world.fundraisers[college].append(index)
    return index


def build_leaders(world: World, reg: Registry, numbers: StaffNumbers) -> int:
    """School leaders, then a dean and an alumni-and-development officer per college."""
    count = 0
    for title, flags in _SCHOOL_LEADERS:
        _leader(world, reg, numbers, title, flags, world.rng.randrange(len(world.colleges)))
        count += 1
    for ci in range(len(world.colleges)):
        _leader(world, reg, numbers, "院长", LEADER, ci)
        _leader(world, reg, numbers, "校友与发展工作办公室主任", FUNDRAISER, ci)
        count += 2
    return count


def build_teachers(world: World, reg: Registry, numbers: StaffNumbers, count: int) -> None:
    """Faculty and staff who did not study here (some retired)."""
    rng = world.rng
    for _ in range(count):
        college = rng.randrange(len(world.colleges))
        person, hired = _hire(world, reg, numbers, rng.randint(1940, 1996), college)
        person.notable = chance(rng, 0.02)
        index = register(world, reg, person, hired)
        world.staff_of[college].append(index)
        age = min(THIS_YEAR, person.birth + 62) - person.birth
        title = academic_title(rng, age) if chance(rng, 0.8) else rng.choice(_OTHER_TITLES)
        _staff_row(world, index, title, hired)
        write_alumnus(world, person, note_for(world, person, None) if person.notable else None)


def build_honorary(world: World, reg: Registry, count: int) -> None:
    """Honorary doctors and titles: many from abroad, most notable, some running companies."""
    rng = world.rng
    for n in range(1, count + 1):
        year, birth = rng.randint(1990, THIS_YEAR - 1), rng.randint(1935, 1972)
        name, gender = new_name(world, "M" if chance(rng, 0.7) else "F", birth, foreign=0.5)
        city = home_city(rng, abroad=0.6 if name.foreign else 0.1, unknown=0.0)
        college = rng.randrange(len(world.colleges))
        person = Person(f"H{year}{n:03d}", name, gender, birth, ["HONORARY"], city, college)
        person.notable = chance(rng, 0.8)
        index = register(world, reg, person, year)
        job = employ(world, reg.companies, index, max(year - 20, birth + 25), person.notable)
        note = note_for(world, person, job) if person.notable else None
        write_alumnus(world, person, note and f"{note}；{year}年获授荣誉博士学位")
