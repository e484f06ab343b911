"""Self-service for an alumnus: everything stored about them, their contact data and consents."""

from __future__ import annotations

from typing import Any, LiteralString

from graph.core.db import Database, Tx

_PROFILE: LiteralString = "MATCH (n:Alumnus {id: $id}) RETURN properties(n) AS props"
_RELATIONS: LiteralString = (
    "MATCH (n:Alumnus {id: $id})-[r]-(m) WHERE NOT m:AuditEntry"
    " RETURN type(r) AS type, startNode(r) = n AS outgoing, labels(m)[0] AS label,"
    " coalesce(m.externalId, m.code, m.creditCode, m.receiptNo, m.id) AS key, m.name AS name,"
    " properties(r) AS props ORDER BY type, key"
)
_DONATIONS: LiteralString = (
    "MATCH (d:Donation)-[:FROM]->(:Alumnus {id: $id}) OPTIONAL MATCH (d)-[:TO]->(f:Fund)"
    " RETURN d.receiptNo AS receiptNo, d.kind AS kind, d.amount AS amount, d.currency AS currency,"
    " d.amountCny AS amountCny, toString(d.date) AS date, f.code AS fund ORDER BY date, receiptNo"
)
_INTERACTIONS: LiteralString = (
    "MATCH (i:Interaction)-[:WITH|BY]->(:Alumnus {id: $id})"
    " RETURN DISTINCT i.kind AS kind, toString(i.date) AS date, i.summary AS summary,"
    " i.feedback AS feedback ORDER BY date"
)
_AUDIT: LiteralString = (
    "MATCH (e:AuditEntry) WHERE $id IN e.nodeIds"
    " RETURN toString(e.at) AS at, e.operation AS operation, e.actor AS actor ORDER BY e.atMs"
)
_SET_CONTACT: LiteralString = (
    "MATCH (n:Alumnus {id: $id})"
    " WITH n, {email: n.email, phone: n.phone} AS before"
    " SET n.email = CASE WHEN $setEmail THEN $email ELSE n.email END,"
    " n.phone = CASE WHEN $setPhone THEN $phone ELSE n.phone END, n.updatedAt = datetime()"
    " RETURN before, {email: n.email, phone: n.phone} AS after"
)
_SET_CONSENT: LiteralString = (
    "MATCH (n:Alumnus {id: $id})"
    " WITH n, {consentContact: n.consentContact, consentDirectory: n.consentDirectory} AS before"
    " SET n.consentContact = coalesce($contact, n.consentContact),"
    " n.consentDirectory = coalesce($directory, n.consentDirectory), n.updatedAt = datetime()"
    " RETURN before, {consentContact: n.consentContact, consentDirectory: n.consentDirectory} AS after"
)


def _plain(value: Any) -> Any:
    """Neo4j temporal values as ISO text, so the export is plain JSON."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


async def personal_data(db: Database, alumnus_id: str) -> dict[str, Any] | None:
    """Everything stored about one alumnus (a data-access request), or None if unknown."""

    async def work(tx: Tx) -> dict[str, Any] | None:
        profile = await tx.row(_PROFILE, {"id": alumnus_id})
        if profile is None:
            return None
        return {
            "profile": profile["props"],
            "relationships": await tx.rows(_RELATIONS, {"id": alumnus_id}),
            "donations": await tx.rows(_DONATIONS, {"id": alumnus_id}),
            "interactions": await tx.rows(_INTERACTIONS, {"id": alumnus_id}),
            "changes": await tx.rows(_AUDIT, {"id": alumnus_id}),
        }

    data = await db.read(work)
    return _plain(data) if data is not None else None


async def set_contact(
    tx: Tx, alumnus_id: str, email: tuple[bool, str | None], phone: tuple[bool, str | None]
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Change email and/or phone (flag, value); returns (before, after) or None if unknown."""
    row = await tx.row(
        _SET_CONTACT,
        {"id": alumnus_id, "setEmail": email[0], "email": email[1], "setPhone": phone[0], "phone": phone[1]},
    )
    return (row["before"], row["after"]) if row else None


async def set_consent(
    tx: Tx, alumnus_id: str, contact: bool | None, directory: bool | None
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Give or withdraw consents; returns (before, after) or None if unknown."""
    row = await tx.row(_SET_CONSENT, {"id": alumnus_id, "contact": contact, "directory": directory})
    return (row["before"], row["after"]) if row else None
