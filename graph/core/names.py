"""Pinyin forms of Chinese names, stored beside the name for search by pinyin and initials."""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def name_search_fields(name: str) -> tuple[str, str]:
    """(full pinyin joined and spaced, initials) for a name, e.g. 张伟 → ('zhangwei zhang wei', 'zw')."""
    syllables = [s.lower() for s in lazy_pinyin(name, errors="default") if s.strip()]
    words = [_NON_ALNUM.sub("", s) for s in syllables]
    words = [w for w in words if w]
    if not words:
        return "", ""
    joined = "".join(words)
    initials = "".join(w[0] for w in words)
    return f"{joined} {' '.join(words)}", initials
