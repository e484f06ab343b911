"""The shared `given` steps of the schema tests: small graphs written in Cypher, and checks on payloads."""

from __future__ import annotations

from typing import Any, LiteralString

from stdnum.cn import uscc

from graph.core.db import Database
from schema.core.relay import to_global_id
from tests.conftest import Api

# Two colleges, three classes, a chapter tree; alumni are added by `given_alumni`.
_INSTITUTIONS = """
CREATE (cs:College {id: 'col-cs', code: 'CS', name: '计算机学院'})
CREATE (ee:College {id: 'col-ee', code: 'EE', name: '电子工程学院'})
CREATE (:Class {id: 'cls-cs10', code: 'CS-2010', name: '计算机2010级', degree: 'BACHELOR',
                entryYear: 2006, graduationYear: 2010})-[:OF_COLLEGE]->(cs)
CREATE (:Class {id: 'cls-cs15', code: 'CS-2015', name: '计算机2015级', degree: 'BACHELOR',
                entryYear: 2011, graduationYear: 2015})-[:OF_COLLEGE]->(cs)
CREATE (:Class {id: 'cls-ee10', code: 'EE-2010', name: '电子2010级', degree: 'MASTER',
                entryYear: 2007, graduationYear: 2010})-[:OF_COLLEGE]->(ee)
WITH cs
MATCH (gd:Region {code: '440000'}), (sz:Region {code: '440300'}), (bj:Region {code: '110000'})
MATCH (it:Industry {code: 'I'})
CREATE (gen:Chapter {id: 'ch-gen', code: 'GEN', name: '校友总会', kind: 'GENERAL', status: 'ACTIVE'})
CREATE (csc:Chapter {id: 'ch-cs', code: 'CSA', name: '计算机学院校友会', kind: 'COLLEGE', status: 'ACTIVE',
                     foundedYear: 1998})-[:PART_OF]->(gen)
CREATE (csc)-[:OF_COLLEGE]->(cs)
CREATE (gdc:Chapter {id: 'ch-gd', code: 'GD', name: '广东校友会', kind: 'REGIONAL', status: 'ACTIVE',
                     foundedYear: 2001})-[:PART_OF]->(gen)
CREATE (gdc)-[:IN_REGION]->(gd)
CREATE (szc:Chapter {id: 'ch-sz', code: 'SZ', name: '深圳校友会', kind: 'REGIONAL', status: 'DORMANT',
                     foundedYear: 2005})-[:PART_OF]->(gdc)
CREATE (szc)-[:IN_REGION]->(sz)
CREATE (bjc:Chapter {id: 'ch-bj', code: 'BJ', name: '北京校友会', kind: 'REGIONAL', status: 'ACTIVE'})-[:PART_OF]->(gen)
CREATE (bjc)-[:IN_REGION]->(bj)
CREATE (itc:Chapter {id: 'ch-it', code: 'IT', name: '信息技术行业校友会', kind: 'INDUSTRY', status: 'ACTIVE'})-[:PART_OF]->(gen)
CREATE (itc)-[:FOCUSES_ON]->(it)
"""

# Alumnus i: class cs10 / cs15 / ee10 by i % 3, lives in Shenzhen, member of the CS chapter;
# even numbers consented to contact.
_ALUMNI = """
MATCH (sz:Region {code: '440300'}), (ch:Chapter {id: 'ch-cs'})
UNWIND range(1, $n) AS i
MATCH (k:Class {id: ['cls-cs10', 'cls-cs15', 'cls-ee10'][i % 3]})
CREATE (a:Alumnus {id: 'a-' + toString(i), externalId: 'S' + right('000' + toString(i), 4),
                   name: '校友' + right('000' + toString(i), 4), kinds: ['STUDENT'],
                   consentContact: i % 2 = 0, email: 'a' + toString(i) + '@example.com'})
CREATE (a)-[:STUDIED_IN]->(k)
CREATE (a)-[:LIVES_IN]->(sz)
CREATE (a)-[:MEMBER_OF {role: 'MEMBER', sinceYear: 2010 + i % 5}]->(ch)
"""


async def given_institutions(db: Database) -> None:
    """Colleges CS and EE, classes CS-2010, CS-2015 (CS) and EE-2010 (EE), chapters GEN > CSA, GD > SZ, BJ, IT."""
    await db.write_rows(_INSTITUTIONS)


async def given_alumni(db: Database, n: int) -> None:
    """n alumni `a-1`… spread over the three classes, all in Shenzhen and in the CS chapter."""
    await db.write_rows(_ALUMNI, {"n": n})


def gid(type_name: str, node_id: str) -> str:
    """The global ID of a node."""
    return str(to_global_id(type_name, node_id))


async def count(db: Database, query: LiteralString, params: dict[str, Any] | None = None) -> int:
    """The single number a counting statement returns as `n`."""
    rows = await db.read_rows(query, params or {})
    return int(rows[0]["n"])


async def audit_entries(db: Database, operation: str) -> list[dict[str, Any]]:
    """Audit entries of one operation, oldest first."""
    return await db.read_rows(
        "MATCH (e:AuditEntry {operation: $op}) RETURN e.actor AS actor, e.role AS role,"
        " e.nodeIds AS nodeIds, e.changes AS changes ORDER BY e.at",
        {"op": operation},
    )


def errors_of(payload: dict[str, Any]) -> dict[tuple[str, ...], str]:
    """A payload's user errors as {field path: code}."""
    return {tuple(e["field"]): e["code"] for e in payload["userErrors"]}


async def mutate(api: Api, document: str, name: str, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """POST a mutation with `input` and return its payload (failing on GraphQL errors)."""
    result = await api.data(document, {"input": data}, **kwargs)
    payload: dict[str, Any] = result[name]
    return payload


def credit_code(n: int, region: str = "440300") -> str:
    """A valid unified social credit code numbered n."""
    code17 = "91" + region + f"{n:09d}"
    return code17 + uscc.calc_check_digit(code17)


async def ref_id(db: Database, label_key: str, value: str) -> str:
    """Node id of a reference node by code: ref_id(db, 'Region', '440300')."""
    if label_key == "Region":
        rows = await db.read_rows("MATCH (n:Region {code: $v}) RETURN n.id AS id", {"v": value})
    else:
        rows = await db.read_rows("MATCH (n:Industry {code: $v}) RETURN n.id AS id", {"v": value})
    return str(rows[0]["id"])


async def given_colleges(db: Database) -> None:
    """Colleges CS and EE, a class each, and chapter SZ of CS (ids col-cs, col-ee, cls-cs, cls-ee, ch-sz)."""
    await db.write_rows(
        """
        CREATE (cs:College {id: 'col-cs', code: 'CS', name: '计算机学院'})
        CREATE (ee:College {id: 'col-ee', code: 'EE', name: '电子工程学院'})
        CREATE (:Class {id: 'cls-cs', code: 'CS-2010', name: '计算机2010级', graduationYear: 2010})
               -[:OF_COLLEGE]->(cs)
        CREATE (:Class {id: 'cls-ee', code: 'EE-2010', name: '电子2010级', graduationYear: 2010})
               -[:OF_COLLEGE]->(ee)
        CREATE (:Chapter {id: 'ch-sz', code: 'SZ', name: '深圳校友会', kind: 'REGIONAL'})-[:OF_COLLEGE]->(cs)
        """
    )


async def given_college_alumni(db: Database, n: int, college: str = "cs", **props: Any) -> list[str]:
    """n alumni a-<college>-<i> in the college's class, consenting to contact; returns their ids."""
    rows = await db.write_rows(
        """
        MATCH (k:Class {id: 'cls-' + $college})
        UNWIND range(1, $n) AS i
        CREATE (a:Alumnus {id: 'a-' + $college + '-' + toString(i),
                           externalId: toUpper($college) + right('0000' + toString(i), 4),
                           name: '校友' + $college + toString(i), kinds: ['STUDENT'],
                           email: $college + toString(i) + '@example.com', consentContact: true})
        SET a += $props
        CREATE (a)-[:STUDIED_IN]->(k)
        RETURN a.id AS id ORDER BY i
        """,
        {"college": college, "n": n, "props": props},
    )
    return [r["id"] for r in rows]


async def given_member(db: Database, alumnus_id: str, chapter_id: str = "ch-sz") -> None:
    """The alumnus is a member of the chapter."""
    await db.write_rows(
        "MATCH (a:Alumnus {id: $a}), (c:Chapter {id: $c}) CREATE (a)-[:MEMBER_OF {role: 'MEMBER'}]->(c)",
        {"a": alumnus_id, "c": chapter_id},
    )


async def audit_ops(db: Database) -> list[dict[str, Any]]:
    """Audit entries, oldest first."""
    return await db.read_rows(
        "MATCH (e:AuditEntry) RETURN e.operation AS op, e.actor AS actor, e.role AS role,"
        " e.nodeIds AS nodeIds, e.changes AS changes ORDER BY e.at"
    )


def error_paths(payload: dict[str, Any]) -> dict[str, str]:
    """userErrors as {'input.field': code}."""
    return {".".join(e["field"]): e["code"] for e in payload["userErrors"]}
