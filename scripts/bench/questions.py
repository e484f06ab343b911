"""The peer's @cypher statements, read from bench/peer/questions.graphql.

They are the raw-Cypher baseline of the relationship questions too, so the driver and the peer
run the very same text. The file is committed and fixed, which is why its text may be passed to
the driver as a query (it is never built from input).
"""

from __future__ import annotations

from functools import cache
from typing import LiteralString

from graphql import ObjectTypeDefinitionNode, StringValueNode, parse

from scripts.bench.servers import PEER_DIR

QUESTIONS = PEER_DIR / "questions.graphql"


@cache
def statements() -> dict[str, LiteralString]:
    """Root field name → the Cypher statement of its @cypher directive."""
    doc = parse(QUESTIONS.read_text(encoding="utf-8"))
    found: dict[str, LiteralString] = {}
    for definition in doc.definitions:
        if not isinstance(definition, ObjectTypeDefinitionNode) or definition.name.value != "Query":
            continue
        for field in definition.fields or ():
            for directive in field.directives or ():
                for arg in directive.arguments or ():
                    if directive.name.value == "cypher" and arg.name.value == "statement":
                        assert isinstance(arg.value, StringValueNode)
                        found[field.name.value] = arg.value.value  # fixed text: see the module docstring
    return found


def statement(field: str) -> LiteralString:
    """The statement behind one peer root field."""
    return statements()[field]
