"""Companies at home and abroad: credit codes with check digits, GB/T 4754 industries, needs."""

from __future__ import annotations

import random
from collections import defaultdict
from functools import cache

from stdnum.cn.uscc import calc_check_digit

from graph import reference
from scripts.seed import places
from scripts.seed.rand import Weighted, chance
from scripts.seed.world import Company, World

_SECTIONS = Weighted([
    ("I", 16.0), ("C", 22.0), ("J", 10.0), ("M", 7.0), ("L", 8.0), ("F", 8.0), ("K", 5.0), ("E", 5.0),
    ("Q", 4.0), ("P", 3.0), ("R", 3.0), ("G", 3.0), ("D", 2.0), ("N", 1.0), ("H", 1.0), ("O", 1.0),
    ("B", 0.5), ("A", 0.5),
])  # fmt: skip
_NO_COMPANIES = frozenset({"661", "665", "675", "687"})  # central bank and regulators
_SIZES = Weighted([("MICRO", 25.0), ("SMALL", 40.0), ("MEDIUM", 25.0), ("LARGE", 10.0)])
_BRAND = [
    "华hua",
    "创chuang",
    "智zhi",
    "联lian",
    "云yun",
    "信xin",
    "达da",
    "恒heng",
    "泰tai",
    "鑫xin",
    "博bo",
    "睿rui",
    "源yuan",
    "盛sheng",
    "宏hong",
    "科ke",
    "新xin",
    "锐rui",
    "远yuan",
    "航hang",
    "星xing",
    "海hai",
    "天tian",
    "中zhong",
    "金jin",
    "安an",
    "和he",
    "嘉jia",
    "汇hui",
    "通tong",
    "瑞rui",
    "凯kai",
    "明ming",
    "德de",
    "元yuan",
    "晟sheng",
    "辰chen",
    "腾teng",
    "极ji",
    "光guang",
    "铭ming",
    "越yue",
    "卓zhuo",
    "领ling",
    "启qi",
    "融rong",
    "蓝lan",
    "峰feng",
]
# Trade words by division (first) or section: (Chinese, English for the website).
_TRADE = {
    "27": (("生物医药", "pharma"), ("制药", "pharma")), "36": (("汽车零部件", "auto"),),
    "39": (("电子", "electronics"), ("微电子", "semi")), "66": (("金融服务", "finance"),),
    "67": (("投资管理", "capital"), ("资产管理", "capital")), "68": (("保险经纪", "insurance"),),
    "70": (("置业", "land"), ("房地产开发", "realty")), "723": (("律师事务所", "law"),),
    "841": (("医院", "hospital"),), "I": (("科技", "tech"), ("网络科技", "net"), ("信息技术", "it"),
    ("软件", "soft"), ("数据科技", "data"), ("智能科技", "ai")), "C": (("机械", "machinery"),
    ("新材料", "materials"), ("精密制造", "precision"), ("智能装备", "equip"), ("化工", "chem")),
    "M": (("检测技术", "testing"), ("工程设计", "design"), ("技术研究院", "research")),
    "L": (("咨询", "consulting"), ("人力资源", "hr"), ("会展", "expo")), "F": (("贸易", "trade"),
    ("商贸", "trade"), ("供应链管理", "supply")), "E": (("建设工程", "build"), ("建筑", "build")),
    "P": (("教育科技", "edu"), ("培训学校", "school")), "Q": (("医疗科技", "health"),),
    "R": (("文化传媒", "media"), ("影视", "film")), "G": (("物流", "logistics"), ("航运", "shipping")),
    "D": (("新能源", "energy"), ("电力", "power")), "J": (("投资", "invest"),),
}  # fmt: skip
_FOREIGN_WORDS = [
    "North",
    "Blue",
    "Silver",
    "Peak",
    "Bright",
    "Pacific",
    "Atlas",
    "Nova",
    "Orion",
    "Summit",
    "Harbor",
    "Crest",
    "Vertex",
    "Lumen",
    "Cedar",
    "Granite",
    "Evergreen",
    "Quantum",
    "Apex",
    "Sterling",
]
_FOREIGN_TRADE = {
    "I": "Systems Labs Technologies Networks Analytics", "J": "Capital Partners Investments",
    "C": "Robotics Semiconductor Materials Devices", "Q": "Health Biotech", "27": "Biotech Therapeutics",
}  # fmt: skip
_FORMS = {
    "US": "Inc.", "GB": "Ltd.", "DE": "GmbH", "JP": "K.K.", "SG": "Pte. Ltd.", "FR": "SAS", "CH": "AG",
    "NL": "B.V.", "KR": "Co., Ltd.", "CA": "Inc.", "AU": "Pty Ltd", "CN": "Limited",
}  # fmt: skip
_ORG = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_NEEDS = {
    "TECH": ("寻求与学校实验室合作开展关键技术攻关", "希望共建校企联合研发中心",
             "需要数据分析与算法方面的技术支持", "希望推动专利成果转化与中试合作"),
    "FINANCE": ("寻求A轮融资，计划融资3000万元", "希望对接校友投资机构", "寻求Pre-IPO轮战略投资",
                "需要科技型中小企业贷款担保支持"),
    "LEGAL": ("需要知识产权布局与专利申请咨询", "需要海外市场合规法律咨询", "需要股权架构设计法律咨询",
              "需要劳动用工合规审查"),
    "TALENT": ("招聘应届毕业生若干名，优先考虑本校学生", "希望建立实习基地，每年接收实习生20名",
               "引进高层次技术与管理人才"),
    "TRAINING": ("希望合作开展中层管理人员培训", "需要定制工程师继续教育课程", "希望合作开设高管研修班"),
}  # fmt: skip


@cache
def _children() -> dict[str, list[str]]:
    kids: dict[str, list[str]] = defaultdict(list)
    for row in reference.read_table("industries"):
        if row.parent_code is not None and row.code not in _NO_COMPANIES:
            kids[row.parent_code].append(row.code)
    return kids


def pick_industry(rng: random.Random) -> str:
    """A division, group or class code: as deep as the reference data and chance allow."""
    code = rng.choice(_children()[_SECTIONS.pick(rng)])
    while _children().get(code) and chance(rng, 0.7):
        code = rng.choice(_children()[code])
    return code


def org_code(rng: random.Random) -> str:
    """A 9-character organisation code with its GB 11714 check character."""
    body = (
        "MA" + "".join(rng.choice(_ORG) for _ in range(6))
        if chance(rng, 0.6)
        else f"{rng.randrange(10**8):08d}"
    )
    total = sum(_ORG.index(ch) * w for ch, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = 11 - total % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


def credit_code(rng: random.Random, city: str, kind: str = "91") -> str:
    """An 18-character unified social credit code registered in a district of `city`."""
    body = f"{kind}{city[:4]}{rng.randint(1, 12):02d}{org_code(rng)}"
    return body + calc_check_digit(body)


def _trade(rng: random.Random, industry: str, section: str) -> tuple[str, str]:
    for key in (industry[:3], industry[:2], section):
        if key in _TRADE:
            return rng.choice(_TRADE[key])
    return ("实业", "group")


@cache
def _parents() -> dict[str, str]:
    return {r.code: r.parent_code for r in reference.read_table("industries") if r.parent_code}


@cache
def ancestry(code: str) -> tuple[str, ...]:
    """A GB/T 4754 code and every code above it, most specific first (the section last)."""
    parent = _parents().get(code)
    return (code,) if parent is None else (code, *ancestry(parent))


def section_of(industry: str) -> str:
    """The GB/T 4754 section letter above a code."""
    return ancestry(industry)[-1]


def _domestic(rng: random.Random, industry: str, section: str, size: str) -> tuple[str, str, str, str]:
    """(credit code, name, city, website) of a mainland company."""
    city = places.COMPANY_HOME.pick(rng)
    brand = [rng.choice(_BRAND) for _ in range(2)]
    trade, english = _trade(rng, industry, section)
    if trade in ("律师事务所", "医院"):
        name = f"{places.short_name(city)}{brand[0][0]}{brand[1][0]}{trade}"
        kind = "31" if trade == "律师事务所" else "52"
    else:
        form = "股份有限公司" if size == "LARGE" and chance(rng, 0.6) else "有限公司"
        name = f"{places.short_name(city)}{brand[0][0]}{brand[1][0]}{trade}{form}"
        kind = "91"
    slug = f"{brand[0][1:]}{brand[1][1:]}-{english}"
    tld = ".com" if chance(rng, 0.6) else ".cn"
    return credit_code(rng, city, kind), name, city, f"https://www.{slug}{tld}"


def _foreign(rng: random.Random, industry: str, section: str) -> tuple[str, str, str, str]:
    """(X- id, name, city, website) of a company registered abroad (Hong Kong included)."""
    city = places.COMPANY_ABROAD.pick(rng)
    trades = _FOREIGN_TRADE.get(industry[:2], _FOREIGN_TRADE.get(section, "Consulting Logistics Energy"))
    first, second = rng.sample(_FOREIGN_WORDS, 2)
    words = [first + second.lower(), rng.choice(trades.split())]
    country = places.country_of(city) if not places.is_domestic(city) else "CN"
    name = f"{words[0]} {words[1]} {_FORMS.get(country, 'Ltd.')}"
    if places.is_domestic(city):
        name = f"{words[0]} {words[1]} (Hong Kong) Limited"
        country = "HK"
    slug = f"{words[0]}{words[1]}".lower()
    return f"X-{country}-{slug.upper()}", name, city, f"https://www.{slug}.com"


def _company(rng: random.Random) -> Company:
    industry = pick_industry(rng)
    section, size = section_of(industry), _SIZES.pick(rng)
    if chance(rng, 0.08):
        code, name, city, site = _foreign(rng, industry, section)
    else:
        code, name, city, site = _domestic(rng, industry, section, size)
    website = site if size in ("MEDIUM", "LARGE") or chance(rng, 0.6) else ""
    return Company(code, name, industry, section, city, size, website)


def build_companies(world: World) -> None:
    """About one company per eight alumni (distinct codes and names): companies.csv, needs.csv."""
    target = max(30, round(world.alumni / 8))
    keys: set[str] = set()
    names: set[str] = set()
    for _ in range(target * 5):
        if len(world.companies) == target:
            break
        company = _company(world.rng)
        if company.credit_code in keys or company.name in names:
            continue  # drawn twice: draw again
        keys.add(company.credit_code)
        names.add(company.name)
        world.companies.append(company)
        c = company
        world.out.row("companies.csv", (c.credit_code, c.name, c.industry, c.city, c.size, c.website))
        _needs(world, company)


def _needs(world: World, company: Company) -> None:
    rng = world.rng
    if not chance(rng, 0.3):
        return
    for kind in rng.sample(sorted(_NEEDS), rng.randint(1, 2)):
        world.out.row("needs.csv", (company.credit_code, kind, rng.choice(_NEEDS[kind])))
        world.needs.setdefault(len(world.companies) - 1, []).append(kind)
