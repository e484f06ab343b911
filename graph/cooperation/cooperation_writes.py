"""Writing cooperations: create, update (links replaced as given) and delete, inside one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.cooperation.cooperations import (
    COLUMNS,
    COOPERATION_EDIT,
    COOPERATION_READ,
    CooperationRecord,
    cooperation,
)
from graph.core import access
from graph.core.db import Tx
from graph.core.errors import Rejected
from graph.core.scope import Scope

COOPERATION = access.Target(
    "cooperation",
    "MATCH (n:Cooperation {id: $id}) WHERE "
    + COOPERATION_READ
    + " RETURN "
    + COOPERATION_EDIT
    + " AS editable",
)
COOPERATION_REMOVAL = access.Removal(
    "cooperation",
    # its own links (company, college, needs, brokers) go with it; nothing points at a cooperation
    "MATCH (n:Cooperation {id: $id})<-[r]-() RETURN type(r) AS type, false AS hard, count(r) AS total",
    "MATCH (n:Cooperation {id: $id}) WITH n, properties(n) AS props DETACH DELETE n RETURN props",
)


@dataclass(frozen=True)
class Links:
    """Links to set: None leaves one alone; `college` uses `clear_college` to remove it."""

    company_id: str | None = None
    college_id: str | None = None
    clear_college: bool = False
    need_ids: list[str] | None = None
    broker_ids: list[str] | None = None


_GET: LiteralString = "MATCH (n:Cooperation {id: $id}) RETURN " + COLUMNS
_CODE: LiteralString = "MATCH (n:Cooperation {code: $code}) RETURN n.id AS id"
_COMPANY: LiteralString = "MATCH (c:Company {id: $id}) RETURN c.id AS id"
_CREATE: LiteralString = (
    "MATCH (c:Company {id: $company})"
    " CREATE (n:Cooperation {id: randomUUID(), createdAt: datetime(), updatedAt: datetime()})-[:WITH]->(c)"
    " SET n += $props RETURN n.id AS id"
)
_UPDATE: LiteralString = "MATCH (n:Cooperation {id: $id}) SET n += $props, n.updatedAt = datetime()"
_SET_COMPANY: LiteralString = (
    "MATCH (n:Cooperation {id: $id}), (c:Company {id: $company})"
    " CALL (n) { MATCH (n)-[old:WITH]->() DELETE old } MERGE (n)-[:WITH]->(c)"
)
_SET_COLLEGE: LiteralString = (
    "MATCH (n:Cooperation {id: $id}) CALL (n) { MATCH (n)-[old:OF_COLLEGE]->() DELETE old }"
    " WITH n MATCH (c:College {id: $college}) MERGE (n)-[:OF_COLLEGE]->(c)"
)
_SET_NEEDS: LiteralString = (
    "MATCH (n:Cooperation {id: $id}) CALL (n) { MATCH (n)-[old:ANSWERS]->() DELETE old }"
    " WITH n UNWIND $ids AS wanted MATCH (x:Need {id: wanted}) MERGE (n)-[:ANSWERS]->(x)"
)
_SET_BROKERS: LiteralString = (
    "MATCH (n:Cooperation {id: $id}) CALL (n) { MATCH (n)-[old:BROKERED_BY]->() DELETE old }"
    " WITH n UNWIND $ids AS wanted MATCH (x:Alumnus {id: wanted}) MERGE (n)-[:BROKERED_BY]->(x)"
)
# Needs it answers that are not needs of its company (after a change of either).
_FOREIGN_NEEDS: LiteralString = (
    "MATCH (n:Cooperation {id: $id})-[:ANSWERS]->(x:Need)"
    " WHERE NOT EXISTS { (n)-[:WITH]->(:Company)-[:NEEDS]->(x) } RETURN count(x) AS total"
)
_UNKNOWN_NEEDS: LiteralString = (
    "UNWIND $ids AS wanted OPTIONAL MATCH (x:Need {id: wanted}) WITH wanted, x WHERE x IS NULL"
    " RETURN count(wanted) AS total"
)


async def get(tx: Tx, coop_id: str) -> CooperationRecord:
    """One cooperation inside a transaction (NOT_FOUND when absent)."""
    row = await tx.row(_GET, {"id": coop_id})
    if row is None:
        raise Rejected("id", "NOT_FOUND", "no cooperation with this ID")
    return cooperation(row)


async def create(tx: Tx, props: dict[str, Any], links: Links, scope: Scope) -> CooperationRecord:
    """Create a cooperation with its company, college, needs and brokers."""
    assert links.company_id is not None
    await _check_code(tx, props["code"], None)
    await _check_refs(tx, links, scope)
    row = await tx.row(_CREATE, {"company": links.company_id, "props": props})
    assert row is not None
    return await _finish(tx, row["id"], links, scope)


async def update(
    tx: Tx, coop_id: str, props: dict[str, Any], links: Links, scope: Scope
) -> tuple[CooperationRecord, CooperationRecord]:
    """Change the given properties and links; returns the cooperation before and after."""
    await access.require(tx, COOPERATION, coop_id, scope, "id", edit=True)
    before = await get(tx, coop_id)
    if "code" in props:
        await _check_code(tx, props["code"], coop_id)
    await _check_refs(tx, links, scope)
    await tx.rows(_UPDATE, {"id": coop_id, "props": props})
    if links.company_id is not None:
        await tx.rows(_SET_COMPANY, {"id": coop_id, "company": links.company_id})
    return before, await _finish(tx, coop_id, links, scope)


async def _check_refs(tx: Tx, links: Links, scope: Scope) -> None:
    if links.company_id is not None and await tx.row(_COMPANY, {"id": links.company_id}) is None:
        raise Rejected("company", "NOT_FOUND", "no company with this ID")
    if links.college_id is not None:
        await access.require(tx, access.COLLEGE, links.college_id, scope, "college", edit=True)
    for broker in links.broker_ids or []:
        await access.require(tx, access.ALUMNUS, broker, scope, "brokers", edit=False)
    if links.need_ids:
        row = await tx.row(_UNKNOWN_NEEDS, {"ids": links.need_ids})
        if row and row["total"]:
            raise Rejected("needs", "NOT_FOUND", "no need with this ID")


async def _finish(tx: Tx, coop_id: str, links: Links, scope: Scope) -> CooperationRecord:
    """Set the links, then refuse what breaks a rule: foreign needs, dates, leaving one's scope."""
    if links.college_id is not None or links.clear_college:
        await tx.rows(_SET_COLLEGE, {"id": coop_id, "college": links.college_id})
    if links.need_ids is not None:
        await tx.rows(_SET_NEEDS, {"id": coop_id, "ids": links.need_ids})
    if links.broker_ids is not None:
        await tx.rows(_SET_BROKERS, {"id": coop_id, "ids": links.broker_ids})
    foreign = await tx.row(_FOREIGN_NEEDS, {"id": coop_id})
    if foreign and foreign["total"]:
        raise Rejected("needs", "INVALID", "a cooperation answers only needs of its own company")
    rec = await get(tx, coop_id)
    if rec.end_date is not None and rec.end_date < rec.start_date:
        raise Rejected("endDate", "OUT_OF_RANGE", "the end date must not be before the start date")
    row = await tx.row(COOPERATION.query, {"id": coop_id, "scope": scope.params()})
    if row is None or not row["editable"]:
        raise Rejected(
            "college", "FORBIDDEN", "a college officer records only their own college's cooperations"
        )
    return rec


async def _check_code(tx: Tx, code: str, own_id: str | None) -> None:
    row = await tx.row(_CODE, {"code": code})
    if row is not None and row["id"] != own_id:
        raise Rejected("code", "DUPLICATE", f"the code {code} is already taken")
