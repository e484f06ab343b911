"""Helpers of the bundle tests: canonical dumps of the graph and small bundles written on the fly."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from graph.core.db import Database

SMALL = Path(__file__).parent / "fixtures" / "bundle_small"

# A readable key for any node of the tests (Need nodes by company, kind and description).
_KEY = (
    "labels({v})[0] + ':' + coalesce({v}.externalId, {v}.code, {v}.creditCode, {v}.receiptNo,"
    " CASE WHEN {v}:Need THEN [(c:Company)-[:NEEDS]->({v}) | c.creditCode][0] + '/' + {v}.kind + '/'"
    " + coalesce({v}.description, '') END, {v}.id)"
)
_OURS = "NOT {v}:Region AND NOT {v}:Industry AND NOT {v}:_Migration AND NOT {v}:_Meta AND NOT {v}:AuditEntry"
_NODES = (
    "MATCH (n) WHERE "
    + _OURS.format(v="n")
    + " RETURN "
    + _KEY.format(v="n")
    + " AS key, properties(n) AS props"
)
_RELS = (
    "MATCH (a)-[r]->(b) WHERE "
    + _OURS.format(v="a")
    + " RETURN "
    + _KEY.format(v="a")
    + " AS a, type(r) AS type, "
    + _KEY.format(v="b")
    + " AS b, properties(r) AS props"
)
_VOLATILE = {"createdAt", "updatedAt", "id"}
_KEEP_ID = ("Interaction:", "Award:")


def _clean(key: str, props: dict[str, Any], full: bool) -> str:
    if not full:
        props = {
            k: v for k, v in props.items() if k not in _VOLATILE or (k == "id" and key.startswith(_KEEP_ID))
        }
    return repr(sorted((k, repr(v)) for k, v in props.items()))


async def dump(db: Database, *, full: bool = False) -> tuple[list[str], list[str]]:
    """Every node and relationship (reference data aside) as sorted text; `full` keeps ids and timestamps."""
    nodes = await db.read_rows(_NODES)
    rels = await db.read_rows(_RELS)
    return (
        sorted(f"{n['key']} {_clean(n['key'], n['props'], full)}" for n in nodes),
        sorted(f"{r['a']} -{r['type']}-> {r['b']} {_clean('', r['props'], True)}" for r in rels),
    )


async def label_counts(db: Database) -> dict[str, int]:
    """Nodes per label, reference data and bookkeeping aside."""
    rows = await db.read_rows(
        "MATCH (n) WHERE NOT n:Region AND NOT n:Industry AND NOT n:_Migration AND NOT n:_Meta"
        " RETURN labels(n)[0] AS label, count(*) AS n"
    )
    return {r["label"]: r["n"] for r in rows}


async def rel_counts(db: Database) -> dict[str, int]:
    """Relationships per type, reference hierarchies aside."""
    rows = await db.read_rows(
        "MATCH (a)-[r]->() WHERE NOT a:Region AND NOT a:Industry RETURN type(r) AS type, count(*) AS n"
    )
    return {r["type"]: r["n"] for r in rows}


def small_bundle(tmp: Path, only: tuple[str, ...] = ()) -> Path:
    """A copy of the small fixture bundle (or some of its files) to change in a test."""
    target = tmp / "bundle"
    target.mkdir()
    for f in SMALL.iterdir():
        if not only or f.name in only:
            shutil.copy(f, target / f.name)
    return target


def write(folder: Path, file: str, text: str, encoding: str = "utf-8") -> Path:
    """Write one bundle file (text given without indentation) and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / file).write_bytes(text.encode(encoding))
    return folder
