"""Acquaintance: recorded KNOWS ties (classmates, colleagues, mentors, friends) and class liaisons."""

from __future__ import annotations

from collections import defaultdict

from scripts.seed.rand import Weighted, chance, ordered_pair
from scripts.seed.world import CONTACTABLE, World

_STRENGTH = {
    "CLASSMATE": Weighted([(2, 2.0), (3, 3.0), (4, 2.0), (5, 1.0)]),
    "FRIEND": Weighted([(3, 2.0), (4, 3.0), (5, 2.0)]),
    "COLLEAGUE": Weighted([(1, 1.0), (2, 3.0), (3, 3.0), (4, 1.0)]),
    "MENTOR": Weighted([(3, 1.0), (4, 2.0), (5, 2.0)]),
}


class Ties:
    """Writes each unordered pair once (KNOWS is one relationship per pair)."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.seen: set[tuple[int, int]] = set()

    def add(self, a: int, b: int, kind: str) -> None:
        """Record that a knows b (a is the mentor for MENTOR), unless the pair is known already."""
        pair = ordered_pair(a, b)
        if a == b or pair in self.seen:
            return
        self.seen.add(pair)
        ids, strength = self.world.people.ids, _STRENGTH[kind].pick(self.world.rng)
        self.world.out.row("relations.csv", (ids[a], ids[b], kind, strength))

    def among(self, group: list[int], ratio: float, kinds: Weighted[str]) -> None:
        """About ratio × len(group) ties between random members of a group."""
        rng = self.world.rng
        if len(group) < 2:
            return
        for _ in range(max(1, round(len(group) * ratio))):
            a, b = rng.sample(group, 2)
            self.add(a, b, kinds.pick(rng))


def _by_city(world: World) -> dict[str, list[int]]:
    residents: dict[str, list[int]] = defaultdict(list)
    for person, city in enumerate(world.people.city):
        if city:
            residents[city].append(person)
    return residents


def _mentors(world: World, ties: Ties) -> None:
    rng = world.rng
    classes_of: dict[int, list[int]] = defaultdict(list)
    for k, cls in enumerate(world.classes):
        if cls.members:
            classes_of[cls.college].append(k)
    for college, teachers in enumerate(world.staff_of):
        for teacher in teachers:
            for _ in range(rng.randint(0, 4) if classes_of[college] else 0):
                mentee = rng.choice(world.classes[rng.choice(classes_of[college])].members)
                ties.add(teacher, mentee, "MENTOR")


def build_relations(world: World) -> None:
    """Ties within classes and companies, teachers and students, and friends in one city."""
    ties = Ties(world)
    school = Weighted([("CLASSMATE", 3.0), ("FRIEND", 1.0)])
    for cls in world.classes:
        ties.among(cls.members, 0.6, school)
    staff: dict[int, list[int]] = defaultdict(list)
    for person, employer in enumerate(world.people.employer):
        if employer >= 0:
            staff[employer].append(person)
    work = Weighted([("COLLEAGUE", 1.0)])
    for company in sorted(staff):
        ties.among(staff[company], 0.4, work)
    _mentors(world, ties)
    friends = Weighted([("FRIEND", 1.0)])
    residents = _by_city(world)
    for city in sorted(residents):
        if len(residents[city]) > 20:
            ties.among(residents[city], 0.05, friends)


def build_liaisons(world: World) -> None:
    """A liaison in most classes (a member who can be reached), a second one in a few."""
    rng, flags = world.rng, world.people.flags
    for cls in world.classes:
        if not cls.members or not chance(rng, 0.88):
            continue
        reachable = [m for m in cls.members if flags[m] & CONTACTABLE] or cls.members
        count = 2 if len(reachable) > 10 and chance(rng, 0.08) else 1
        for person in rng.sample(reachable, count):
            world.out.row("liaisons.csv", (world.people.ids[person], cls.code))
