"""The suite's own query documents (module constants of the tests), with variables filled from the
seeded graph, for the compiled-read parity tests."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from graphql import (
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    OperationDefinitionNode,
    OperationType,
    TypeNode,
    VariableDefinitionNode,
    parse,
)
from graphql.error import GraphQLSyntaxError

from schema.core.relay import to_global_id

TESTS = Path(__file__).parent.parent


def _text(value: ast.expr | None) -> str | None:
    """A module constant's text: a string literal or a sum of them."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return value.value
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        left, right = _text(value.left), _text(value.right)
        return left + right if left is not None and right is not None else None
    return None


def suite_queries() -> list[tuple[str, str]]:
    """(where, document) for every module-level constant of the tests that is a query document."""
    found: dict[str, str] = {}
    for path in sorted(TESTS.rglob("test_*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            text = _text(node.value) if isinstance(node, ast.Assign | ast.AnnAssign) else None
            if not text or "{" not in text:
                continue
            try:
                doc = parse(text)
            except GraphQLSyntaxError:
                continue
            ops = [d for d in doc.definitions if isinstance(d, OperationDefinitionNode)]
            if ops and all(o.operation is OperationType.QUERY for o in ops):
                found.setdefault(text, str(path.relative_to(TESTS)))
    return [(where, text) for text, where in found.items()]


# Which seeded node an ID variable points at, by a word of its name (first match wins).
_ID_WORDS = (
    ("company", "Company", "company"),
    ("fund", "Fund", "fund"),
    ("college", "College", "college"),
    ("class", "Class", "class"),
    ("chapter", "Chapter", "chapter"),
    ("region", "Region", "region"),
    ("industry", "Industry", "industry"),
)


def _named(t: TypeNode) -> tuple[str, bool, bool]:
    required = isinstance(t, NonNullTypeNode)
    inner = t.type if isinstance(t, NonNullTypeNode) else t
    many = isinstance(inner, ListTypeNode)
    while isinstance(inner, NonNullTypeNode | ListTypeNode):
        inner = inner.type
    assert isinstance(inner, NamedTypeNode)
    return inner.name.value, required, many


def _value(var: VariableDefinitionNode, ids: dict[str, str]) -> Any:
    name = var.variable.name.value.lower()
    type_name, _, many = _named(var.type)
    value: Any
    if type_name == "ID":
        value = next(
            (to_global_id(t, ids[k]) for word, t, k in _ID_WORDS if word in name and k in ids),
            to_global_id("Alumnus", ids["alumnus"]),
        )
    elif type_name == "Int":
        value = 2025 if "year" in name else 5
    elif type_name == "Boolean":
        value = True
    elif type_name == "Date":
        value = "2026-01-01"
    else:
        value = "I" if "industry" in name else "zh"
    return [value] if many else value


def variables(doc: str, ids: dict[str, str]) -> dict[str, Any]:
    """Values for the required variables without defaults of every operation of `doc`."""
    out: dict[str, Any] = {}
    for definition in parse(doc).definitions:
        if isinstance(definition, OperationDefinitionNode):
            for var in definition.variable_definitions or ():
                if isinstance(var.type, NonNullTypeNode) and var.default_value is None:
                    out[var.variable.name.value] = _value(var, ids)
    return out
