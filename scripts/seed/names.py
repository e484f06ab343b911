"""Realistic names: weighted Chinese surnames, era-flavoured given names, a few foreign names."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from scripts.seed.rand import Weighted, chance

# surname:pinyin:weight (per mille, roughly the census shares; the long tail is thin).
_SURNAMES = """
王:wang:71 李:li:70 张:zhang:67 刘:liu:54 陈:chen:45 杨:yang:31 黄:huang:22 赵:zhao:20
吴:wu:20 周:zhou:19 徐:xu:15 孙:sun:15 马:ma:14 朱:zhu:13 胡:hu:12 郭:guo:12 何:he:11
林:lin:11 高:gao:11 罗:luo:9 郑:zheng:9 梁:liang:8 谢:xie:7 宋:song:6 唐:tang:6 许:xu:6
韩:han:6 冯:feng:6 邓:deng:6 曹:cao:5 彭:peng:5 曾:zeng:5 肖:xiao:5 田:tian:5 董:dong:5
袁:yuan:4 潘:pan:4 于:yu:4 蒋:jiang:4 蔡:cai:4 余:yu:4 杜:du:4 叶:ye:4 程:cheng:4 苏:su:3
魏:wei:3 吕:lv:3 丁:ding:3 任:ren:3 沈:shen:3 姚:yao:3 卢:lu:3 姜:jiang:3 崔:cui:3 钟:zhong:3
谭:tan:3 陆:lu:3 汪:wang:3 范:fan:3 金:jin:3 石:shi:2 廖:liao:2 贾:jia:2 夏:xia:2 韦:wei:2
付:fu:2 方:fang:2 白:bai:2 邹:zou:2 孟:meng:2 熊:xiong:2 秦:qin:2 邱:qiu:2 江:jiang:2 尹:yin:2
薛:xue:2 闫:yan:2 段:duan:2 雷:lei:2 侯:hou:2 龙:long:2 史:shi:2 陶:tao:1 黎:li:1 贺:he:1
顾:gu:1 毛:mao:1 郝:hao:1 龚:gong:1 邵:shao:1 万:wan:1 钱:qian:1 严:yan:1 覃:qin:1 武:wu:1
戴:dai:1 莫:mo:1 孔:kong:1 向:xiang:1 汤:tang:1 欧阳:ouyang:0.3 司马:sima:0.1 诸葛:zhuge:0.1
上官:shangguan:0.1 令狐:linghu:0.05
"""
# Given-name characters by gender and era (classic: born before ~1975).
_MALE_CLASSIC = (
    "建:jian 国:guo 军:jun 强:qiang 伟:wei 勇:yong 明:ming 华:hua 平:ping 刚:gang 志:zhi 文:wen "
    "海:hai 林:lin 峰:feng 斌:bin 波:bo 辉:hui 鹏:peng 杰:jie 涛:tao 超:chao 亮:liang 东:dong "
    "宏:hong 庆:qing 德:de 忠:zhong 永:yong 新:xin 立:li 民:min 成:cheng 光:guang 荣:rong 学:xue"
)
_MALE_MODERN = (
    "浩:hao 然:ran 子:zi 轩:xuan 宇:yu 航:hang 博:bo 文:wen 睿:rui 泽:ze 俊:jun 豪:hao 晨:chen "
    "阳:yang 一:yi 鸣:ming 天:tian 佑:you 皓:hao 铭:ming 逸:yi 凯:kai 翔:xiang 嘉:jia 诚:cheng "
    "昊:hao 哲:zhe 洋:yang 磊:lei 鑫:xin 健:jian 彬:bin 帆:fan 毅:yi 伟:wei 杰:jie 涛:tao"
)
_FEMALE_CLASSIC = (
    "秀:xiu 英:ying 兰:lan 芳:fang 华:hua 玉:yu 珍:zhen 桂:gui 红:hong 霞:xia 丽:li 萍:ping "
    "敏:min 静:jing 燕:yan 娟:juan 梅:mei 琴:qin 云:yun 莲:lian 凤:feng 艳:yan 慧:hui 淑:shu"
)
_FEMALE_MODERN = (
    "欣:xin 怡:yi 梓:zi 涵:han 诗:shi 雨:yu 萱:xuan 婷:ting 晓:xiao 雪:xue 琳:lin 佳:jia 颖:ying "
    "悦:yue 馨:xin 妍:yan 瑶:yao 思:si 婧:jing 璐:lu 倩:qian 蕾:lei 菲:fei 薇:wei 月:yue 晴:qing "
    "岚:lan 茜:qian 静:jing 敏:min 丽:li 芳:fang"
)
# A few international students, visiting scholars and honorary doctors.
_FOREIGN = (
    ("John Smith", "M"), ("Emily Johnson", "F"), ("Michael Brown", "M"), ("Sarah Miller", "F"),
    ("David Wilson", "M"), ("Anna Müller", "F"), ("Pierre Dubois", "M"), ("Sophie Martin", "F"),
    ("Kenji Tanaka", "M"), ("Yuki Sato", "F"), ("Kim Min-jun", "M"), ("Park Ji-woo", "F"),
    ("Nguyen Van An", "M"), ("Tran Thi Mai", "F"), ("Ahmed Hassan", "M"), ("Fatima Khan", "F"),
    ("Ivan Petrov", "M"), ("Olga Ivanova", "F"), ("Carlos Garcia", "M"), ("Maria Rodriguez", "F"),
    ("Somchai Srisuk", "M"), ("Aigerim Nurlanova", "F"), ("Bat-Erdene Bold", "M"),
    ("Amara Okafor", "F"), ("Lars Eriksson", "M"), ("Giulia Rossi", "F"), ("Rahul Sharma", "M"),
    ("Siti Rahman", "F"), ("Thomas Becker", "M"), ("Chloe Taylor", "F"),
)  # fmt: skip


def _chars(table: str) -> list[tuple[str, str]]:
    return [(c, p) for c, p in (item.split(":") for item in table.split())]


def _surnames() -> Weighted[tuple[str, str]]:
    rows = [item.split(":") for item in _SURNAMES.split()]
    return Weighted([((c, p), float(w)) for c, p, w in rows])


SURNAMES = _surnames()
GIVEN = {
    ("M", True): _chars(_MALE_CLASSIC),
    ("M", False): _chars(_MALE_MODERN),
    ("F", True): _chars(_FEMALE_CLASSIC),
    ("F", False): _chars(_FEMALE_MODERN),
}


@dataclass(frozen=True)
class PersonName:
    """A name with the ASCII parts an email address is made of."""

    name: str
    family: str  # pinyin of the surname, or the foreign family name
    given: str  # pinyin of the given name
    foreign: bool = False


def chinese_name(rng: random.Random, gender: str, birth_year: int) -> PersonName:
    """Surname by frequency, then one (a quarter of people) or two given-name characters."""
    surname, family = SURNAMES.pick(rng)
    classic = birth_year < 1975 if not chance(rng, 0.15) else birth_year >= 1975
    pool = GIVEN[(gender, classic)]
    first = rng.choice(pool)
    if chance(rng, 0.25):
        return PersonName(surname + first[0], family, first[1])
    second = rng.choice(pool)
    if second == first and not (gender == "F" and chance(rng, 0.3)):
        second = rng.choice(pool)
    return PersonName(surname + first[0] + second[0], family, first[1] + second[1])


def foreign_name(rng: random.Random) -> tuple[PersonName, str]:
    """A foreign name and its gender."""
    full, gender = rng.choice(_FOREIGN)
    ascii_name = unicodedata.normalize("NFKD", full).encode("ascii", "ignore").decode().lower()
    parts = ascii_name.replace("-", "").split()
    return PersonName(full, parts[-1], "".join(parts[:-1]), foreign=True), gender


def email_local(rng: random.Random, name: PersonName, birth_year: int) -> str:
    """The part before @: pinyin in one of the forms people pick, sometimes with digits."""
    form = rng.randrange(6)
    if form == 0:
        base = f"{name.family}{name.given}"
    elif form == 1:
        base = f"{name.family}.{name.given}"
    elif form == 2:
        base = f"{name.given}.{name.family}"
    elif form == 3:
        base = f"{name.given[0]}{name.family}"
    elif form == 4:
        base = f"{name.family}{name.given}{birth_year % 100:02d}"
    else:
        base = f"{name.family}{name.given}{rng.randint(1, 999)}"
    return base
