"""Which referenced nodes exist: one read transaction per batch, one statement per label."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, LiteralString

from graph.bundle.rows import Draft
from graph.core.db import Database, Tx
from graph.core.model import Label

_EXISTING: dict[Label, LiteralString] = {
    Label.ALUMNUS: "UNWIND $keys AS k MATCH (n:Alumnus {externalId: k}) RETURN k AS key, null AS info",
    Label.COLLEGE: "UNWIND $keys AS k MATCH (n:College {code: k}) RETURN k AS key, null AS info",
    Label.CLASS: "UNWIND $keys AS k MATCH (n:Class {code: k}) RETURN k AS key, null AS info",
    Label.CHAPTER: "UNWIND $keys AS k MATCH (n:Chapter {code: k}) RETURN k AS key, null AS info",
    Label.COMPANY: "UNWIND $keys AS k MATCH (n:Company {creditCode: k}) RETURN k AS key, null AS info",
    Label.EVENT: "UNWIND $keys AS k MATCH (n:Event {code: k}) RETURN k AS key, null AS info",
    Label.FUND: "UNWIND $keys AS k MATCH (n:Fund {code: k}) RETURN k AS key, null AS info",
    # A payment must point at a PLEDGE: the kind comes back with the key.
    Label.DONATION: "UNWIND $keys AS k MATCH (n:Donation {receiptNo: k}) RETURN k AS key, n.kind AS info",
}
# Student numbers merged away by mergeAlumni, and the record each lives on in.
_MERGED: LiteralString = (
    "MATCH (m:Alumnus) WHERE m.mergedFrom IS NOT NULL UNWIND m.mergedFrom AS old"
    " RETURN old, m.externalId AS into"
)
_CYCLES: LiteralString = (
    "UNWIND $pairs AS p MATCH (:Chapter {code: p.parent})-[:PART_OF*1..]->(:Chapter {code: p.code})"
    " RETURN DISTINCT p.code AS code"
)

# The noun used in "unknown <noun> <key>".
NOUNS: dict[Label, str] = {
    Label.ALUMNUS: "alumnus",
    Label.COLLEGE: "college",
    Label.CLASS: "class",
    Label.CHAPTER: "chapter",
    Label.COMPANY: "company",
    Label.EVENT: "event",
    Label.FUND: "fund",
    Label.DONATION: "donation",
}

Found = dict[Label, dict[str, Any]]


def wanted(drafts: Iterable[Draft]) -> dict[Label, set[str]]:
    """Keys referenced by the drafts, by label."""
    keys: dict[Label, set[str]] = defaultdict(set)
    for d in drafts:
        for ref in d.refs:
            keys[ref.label].add(ref.key)
    return keys


async def existing(db: Database, keys: dict[Label, set[str]]) -> Found:
    """For each label, the referenced keys that exist (with the donation kind as info)."""

    async def work(tx: Tx) -> Found:
        found: Found = {}
        for label, wanted_keys in keys.items():
            rows = await tx.rows(_EXISTING[label], {"keys": sorted(wanted_keys)})
            found[label] = {r["key"]: r["info"] for r in rows}
        return found

    if not keys:
        return {}
    return await db.read(work)


async def cycles(db: Database, pairs: list[dict[str, str]]) -> set[str]:
    """Chapter codes whose new parent is already below them (the link would close a cycle)."""
    if not pairs:
        return set()
    rows = await db.read_rows(_CYCLES, {"pairs": pairs})
    return {r["code"] for r in rows}


async def merged_alumni(db: Database) -> dict[str, str]:
    """{merged-away student number: the student number of the record it was merged into}."""
    rows = await db.read_rows(_MERGED)
    return {r["old"]: r["into"] for r in rows}
