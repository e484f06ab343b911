"""Who belongs to which chapter, since when, and who leads each one."""

from __future__ import annotations

from scripts.seed import places
from scripts.seed.companies import ancestry
from scripts.seed.rand import THIS_YEAR, chance
from scripts.seed.world import CONTACTABLE, EXECUTIVE, FOUNDER, NOTABLE, RETIRED, World


def _chapter_maps(world: World) -> tuple[dict[str, int], dict[str, int], list[int]]:
    """Chapter index by region code, by industry code, and the college chapters by college."""
    by_region: dict[str, int] = {}
    by_industry: dict[str, int] = {}
    by_college = [-1] * len(world.colleges)
    for i, chapter in enumerate(world.chapters):
        if chapter.kind == "REGIONAL":
            by_region[chapter.region] = i
        elif chapter.kind == "INDUSTRY":
            by_industry[chapter.industry] = i
        elif chapter.kind == "COLLEGE":
            by_college[chapter.college] = i
    return by_region, by_industry, by_college


def regional_chapter(city: str, by_region: dict[str, int]) -> int | None:
    """The most specific regional chapter for where someone lives."""
    code: str | None = city
    while code:
        if code in by_region:
            return by_region[code]
        code = places.parent_of(code)
    return None


def _industry_chapter(world: World, person: int, by_industry: dict[str, int]) -> int | None:
    employer = world.people.employer[person]
    if employer < 0:
        return None
    for code in ancestry(world.companies[employer].industry):
        if code in by_industry:
            return by_industry[code]
    return None


def _join(world: World, person: int, maps: tuple[dict[str, int], dict[str, int], list[int]]) -> None:
    rng, people = world.rng, world.people
    by_region, by_industry, by_college = maps
    notable = people.has(person, NOTABLE)
    wanted = [
        (regional_chapter(people.city[person], by_region), 0.45),
        (by_college[people.college[person]], 0.55 if notable else 0.33),
        (_industry_chapter(world, person, by_industry), 0.3),
        (0, 0.12),
    ]
    for chapter, p in wanted:
        if chapter is not None and chapter >= 0 and chance(rng, p):
            world.chapter_members[chapter].append(person)


def _standing(world: World, person: int) -> float:
    """How likely someone is to be asked to lead a chapter."""
    flags = world.people.flags[person]
    score = 5.0 * bool(flags & NOTABLE) + 3.0 * bool(flags & FOUNDER) + 2.0 * bool(flags & EXECUTIVE)
    score += 1.0 * bool(flags & CONTACTABLE) - 2.0 * bool(flags & RETIRED)
    return score + (THIS_YEAR - world.people.grad[person]) / 30.0 + world.rng.random() * 2.0


def _officers(world: World, chapter: int) -> list[int]:
    """President first, then vice presidents, then the secretary."""
    members = world.chapter_members[chapter]
    ranked = sorted(members, key=lambda m: (-_standing(world, m), m))
    vice = min(max(0, len(ranked) - 2), 1 + len(ranked) // 40, 4)
    return ranked[: 1 + vice + (1 if len(ranked) > 1 else 0)]


def _within(city: str, region: str) -> bool:
    return bool(city) and (city == region or places.parent_of(city) == region)


def _recruit(world: World, chapter: int) -> None:
    """A chapter nobody joined by chance still has a president: someone connected to it."""
    people, c = world.people, world.chapters[chapter]
    fits = [
        p
        for p in range(len(people))
        if (c.college >= 0 and people.college[p] == c.college)
        or (c.region and _within(people.city[p], c.region))
    ]
    world.chapter_members[chapter].append(world.rng.choice(fits or range(len(people))))


def build_memberships(world: World) -> None:
    """Memberships, with one president per chapter and a few vice presidents and a secretary."""
    maps = _chapter_maps(world)
    for person in range(len(world.people)):
        _join(world, person, maps)
    for chapter, members in enumerate(world.chapter_members):
        if not members:
            _recruit(world, chapter)
        world.officers.append(_officers(world, chapter))
        _write(world, chapter)


def _write(world: World, chapter: int) -> None:
    c, people, rng = world.chapters[chapter], world.people, world.rng
    officers = world.officers[chapter]
    roles = {officers[0]: "PRESIDENT"}
    roles.update({p: "VICE_PRESIDENT" for p in officers[1:-1]})
    if len(officers) > 1:
        roles[officers[-1]] = "SECRETARY"
    for person in world.chapter_members[chapter]:
        since = rng.randint(max(c.founded, people.grad[person]), THIS_YEAR)
        world.out.row("memberships.csv", (people.ids[person], c.code, roles.get(person, "MEMBER"), since))
