"""Colleges and their graduating classes, 1960–2025, sized from the number of alumni."""

from __future__ import annotations

from scripts.seed.rand import THIS_YEAR, weighted_sample
from scripts.seed.world import ClassInfo, College, World

UNIVERSITY = "华夏大学"
FOUNDED = 1926
FIRST_CLASS, LAST_CLASS = 1960, 2025
REUNIONS = (10, 20, 30, 40, 50, 60)

# code, name, since, majors, industries graduates go into (GB/T 4754 prefixes), job titles
_COLLEGES = (
    ("CS", "计算机学院", 1978, "计算机科学与技术 软件工程 人工智能 网络空间安全", "64 65 63 39",
     "软件工程师 算法工程师 架构师 产品经理 数据科学家 测试工程师"),
    ("EM", "经济管理学院", 1984, "经济学 工商管理 会计学 金融学 市场营销", "66 67 68 69 72 51",
     "分析师 投资经理 会计师 咨询顾问 客户经理 审计师"),
    ("EE", "电子信息学院", 1958, "电子信息工程 通信工程 微电子科学与工程", "39 63 65",
     "硬件工程师 通信工程师 芯片设计工程师 射频工程师"),
    ("ME", "机械工程学院", 1952, "机械设计制造及其自动化 车辆工程 机器人工程", "34 35 36 37",
     "机械工程师 工艺工程师 质量工程师"),
    ("CE", "土木工程学院", 1952, "土木工程 工程管理 给排水科学与工程", "47 48 70",
     "结构工程师 项目经理 造价工程师"),
    ("CH", "化学化工学院", 1952, "化学 化学工程与工艺 应用化学", "26 27 28 29",
     "研发工程师 工艺工程师 质检主管"),
    ("MA", "数学与统计学院", 1952, "数学与应用数学 统计学 信息与计算科学", "65 67 73",
     "量化研究员 数据分析师 精算师"),
    ("PH", "物理科学与技术学院", 1952, "物理学 光电信息科学与工程 核工程与核技术", "73 39 40 44",
     "研究员 光学工程师 工程师"),
    ("LS", "生命科学学院", 1980, "生物科学 生物技术 生物信息学", "27 73 84",
     "研发科学家 注册专员 实验室主管"),
    ("MD", "医学院", 1956, "临床医学 药学 护理学 口腔医学", "84 27 515",
     "医生 主治医师 药师 护士长"),
    ("LAW", "法学院", 1979, "法学 知识产权", "723 752 72", "律师 法务经理 合规总监"),
    ("LIT", "文学院", 1952, "汉语言文学 新闻学 广告学", "86 87 725 83", "编辑 记者 文案策划"),
    ("FL", "外国语学院", 1960, "英语 日语 翻译", "83 72 51 61", "翻译 国际业务经理 教师"),
    ("AR", "建筑与城市规划学院", 1995, "建筑学 城乡规划 风景园林", "748 47 70", "建筑师 规划师 设计总监"),
    ("EN", "环境科学与工程学院", 1998, "环境工程 环境科学", "77 746 46", "环境工程师 环评工程师"),
    ("MS", "材料科学与工程学院", 1985, "材料科学与工程 高分子材料与工程", "30 31 32 33 29",
     "材料工程师 工艺工程师"),
    ("PA", "公共管理学院", 2000, "行政管理 社会工作 公共事业管理", "72 85 83", "行政主管 项目主管 社工"),
    ("AU", "人工智能与自动化学院", 1970, "自动化 电气工程及其自动化", "38 40 44 34",
     "电气工程师 自动化工程师"),
)  # fmt: skip
_DURATION = {"BACHELOR": 4, "MASTER": 3, "DOCTORATE": 4, "CONTINUING": 2}
_FIRST = {"BACHELOR": FIRST_CLASS, "MASTER": 1982, "DOCTORATE": 1987, "CONTINUING": 1986}
_LETTER = {"BACHELOR": "B", "MASTER": "M", "DOCTORATE": "D", "CONTINUING": "C"}
_CLASS_WEIGHT = {"BACHELOR": 1.0, "MASTER": 0.6, "DOCTORATE": 0.25, "CONTINUING": 0.3}
_SIZE_WEIGHT = {"BACHELOR": 1.0, "MASTER": 0.5, "DOCTORATE": 0.2, "CONTINUING": 0.35}
DEGREES = tuple(_DURATION)

Combo = tuple[int, str, int]  # college, degree, graduation year


def build_colleges(world: World) -> None:
    """The colleges, written to colleges.csv."""
    for number, (code, name, since, majors, industries, jobs) in enumerate(_COLLEGES, start=1):
        college = College(
            code=code,
            name=name,
            number=number,
            since=since,
            majors=tuple(majors.split()),
            industries=tuple(industries.split()),
            jobs=tuple(jobs.split()),
            bachelor_years=5 if code == "MD" else 4,
        )
        world.colleges.append(college)
        world.out.row("colleges.csv", (code, name))


def duration(college: College, degree: str) -> int:
    """Years from entry to graduation."""
    return college.bachelor_years if degree == "BACHELOR" else _DURATION[degree]


def _growth(degree: str, grad: int) -> float:
    expansion = 1.5 if degree == "BACHELOR" and grad >= 2003 else 1.0  # enrolment expansion of 1999
    return (1.0 + max(0, grad - FIRST_CLASS) / 12.0) * expansion


def _combos(world: World) -> list[Combo]:
    combos: list[Combo] = []
    for ci, college in enumerate(world.colleges):
        for degree in DEGREES:
            first = max(_FIRST[degree], college.since + duration(college, degree) + 2)
            combos += [(ci, degree, grad) for grad in range(first, LAST_CLASS + 1)]
    return combos


def _reunion_combos(world: World, combos: set[Combo]) -> list[Combo]:
    """Bachelor classes with a 10/20/…/60-year reunion this year or next, one college each."""
    forced: list[Combo] = []
    for year in (THIS_YEAR, THIS_YEAR + 1):
        for n in REUNIONS:
            order = list(range(len(world.colleges)))
            world.rng.shuffle(order)
            hit = next(
                ((ci, "BACHELOR", year - n) for ci in order if (ci, "BACHELOR", year - n) in combos), None
            )
            if hit is not None and hit not in forced:
                forced.append(hit)
    return forced


def _choose(world: World, students: int) -> list[Combo]:
    combos = _combos(world)
    target = max(40, min(len(combos), round(students / 30)))
    forced = _reunion_combos(world, set(combos))
    taken = set(forced)
    rest = [c for c in combos if c not in taken]
    pairs = [(c, _CLASS_WEIGHT[c[1]] * _growth(c[1], c[2])) for c in rest]
    chosen = forced + weighted_sample(world.rng, pairs, max(0, target - len(forced)))
    order = {d: i for i, d in enumerate(DEGREES)}
    return sorted(chosen, key=lambda c: (c[0], order[c[1]], c[2]))


def _sizes(combos: list[Combo], students: int) -> list[int]:
    """Largest-remainder shares of `students`, at least 3 per class when there are enough."""
    floor = 3 if students >= 3 * len(combos) else 1 if students >= len(combos) else 0
    weights = [_SIZE_WEIGHT[d] * _growth(d, g) for _, d, g in combos]
    spare = students - floor * len(combos)
    shares = [spare * w / sum(weights) for w in weights]
    sizes = [floor + int(s) for s in shares]
    by_remainder = sorted(range(len(combos)), key=lambda i: (int(shares[i]) - shares[i], i))
    for i in by_remainder[: students - sum(sizes)]:
        sizes[i] += 1
    return sizes


def build_classes(world: World, students: int) -> None:
    """Classes across 1960–2025 and every degree, sized to share `students`; written to classes.csv."""
    combos = _choose(world, students)
    for (ci, degree, grad), size in zip(combos, _sizes(combos, students), strict=True):
        college = world.colleges[ci]
        entry = grad - duration(college, degree)
        code = f"{college.code}-{_LETTER[degree]}-{entry}"
        info = ClassInfo(code, ci, degree, world.rng.choice(college.majors), entry, grad, size)
        world.class_index[(ci, degree, entry)] = len(world.classes)
        world.classes.append(info)
        world.out.row("classes.csv", (code, college.code, info.name, degree, info.major, entry, grad))
