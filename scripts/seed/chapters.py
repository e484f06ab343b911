"""The alumni association: the general association and its college, regional and industry chapters."""

from __future__ import annotations

from collections import Counter

from scripts.seed import places
from scripts.seed.institutions import UNIVERSITY
from scripts.seed.rand import THIS_YEAR
from scripts.seed.world import Chapter, World

GENERAL = "HXAA"
_INDUSTRY_CHAPTERS = (
    ("I", "信息技术"), ("J", "金融"), ("C", "智能制造"), ("Q", "医疗健康"), ("K", "房地产"),
    ("723", "法律"), ("M", "科技创新"), ("P", "教育"), ("E", "建筑"), ("R", "文化传媒"),
    ("27", "生物医药"), ("652", "集成电路"), ("36", "汽车"), ("F", "商贸"), ("D", "能源"),
    ("G", "交通物流"), ("676", "创业投资"), ("643", "互联网平台"), ("L", "商务服务"), ("70", "地产"),
)  # fmt: skip
_SHARES = (("city", 0.45), ("province", 0.25), ("country", 0.15), ("abroad", 0.15))
_MUNICIPAL = frozenset({"110000", "120000", "310000", "500000", "710000", "810000", "820000"})


def chapter_target(alumni: int) -> int:
    """60 chapters for small bundles, growing to 150 for large ones."""
    return max(60, min(150, 40 + alumni // 1000))


def _add(world: World, chapter: Chapter) -> None:
    world.chapters.append(chapter)
    world.chapter_members.append([])
    c = chapter
    college = world.colleges[c.college].code if c.college >= 0 else None
    parent = None if c.kind == "GENERAL" else GENERAL
    world.out.row(
        "chapters.csv",
        (c.code, c.name, c.kind, parent, college, c.region or None, c.industry or None, c.founded),
    )


def _resident_counts(world: World) -> dict[str, Counter[str]]:
    """Residents per city, province, country and foreign city."""
    counts: dict[str, Counter[str]] = {kind: Counter() for kind, _ in _SHARES}
    for city in world.people.city:
        if not city:
            continue
        if places.is_domestic(city):
            counts["city"][city] += 1
            province = places.parent_of(city)
            if province and province not in _MUNICIPAL:
                counts["province"][province] += 1
        else:
            counts["country"][places.country_of(city)] += 1
            if "-" in city:
                counts["abroad"][city] += 1
    return counts


def _regions(world: World, budget: int) -> list[str]:
    """The most populous places of each kind in proportion to `budget`, then the rest as spares."""
    counts = _resident_counts(world)
    ranked = {kind: sorted(counts[kind], key=lambda code: (-counts[kind][code], code)) for kind, _ in _SHARES}
    chosen = [code for kind, share in _SHARES for code in ranked[kind][: round(budget * share)]]
    taken = set(chosen)
    return chosen + [code for kind, _ in _SHARES for code in ranked[kind] if code not in taken]


def _college_chapters(world: World) -> None:
    for ci, college in enumerate(world.colleges):
        founded = world.rng.randint(max(1990, college.since + 10), 2012)
        name = f"{UNIVERSITY}{college.name}校友会"
        _add(world, Chapter(f"{GENERAL}-{college.code}", name, "COLLEGE", founded, college=ci))


def _industry_chapters(world: World) -> None:
    count = max(8, min(len(_INDUSTRY_CHAPTERS), 8 + world.alumni // 10000))
    for code, label in _INDUSTRY_CHAPTERS[:count]:
        name, founded = f"{UNIVERSITY}{label}校友会", world.rng.randint(2010, 2022)
        _add(world, Chapter(f"{GENERAL}-I-{code}", name, "INDUSTRY", founded, industry=code))


def _regional_chapters(world: World) -> None:
    target = chapter_target(world.alumni)
    names = {c.name for c in world.chapters}
    for rank, region in enumerate(_regions(world, target - len(world.chapters))):
        if len(world.chapters) == target:
            break
        founded = min(THIS_YEAR - 1, 1992 + rank // 2 + world.rng.randint(0, 8))
        name = f"{UNIVERSITY}{places.short_name(region)}校友会"
        if name in names:
            continue  # 新加坡 the city and 新加坡 the country: one chapter
        names.add(name)
        _add(world, Chapter(f"{GENERAL}-R-{region}", name, "REGIONAL", founded, region=region))


def build_chapters(world: World) -> None:
    """General association, a chapter per college, industry chapters, then regional chapters
    where most alumni live (all with the general association as parent): chapters.csv."""
    _add(world, Chapter(GENERAL, f"{UNIVERSITY}校友总会", "GENERAL", 1986))
    _college_chapters(world)
    _industry_chapters(world)
    _regional_chapters(world)
