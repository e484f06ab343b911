"""Leaders' outreach (visits, meetings, calls, feedback) and the yearly awards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from scripts.seed.rand import THIS_YEAR, Weighted, chance, day_in
from scripts.seed.world import NOTABLE, World

FIRST_YEAR = 2015
_TARGETS = Weighted([("chapter", 35.0), ("notable", 40.0), ("company", 15.0), ("alumnus", 10.0)])
_KINDS = {
    "chapter": Weighted([("VISIT", 3.0), ("MEETING", 2.0)]),
    "notable": Weighted([("VISIT", 3.0), ("MEETING", 2.0), ("CALL", 2.0), ("MESSAGE", 1.0)]),
    "company": Weighted([("VISIT", 1.0)]),
    "alumnus": Weighted([("CALL", 2.0), ("MESSAGE", 1.0), ("FEEDBACK", 2.0)]),
}
_SUMMARY = {
    ("chapter", "VISIT"): ("走访{0}，通报学校发展情况并听取校友意见", "出席{0}年会并介绍学校近况"),
    ("chapter", "MEETING"): ("与{0}理事会座谈", "召开{0}工作交流会"),
    ("notable", "VISIT"): ("拜访{0}校友，介绍学校学科建设进展", "看望{0}校友，通报学校发展情况"),
    ("notable", "MEETING"): ("与{0}校友座谈人才培养与科研合作", "与{0}校友商谈设立奖学金事宜"),
    ("notable", "CALL"): ("电话问候{0}校友", "电话邀请{0}校友回校讲座"),
    ("notable", "MESSAGE"): ("向{0}校友致信问候", "向{0}校友寄送校庆纪念册"),
    ("company", "VISIT"): ("走访校友企业{0}，洽谈产学研合作", "到{0}调研校友企业发展情况"),
    ("alumnus", "CALL"): ("与{0}校友电话沟通捐赠意向", "电话回访{0}校友"),
    ("alumnus", "MESSAGE"): ("回复{0}校友的来信", "向{0}校友发送活动邀请"),
    ("alumnus", "FEEDBACK"): ("收到{0}校友的意见反馈", "整理{0}校友在活动后的反馈"),
}  # fmt: skip
_FEEDBACK = {
    "chapter": ("希望学校进一步加强与地方校友会的联系", "建议多举办面向青年校友的职业发展活动",
                "校友会计划设立奖学金支持家乡学子", "希望学校支持校友会换届与秘书处建设",
                "建议建立校友企业资源对接平台"),
    "notable": ("愿意回校为学生作报告", "有意向设立专项奖学金", "希望加强学院与企业的联合培养",
                "关注学校人工智能学科发展", "愿意担任校友导师"),
    "company": ("企业愿意接收实习生", "希望共建联合实验室", "有意向捐赠实验设备",
                "需要学校在人才招聘方面提供支持"),
    "alumnus": ("建议完善校友信息平台的隐私设置", "希望校友卡可以进入图书馆", "希望及时收到学院活动通知"),
}  # fmt: skip


@dataclass
class Touch:
    """One interaction before its id is known (ids follow date order)."""

    day: date
    kind: str
    by: str
    with_alumnus: str | None
    with_chapter: str | None
    with_company: str | None
    summary: str
    feedback: str | None


def _target(
    world: World, what: str, notables: list[int]
) -> tuple[str, tuple[str | None, str | None, str | None]]:
    """(name used in the summary, the with_* columns) of someone or something to reach out to."""
    rng, people = world.rng, world.people
    if what == "chapter":
        chapter = world.chapters[rng.randrange(len(world.chapters))]
        return chapter.name, (None, chapter.code, None)
    if what == "company":
        company = world.companies[rng.randrange(len(world.companies))]
        return company.name, (None, None, company.credit_code)
    person = rng.choice(notables) if what == "notable" and notables else rng.randrange(len(people))
    return people.names[person], (people.ids[person], None, None)


def _touch(world: World, year: int, notables: list[int]) -> Touch:
    rng = world.rng
    what = _TARGETS.pick(rng)
    if what == "notable" and not notables:
        what = "alumnus"
    name, (alumnus, chapter, company) = _target(world, what, notables)
    by = world.people.ids[rng.choice(world.leaders)]
    kind = _KINDS[what].pick(rng)
    summary = rng.choice(_SUMMARY[(what, kind)]).format(name)
    feedback = rng.choice(_FEEDBACK[what]) if kind == "FEEDBACK" or chance(rng, 0.7) else None
    return Touch(day_in(rng, year), kind, by, alumnus, chapter, company, summary, feedback)


def build_interactions(world: World) -> None:
    """About one interaction per ten alumni, 2015 to date; a fifth of notable alumni never reached."""
    people = world.people
    notable = [p for p in range(len(people)) if people.flags[p] & NOTABLE]
    reached = [p for p in notable if chance(world.rng, 0.8)]
    per_year = max(100, round(world.alumni / 10)) // (THIS_YEAR - FIRST_YEAR + 1)
    n = 0
    for year in range(FIRST_YEAR, THIS_YEAR + 1):
        touches = sorted((_touch(world, year, reached) for _ in range(per_year)), key=lambda t: t.day)
        for t in touches:
            n += 1
            world.out.row(
                "interactions.csv",
                (
                    f"INT-{n:06d}",
                    t.day,
                    t.kind,
                    t.by,
                    t.with_alumnus,
                    t.with_chapter,
                    t.with_company,
                    t.summary,
                    t.feedback,
                ),
            )


def _award(world: World, year: int, n: int, kind: str, title: str, target: tuple[str | None, ...]) -> None:
    world.out.row("awards.csv", (f"AW-{year}-{n:03d}", kind, year, title, *target))


def _awards_of_year(world: World, year: int, candidates: list[int]) -> None:
    rng, colleges = world.rng, world.colleges
    ranked = rng.sample(range(len(colleges)), min(len(colleges), 7))
    grants: list[tuple[str, str, tuple[str | None, ...]]] = []
    for place, ci in enumerate(ranked[:6]):
        level = "一" if place == 0 else "二" if place < 3 else "三"
        grants.append(("COLLEGE_WORK", f"{year}年度校友工作考核{level}等奖", (colleges[ci].code, None, None)))
    grants.append(
        ("BREAKTHROUGH", f"{year}年度校友与发展工作突破奖", (colleges[ranked[-1]].code, None, None))
    )
    chapters = rng.sample(
        range(1, len(world.chapters)), min(len(world.chapters) - 1, max(3, len(world.chapters) // 15))
    )
    grants += [
        ("OUTSTANDING_CHAPTER", f"{year}年度优秀校友会", (None, world.chapters[c].code, None))
        for c in chapters
    ]
    eligible = [p for p in candidates if world.people.grad[p] <= year]
    people = rng.sample(eligible, min(len(eligible), max(5, min(30, world.alumni // 5000))))
    grants += [
        ("OUTSTANDING_INDIVIDUAL", f"{year}年度优秀校友工作者", (None, None, world.people.ids[p]))
        for p in people
    ]
    for n, (kind, title, target) in enumerate(grants, start=1):
        _award(world, year, n, kind, title, target)


def build_awards(world: World) -> None:
    """Each year's evaluation: college work prizes, a breakthrough prize, outstanding chapters and people."""
    candidates = sorted({p for officers in world.officers for p in officers})
    for year in range(FIRST_YEAR, THIS_YEAR):
        _awards_of_year(world, year, candidates)
