"""Helpers of the compiled-read parity tests: a seeded graph, a caller per role, and one document run
both ways (compiled statements and resolvers) with everything a client sees compared."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import strawberry

from graph.bundle.importer import import_bundle
from graph.core.db import Database
from schema.core.context import Context
from schema.core.limits import Limits
from schema.core.permissions import Principal, Role
from schema.schema import build_schema
from scripts.seed.build import generate
from tests.conftest import wipe

ALUMNI = 300
LIMITS = Limits(max_cost=10_000_000)
COMPILED = build_schema(LIMITS, compiled=True)
RESOLVERS = build_schema(LIMITS, compiled=False)


@dataclass(frozen=True)
class Seeded:
    """The seeded graph: a caller of every role and ids the documents point at."""

    principals: dict[str, Principal | None]
    ids: dict[str, str]


_PICKS = {
    "college": "MATCH (c:College)<-[:OF_COLLEGE]-(:Class)<-[:STUDIED_IN]-(a:Alumnus)"
    " RETURN c.code AS code, c.id AS id, count(a) AS n ORDER BY n DESC, code LIMIT 1",
    "chapter": "MATCH (c:Chapter)<-[:MEMBER_OF]-(a:Alumnus)"
    " RETURN c.code AS code, c.id AS id, count(a) AS n ORDER BY n DESC, code LIMIT 1",
    "alumnus": "MATCH (a:Alumnus)-[:WORKS_AT]->(:Company) MATCH (a)-[:STUDIED_IN]->(:Class)"
    " RETURN a.externalId AS code, a.id AS id, count(*) AS n ORDER BY n DESC, code LIMIT 1",
    "private": "MATCH (a:Alumnus) WHERE NOT coalesce(a.consentDirectory, false)"
    " RETURN a.externalId AS code, a.id AS id ORDER BY code LIMIT 1",
    "company": "MATCH (c:Company)<-[:WORKS_AT]-(:Alumnus)"
    " RETURN c.creditCode AS code, c.id AS id, count(*) AS n ORDER BY n DESC, code LIMIT 1",
    "class": "MATCH (c:Class)<-[:STUDIED_IN]-(:Alumnus) RETURN c.code AS code, c.id AS id ORDER BY code LIMIT 1",
    "region": "MATCH (r:Region {code: '110000'}) RETURN r.code AS code, r.id AS id",
    "industry": "MATCH (i:Industry {code: 'I'}) RETURN i.code AS code, i.id AS id",
    "fund": "MATCH (f:Fund) RETURN f.code AS code, f.id AS id ORDER BY code LIMIT 1",
}


async def seed(db: Database, folder: Path) -> Seeded:
    """Wipe the database, import a generated bundle of ALUMNI alumni, pick callers and ids."""
    await wipe(db)
    generate(folder, ALUMNI)
    await import_bundle(db, folder)
    picked: dict[str, dict[str, Any]] = {}
    for name, query in _PICKS.items():
        rows = await db.read_rows(query)
        picked[name] = rows[0]
    principals: dict[str, Principal | None] = {
        "ADMIN": Principal("t-admin", Role.ADMIN),
        "COLLEGE_OFFICER": Principal(
            "t-officer", Role.COLLEGE_OFFICER, college_code=picked["college"]["code"]
        ),
        "FUNDRAISER": Principal("t-fundraiser", Role.FUNDRAISER),
        "CHAPTER_ORGANIZER": Principal(
            "t-organizer", Role.CHAPTER_ORGANIZER, chapter_code=picked["chapter"]["code"]
        ),
        "ALUMNUS": Principal("t-alumnus", Role.ALUMNUS, alumnus_id=picked["alumnus"]["id"]),
        "ANONYMOUS": None,
    }
    return Seeded(principals, {k: v["id"] for k, v in picked.items()})


@dataclass(frozen=True)
class Outcome:
    """What one way of answering produced, and how."""

    response: dict[str, Any]
    statements: int
    answered: dict[str, str]


async def answer(
    schema: strawberry.Schema,
    db: Database,
    doc: str,
    variables: dict[str, Any],
    principal: Principal | None,
    operation: str | None = None,
) -> Outcome:
    """Run a document as the HTTP view would (errors presented by the schema's error policy)."""
    db.counter.reset()
    context = Context(db=db, principal=principal)
    result = await schema.execute(
        doc, variable_values=variables, context_value=context, operation_name=operation
    )
    response: dict[str, Any] = {"data": result.data}
    if result.errors:
        response["errors"] = [e.formatted for e in result.errors]
    return Outcome(response, db.counter.count, dict(context.answered))


async def both(
    db: Database,
    doc: str,
    variables: dict[str, Any],
    principal: Principal | None,
    operation: str | None = None,
) -> Outcome:
    """Answer compiled and by resolvers; the JSON answers and errors must be identical."""
    compiled = await answer(COMPILED, db, doc, variables, principal, operation)
    resolved = await answer(RESOLVERS, db, doc, variables, principal, operation)
    # compared as JSON text: the same values, errors and key order
    assert json.dumps(compiled.response) == json.dumps(resolved.response), (doc, variables, principal)
    return compiled
