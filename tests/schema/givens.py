"""Given-steps shared by the careers, engagement and giving tests: graph fixtures written in Cypher."""

from __future__ import annotations

from typing import Any

from stdnum.cn import uscc

from graph.db import Database
from schema.relay import to_global_id


def credit_code(n: int, region: str = "440300") -> str:
    """A valid unified social credit code numbered n."""
    code17 = "91" + region + f"{n:09d}"
    return code17 + uscc.calc_check_digit(code17)


def gid(type_name: str, node_id: str) -> str:
    """Global ID of a node."""
    return to_global_id(type_name, node_id)


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


async def given_alumni(db: Database, n: int, college: str = "cs", **props: Any) -> list[str]:
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


async def count(db: Database, query: str, params: dict[str, Any] | None = None) -> int:
    """The `n` column of a counting statement."""
    rows = await db.read_rows(query, params or {})
    return int(rows[0]["n"])


def errors_of(payload: dict[str, Any]) -> dict[str, str]:
    """userErrors as {'input.field': code}."""
    return {".".join(e["field"]): e["code"] for e in payload["userErrors"]}
