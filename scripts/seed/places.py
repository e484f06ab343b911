"""Where people and companies are: weighted cities at home and abroad, over the shipped regions."""

from __future__ import annotations

from functools import cache

from graph import reference
from scripts.seed.rand import Weighted

CAMPUS_CITY = "420100"  # 武汉: the university's own city, home of many alumni and most events

# Big cities (GB/T 2260) with rough shares of where graduates live; every other prefecture-level
# city gets a thin share so the long tail exists too.
_HOME = """
110100:14 310100:12 440300:9 420100:10 440100:6 330100:6 320100:4 510100:4 610100:3 320500:3
120100:2 500100:2.5 430100:2.5 410100:2 340100:2 370200:1.5 350200:1.5 370100:1.2 330200:1.2
350100:1 441900:1.2 440600:1 320200:1 210100:0.8 210200:0.8 530100:0.8 360100:0.8 230100:0.6
220100:0.6 130100:0.6 140100:0.5 450100:0.6 520100:0.6 620100:0.4 650100:0.3 460100:0.4
150100:0.3 810100:0.8 820100:0.1 710100:0.1 420500:0.8 420600:0.7 421000:0.5 421100:0.4
"""
_ABROAD = """
US-NYC:1.2 US-SFO:1.2 US-SJC:1.0 US-BOS:0.6 US-SEA:0.6 US-LAX:0.6 US-CHI:0.3 US-WAS:0.3
US-HOU:0.2 CA-TOR:0.7 CA-VAN:0.6 GB-LON:0.7 DE-MUC:0.3 DE-BER:0.2 FR-PAR:0.3 NL-AMS:0.1
CH-ZRH:0.1 JP-TYO:0.5 KR-SEL:0.2 SG-SIN:0.7 AU-SYD:0.6 AU-MEL:0.4 NZ-AKL:0.2 AE-DXB:0.1
MY-KUL:0.1 SE-STO:0.05 IT-MIL:0.05 ES-MAD:0.05 US:0.3 CA:0.1 DE:0.1 JP:0.1 AU:0.1
"""
_COMPANY_ABROAD = """
US-SJC:3 US-SFO:2 US-NYC:2 US-SEA:1 US-BOS:0.6 GB-LON:1.2 DE-MUC:0.8 DE-FRA:0.4 JP-TYO:1
SG-SIN:1.2 KR-SEL:0.6 FR-PAR:0.5 CH-ZRH:0.4 NL-AMS:0.4 810100:1.5 CA-TOR:0.4 AU-SYD:0.4
"""
_EURO = frozenset(["DE", "FR", "NL", "IT", "ES", "BE", "AT", "FI", "IE", "PT", "GR", "LU"])
_NOT_USCC = ("71", "81", "82")  # Taiwan, Hong Kong, Macao: no mainland credit codes
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


def _pairs(table: str) -> list[tuple[str, float]]:
    return [(code, float(w)) for code, w in (item.split(":") for item in table.split())]


@cache
def regions() -> dict[str, reference.ReferenceRow]:
    """Every shipped region by code."""
    return {row.code: row for row in reference.read_table("regions")}


def _home_pairs() -> list[tuple[str, float]]:
    big = _pairs(_HOME)
    named = {code for code, _ in big}
    tail = [
        (r.code, 0.04)
        for r in reference.read_table("regions")
        if r.level == "CITY" and r.code[0].isdigit() and r.code not in named
    ]
    return big + tail


HOME = Weighted(_home_pairs())
ABROAD = Weighted(_pairs(_ABROAD))
COMPANY_HOME = Weighted([(c, w * w) for c, w in _home_pairs() if not c.startswith(_NOT_USCC)])
COMPANY_ABROAD = Weighted(_pairs(_COMPANY_ABROAD))


def is_domestic(code: str) -> bool:
    """A GB/T 2260 code (China, including Hong Kong, Macao and Taiwan)."""
    return code[:1].isdigit()


def country_of(code: str) -> str:
    """ISO country of a region code ('CN' for every GB/T 2260 code)."""
    return "CN" if is_domestic(code) else code[:2]


def parent_of(code: str) -> str | None:
    """The parent region (province of a city, country of a foreign city), if any."""
    return regions()[code].parent_code


def currency_of(city_code: str) -> str:
    """The currency an overseas alumnus gives in: USD in the US, EUR in the euro area, else CNY."""
    country = country_of(city_code) if city_code else "CN"
    if country == "US":
        return "USD"
    return "EUR" if country in _EURO else "CNY"


def short_name(code: str) -> str:
    """A region's name as chapter names use it: 北京, 广东, 内蒙古, 纽约 (硅谷 for San Jose)."""
    if code == "US-SJC":
        return "硅谷"
    name = regions()[code].name
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name
