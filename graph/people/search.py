"""Name search over alumni, companies and chapters with the `name_search` full-text index.

The user's text is never Lucene syntax: it is cut into words (letters and digits of any
script) and runs of Chinese characters, each escaped, and only this module writes the
operators, fields, quotes and boosts around them. One text is matched several ways at once:

- Chinese runs of 2+ characters as phrases on `name` (the `cjk` analyzer indexes bigrams, so
  any substring of 2+ characters of a name is a phrase of its bigrams);
- the pinyin of the whole text, as a phrase of syllables on `namePinyin` (`zhang wei`, `wei
  ming`, and homophones of Chinese input, weighted low);
- latin text without spaces as the whole joined pinyin (`zhangwei`), its prefix (`zhangw*`),
  and pinyin initials (`zw`, `zw*`);
- latin words as a phrase (and a single word as a prefix) on `name`, for latin names.

Hits are ranked by exactness first (the whole name, then its whole pinyin or initials), then
by the full-text score, then name and id, so equal input gives equal order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, LiteralString

from pypinyin import lazy_pinyin

from graph.core.db import Database
from graph.core.scope import ALUMNUS_VISIBLE, Scope

MIN_CHARS = 2
MAX_CHARS = 100
MAX_HITS = 50
# Full-text candidates considered before scope filtering and ranking: bounds the work of a
# very broad query (`zh` on 100,000 alumni) while keeping every likely hit.
CANDIDATES = 5000
LABELS = ("Alumnus", "Company", "Chapter")

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_WORD = re.compile(r"[^\W_]+")
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_INITIALS_MAX = 8


def escape(term: str) -> str:
    """A term with every Lucene query-syntax character backslash-escaped."""
    return _LUCENE_SPECIAL.sub(r"\\\1", term)


def normalize(text: str) -> str:
    """NFKC (full-width letters become ASCII), lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def meaningful_length(text: str) -> int:
    """How many characters of the text are not white space."""
    return sum(1 for c in text if not c.isspace())


@dataclass(frozen=True)
class SearchText:
    """The forms one search text is matched in."""

    compact: str
    han_runs: tuple[str, ...]
    words: tuple[str, ...]
    syllables: tuple[str, ...]

    @property
    def has_han(self) -> bool:
        """True when the text contains Chinese characters."""
        return bool(self.han_runs)


def parse(text: str) -> SearchText:
    """Split a search text into Chinese runs, other words and pinyin syllables."""
    norm = normalize(text)
    han_runs = tuple(_HAN_RUN.findall(norm))
    words = tuple(w for w in _WORD.findall(_HAN_RUN.sub(" ", norm)))
    syllables = tuple(s for chunk in lazy_pinyin(norm) for s in _WORD.findall(chunk.lower()))
    return SearchText(norm.replace(" ", ""), han_runs, words, syllables)


def _phrase(field: str, terms: tuple[str, ...] | list[str], boost: int = 1) -> str:
    quoted = f'{field}:"{" ".join(escape(t) for t in terms)}"'
    return quoted if boost == 1 else f"{quoted}^{boost}"


def _han_clauses(t: SearchText) -> list[str]:
    runs = [r for r in t.han_runs if len(r) >= MIN_CHARS]
    clauses = []
    if runs:
        clauses.append("(" + " AND ".join(_phrase("name", [r]) for r in runs) + ")^8")
    if t.syllables:  # homophones and mixed input such as 张wei
        clauses.append(_phrase("namePinyin", t.syllables))
    return clauses


def _latin_clauses(t: SearchText) -> list[str]:
    joined = escape("".join(t.words))
    clauses = [f"namePinyin:{joined}^6", f"namePinyin:{joined}*^3", _phrase("name", t.words, 6)]
    if len(t.words) > 1:
        clauses.append(_phrase("namePinyin", t.words, 4))
    else:
        clauses.append(f"name:{joined}*^2")
    if len(joined) <= _INITIALS_MAX:
        clauses += [f"nameInitials:{joined}^5", f"nameInitials:{joined}*"]
    return clauses


def lucene_query(t: SearchText) -> str | None:
    """The full-text query for a parsed text, or None when nothing in it can match."""
    clauses = _han_clauses(t) if t.has_han else (_latin_clauses(t) if t.words else [])
    return " ".join(clauses) or None


@dataclass(frozen=True)
class Hit:
    """One ranked hit: which label and node, and its full-text score."""

    label: str
    id: str
    score: float


# Binds the ranked hits `n` (with `score` and `label`), best first; graph.compiled reads the same rows.
SEARCH_MATCH: LiteralString = (
    "CALL db.index.fulltext.queryNodes('name_search', $query, {limit: $candidates})"
    " YIELD node AS n, score"
    " WITH n, score, CASE WHEN n:Alumnus THEN 'Alumnus' WHEN n:Company THEN 'Company'"
    " ELSE 'Chapter' END AS label"
    " WHERE label IN $labels AND (label <> 'Alumnus' OR " + ALUMNUS_VISIBLE + ")"
    " WITH n, score, label, CASE"
    " WHEN replace(toLower(n.name), ' ', '') = $compact THEN 2"
    " WHEN $latin AND ($compact = head(split(coalesce(n.namePinyin, ''), ' '))"
    " OR $compact = n.nameInitials) THEN 1 ELSE 0 END AS exact"
    " WITH n, score, label ORDER BY exact DESC, score DESC, n.name, n.id LIMIT $first"
)
_SEARCH: LiteralString = SEARCH_MATCH + " RETURN label, n.id AS id, score"


def search_params(text: str, first: int, labels: tuple[str, ...] = LABELS) -> dict[str, Any] | None:
    """The parameters of `SEARCH_MATCH` (beside `$scope`) for a text the caller checked, or None when
    nothing can match."""
    parsed = parse(text)
    query = lucene_query(parsed)
    if query is None or first <= 0:
        return None
    return {
        "query": query,
        "candidates": CANDIDATES,
        "labels": list(labels),
        "compact": parsed.compact,
        "latin": not parsed.has_han,
        "first": first,
    }


async def search(
    db: Database, text: str, first: int, scope: Scope, labels: tuple[str, ...] = LABELS
) -> list[Hit]:
    """Ranked hits for a text the caller checked (2 to 100 characters); alumni within scope only."""
    params = search_params(text, first, labels)
    if params is None:
        return []
    rows = await db.read_rows(_SEARCH, params | {"scope": scope.params()})
    return [Hit(r["label"], r["id"], float(r["score"])) for r in rows]
