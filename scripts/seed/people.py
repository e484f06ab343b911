"""Alumni who studied here: one person per primary class seat, some going on to further degrees."""

from __future__ import annotations

from dataclasses import dataclass, field

from scripts.seed.careers import CompanyIndex, Job, employ, stay_on
from scripts.seed.contacts import Contacts, Reach, home_city, reach
from scripts.seed.names import PersonName, chinese_name, foreign_name
from scripts.seed.rand import Weighted, chance
from scripts.seed.world import CONTACTABLE, HONORARY, NOTABLE, STAFF, ClassInfo, World
from scripts.seed.writer import flag

_ENTRY_AGE = {"BACHELOR": (17, 19), "MASTER": (21, 26), "DOCTORATE": (23, 30), "CONTINUING": (24, 45)}
_FEMALE = {"LIT": 0.7, "FL": 0.75, "MD": 0.6, "EM": 0.55, "PA": 0.6, "LS": 0.5, "CH": 0.4, "LAW": 0.55}
_DIGIT = {"BACHELOR": 1, "MASTER": 2, "DOCTORATE": 3, "CONTINUING": 4}
_NEXT = {"BACHELOR": ("MASTER", 0.2), "MASTER": ("DOCTORATE", 0.15)}
_STAYS = {"BACHELOR": 0.008, "MASTER": 0.03, "DOCTORATE": 0.15, "CONTINUING": 0.0}
_NOTES = (
    "全国人大代表", "全国五一劳动奖章获得者", "知名作家", "著名节目主持人", "奥运会金牌得主",
    "国家科技进步一等奖获得者", "驻外大使", "省级政协委员", "中国青年五四奖章获得者",
)  # fmt: skip
_SCHOLARS = Weighted([
    ("国家级教学名师", 3.0), ("国家杰出青年科学基金获得者", 3.0), ("长江学者特聘教授", 3.0),
    ("中国科学院院士", 0.6), ("中国工程院院士", 0.6),
])  # fmt: skip
_HUMANITIES = frozenset({"EM", "LAW", "LIT", "FL", "PA"})  # no academicians here


@dataclass
class Person:
    """What is decided about one person before their rows are written."""

    ext_id: str
    name: PersonName
    gender: str
    birth: int
    kinds: list[str]
    city: str
    college: int
    classes: list[int] = field(default_factory=list)
    notable: bool = False
    reach: Reach | None = None


@dataclass
class Registry:
    """Shared by every person generated: contact details taken, companies, recent people to re-enter."""

    contacts: Contacts
    companies: CompanyIndex
    recent: list[Person] = field(default_factory=list)


def new_name(world: World, gender: str, birth: int, foreign: float = 0.006) -> tuple[PersonName, str]:
    """A Chinese name (or, rarely, a foreign one) and the gender that goes with it."""
    if chance(world.rng, foreign):
        return foreign_name(world.rng)
    return chinese_name(world.rng, gender, birth), gender


def register(world: World, reg: Registry, person: Person, grad: int) -> int:
    """Add a person to the population, with contact details; returns the index."""
    index = world.people.add(person.ext_id, person.name.name, person.birth, person.college, grad, person.city)
    if person.reach is None:
        person.reach = reach(world.rng, reg.contacts, person.name, person.birth, person.city)
    if person.reach.contactable:
        world.people.flags[index] |= CONTACTABLE
    if person.notable:
        world.people.flags[index] |= NOTABLE
    if "STAFF" in person.kinds:
        world.people.flags[index] |= STAFF
    if "HONORARY" in person.kinds:
        world.people.flags[index] |= HONORARY
    return index


def write_alumnus(world: World, person: Person, note: str | None) -> None:
    """The alumni.csv row of a registered person."""
    r = person.reach
    assert r is not None
    world.out.row(
        "alumni.csv",
        (
            person.ext_id, person.name.name, person.gender, person.birth, ";".join(person.kinds),
            r.email, r.phone, person.city or None, flag(person.notable), note if person.notable else None,
            flag(r.consent_contact), flag(r.consent_directory),
        ),
    )  # fmt: skip


def note_for(world: World, person: Person, job: Job | None) -> str:
    """Why a notable person is notable, from their career when it says so."""
    rng = world.rng
    if job is not None and job.role != "EMPLOYEE":
        return f"{world.companies[job.company].name}{job.title}"
    if "STAFF" in person.kinds:
        college = world.colleges[person.college]
        honour = _SCHOLARS.pick(rng)
        if college.code in _HUMANITIES and honour.endswith("院士"):
            honour = "国家级教学名师"
        return f"{honour}，{college.name}教授"
    return rng.choice(_NOTES)


def _further(world: World, cls: ClassInfo) -> int | None:
    """A class for the next degree after `cls` (same college mostly), if one exists."""
    rng = world.rng
    step = _NEXT.get(cls.degree)
    if step is None or not chance(rng, step[1]):
        return None
    entries = range(cls.grad, cls.grad + 4)
    home = [world.class_index.get((cls.college, step[0], e)) for e in entries]
    if any(k is not None for k in home) and chance(rng, 0.8):
        return next(k for k in home if k is not None)
    found = [
        k
        for e in entries
        for ci in range(len(world.colleges))
        if (k := world.class_index.get((ci, step[0], e))) is not None
    ]
    return rng.choice(found) if found else None


def _training(world: World, cls: ClassInfo) -> int | None:
    """Now and then a graduate comes back years later for a continuing-education programme."""
    rng = world.rng
    if cls.degree == "CONTINUING" or not chance(rng, 0.04):
        return None
    for _ in range(6):
        entry, college = cls.grad + rng.randint(3, 20), rng.randrange(len(world.colleges))
        found = world.class_index.get((college, "CONTINUING", entry))
        if found is not None:
            return found
    return None


def _path(world: World, first: int) -> list[int]:
    """The classes of one person: the first, further degrees, maybe a later training class."""
    path = [first]
    while len(path) < 3 and (nxt := _further(world, world.classes[path[-1]])) is not None:
        path.append(nxt)
    if len(path) < 3 and (later := _training(world, world.classes[path[-1]])) is not None:
        path.append(later)
    return path


def _kinds(world: World, path: list[int], notable: bool) -> list[str]:
    """STUDENT and/or TRAINEE by the classes taken; some stay on as STAFF; a few notable get HONORARY."""
    degrees = [world.classes[k].degree for k in path]
    kinds = ["STUDENT"] if any(d != "CONTINUING" for d in degrees) else []
    kinds += ["TRAINEE"] if "CONTINUING" in degrees else []
    studied = [world.classes[k] for k in path if world.classes[k].degree != "CONTINUING"]
    if studied and chance(world.rng, _STAYS[studied[-1].degree]):
        kinds.append("STAFF")
    if notable and chance(world.rng, 0.1):
        kinds.append("HONORARY")
    return kinds


def _student(world: World, k: int, seq: int) -> Person:
    cls, rng = world.classes[k], world.rng
    college = world.colleges[cls.college]
    low, high = _ENTRY_AGE[cls.degree]
    gender = "F" if chance(rng, _FEMALE.get(college.code, 0.3)) else "M"
    birth = cls.entry - rng.randint(low, high)
    name, gender = new_name(world, gender, birth)
    path = _path(world, k)
    notable = chance(rng, 0.016 if cls.grad < 2000 else 0.006)
    city = home_city(rng, abroad=0.5 if name.foreign else 0.07)
    ext_id = f"{cls.entry}{college.number:02d}{_DIGIT[cls.degree]}{seq:04d}"
    degrees = [world.classes[c] for c in path if world.classes[c].degree != "CONTINUING"]
    home = (degrees[-1] if degrees else cls).college  # the college of the last degree
    return Person(ext_id, name, gender, birth, _kinds(world, path, notable), city, home, path, notable)


def _reentered(world: World, reg: Registry, k: int, seq: int) -> Person | None:
    """Now and then a trainee is someone already on file, entered again with a new number."""
    cls = world.classes[k]
    if cls.degree != "CONTINUING" or not chance(world.rng, 0.04):
        return None
    adults = [p for p in reg.recent if p.birth <= cls.entry - 22]
    if not adults:
        return None
    was = world.rng.choice(adults)
    college = world.colleges[cls.college]
    ext_id = f"{cls.entry}{college.number:02d}{_DIGIT[cls.degree]}{seq:04d}"
    old = was.reach
    assert old is not None
    again = Reach(old.email if old.email and chance(world.rng, 0.5) else None, old.phone, True, False)
    return Person(
        ext_id, was.name, was.gender, was.birth, ["TRAINEE"], was.city, cls.college, [k], reach=again
    )


def _remember(reg: Registry, person: Person) -> None:
    if person.reach is not None and (person.reach.email or person.reach.phone) and not person.name.foreign:
        reg.recent.append(person)
        if len(reg.recent) > 200:
            del reg.recent[:100]


def add_student(world: World, reg: Registry, k: int, seq: int) -> None:
    """One alumnus whose first class here is classes[k]: every row that describes them."""
    person = _reentered(world, reg, k, seq) or _student(world, k, seq)
    grad = world.classes[person.classes[-1]].grad
    index = register(world, reg, person, grad)
    for c in person.classes:
        world.classes[c].members.append(index)
        world.out.row("education.csv", (person.ext_id, world.classes[c].code))
    job = None
    if "STAFF" in person.kinds:
        stay_on(world, index, grad)
    else:
        job = employ(world, reg.companies, index, grad, person.notable)
    write_alumnus(world, person, note_for(world, person, job) if person.notable else None)
    _remember(reg, person)


def build_students(world: World, reg: Registry) -> None:
    """Every class's members, in class order."""
    for k, cls in enumerate(world.classes):
        for seq in range(1, cls.size + 1):
            add_student(world, reg, k, seq)
