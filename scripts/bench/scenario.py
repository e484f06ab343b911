"""What a scenario is: one question asked three ways, each with a way to normalise its answer."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, LiteralString

from graphql import ObjectTypeDefinitionNode, parse

from scripts.bench.questions import statement
from scripts.bench.sides import Data

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


@dataclass(frozen=True)
class Cypher:
    """The raw baseline: one hand-written statement, its parameters, how to normalise its rows."""

    text: LiteralString
    params: dict[str, Any]
    normalise: Callable[[list[Data]], Any]


@dataclass(frozen=True)
class Document:
    """A GraphQL request to one server and how to normalise its `data`."""

    text: str
    variables: dict[str, Any]
    normalise: Callable[[Data], Any]


@dataclass(frozen=True)
class Scenario:
    """One question. `ours` is None while our API lacks the field; `peer` is None when the peer has
    no natural equivalent (the notes say why)."""

    name: str
    raw: Cypher
    ours: Document | None
    peer: Document | None
    notes: tuple[str, ...] = ()


def peer_cypher(field: str, params: dict[str, Any], normalise: Callable[[list[Any]], Any]) -> Cypher:
    """The peer's @cypher statement of `field` as the raw baseline; its one column is the peer's value."""
    return Cypher(statement(field), params, lambda rows: normalise([next(iter(r.values())) for r in rows]))


@cache
def our_fields() -> frozenset[str]:
    """Root query fields of our API, from the committed SDL (checked against the code by a test)."""
    doc = parse(SCHEMA_FILE.read_text(encoding="utf-8"))
    return frozenset(
        f.name.value
        for d in doc.definitions
        if isinstance(d, ObjectTypeDefinitionNode) and d.name.value == "Query"
        for f in d.fields or ()
    )


def when_ours(field: str, document: Document) -> Document | None:
    """The document if our API has the root field, else None (the scenario runs raw and peer only)."""
    return document if field in our_fields() else None


def local_id(global_id: str) -> str:
    """The node id inside one of our opaque global ids."""
    padded = global_id + "=" * (-len(global_id) % 4)
    return base64.urlsafe_b64decode(padded.encode()).decode().partition(":")[2]


def global_id(type_name: str, node_id: str) -> str:
    """Our opaque global id of a node (the format of schema.core.relay)."""
    return base64.urlsafe_b64encode(f"{type_name}:{node_id}".encode()).decode()


def cny_fen(amount: str | None) -> int:
    """CNY cents of one of our decimal money strings ("1200.50" → 120050)."""
    return int(Decimal(amount) * 100) if amount else 0
