"""Injection attempts in every string argument of every root field are plain text: no error
escapes as INTERNAL, nothing outside the request's own effect changes."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLScalarType

from graph.core.db import Database
from schema.core.permissions import Role
from tests.api.test_role_matrix import MUTATIONS, QUERIES, placeholder, post_multipart, root_fields
from tests.conftest import Api

ATTACKS = [
    "'}) DETACH DELETE n //",
    '") MATCH (x) DETACH DELETE x RETURN 1 //',
    '*:* OR name:~ \\"',
    "$scope.all",
]


def hostile(gtype: Any, text: str) -> Any:
    """Like `placeholder`, with every String (also inside input objects and lists) set to `text`."""
    if isinstance(gtype, GraphQLNonNull):
        return hostile(gtype.of_type, text)
    if isinstance(gtype, GraphQLList):
        return [hostile(gtype.of_type, text)]
    if isinstance(gtype, GraphQLInputObjectType):
        return {
            n: hostile(f.type, text)
            for n, f in gtype.fields.items()
            if isinstance(f.type, GraphQLNonNull) or _is_string(f.type)
        }
    if isinstance(gtype, GraphQLScalarType) and gtype.name == "String":
        return text
    return placeholder(gtype)


def _is_string(gtype: Any) -> bool:
    while isinstance(gtype, GraphQLNonNull | GraphQLList):
        gtype = gtype.of_type
    return isinstance(gtype, GraphQLScalarType) and gtype.name == "String"


CASES = [("query", n) for n in sorted(QUERIES)] + [("mutation", n) for n in sorted(MUTATIONS)]


@pytest.mark.parametrize(("kind", "name"), CASES, ids=[n for _, n in CASES])
async def test_injection_strings_are_plain_text(api: Api, db: Database, kind: str, name: str) -> None:
    # given a node an injection would delete
    await db.write_rows("CREATE (:College {id: 'canary', code: 'CANARY', name: 'canary'})")
    field = root_fields(kind)[name]
    args = {a: arg for a, arg in field.args.items()}
    for attack in ATTACKS:
        variables = {
            a: hostile(arg.type, attack)
            for a, arg in args.items()
            if isinstance(arg.type, GraphQLNonNull) or _is_string(arg.type)
        }
        decls = ", ".join(f"${a}: {args[a].type}" for a in variables)
        call = ", ".join(f"{a}: ${a}" for a in variables)
        selection = "" if _leaf(field.type) else " { __typename }"
        query = (
            f"{kind} Op{f'({decls})' if decls else ''} {{ {name}{f'({call})' if call else ''}{selection} }}"
        )
        # when
        if any(v is None for v in variables.values()):
            body = await post_multipart(api, query, variables, Role.ADMIN)
        else:
            body = await api.post(query, variables)
        # then
        codes = {e.get("extensions", {}).get("code") for e in body.get("errors", [])}
        assert "INTERNAL" not in codes, (attack, body)
    assert (await db.read_rows("MATCH (c:College {code: 'CANARY'}) RETURN count(c) AS n"))[0]["n"] == 1


def _leaf(gtype: Any) -> bool:
    while isinstance(gtype, GraphQLNonNull | GraphQLList):
        gtype = gtype.of_type
    return isinstance(gtype, GraphQLScalarType)
