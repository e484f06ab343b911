"""Alumni: records, scoped reads, keyset listing and writes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, LiteralString

from graph.core import access
from graph.core.db import Database, Row, Tx
from graph.core.errors import Rejected
from graph.core.names import name_search_fields
from graph.core.pages import ListSpec, by_ids_query
from graph.core.scope import ALUMNUS_VISIBLE, CONTACT_VISIBLE, Scope


@dataclass(frozen=True)
class AlumnusRecord:
    """An alumnus as stored; email and phone are None when the caller may not see them."""

    id: str
    external_id: str
    name: str
    gender: str | None = None
    birth_year: int | None = None
    kinds: tuple[str, ...] = ()
    email: str | None = None
    phone: str | None = None
    notable: bool = False
    notable_note: str | None = None
    consent_contact: bool = False
    consent_directory: bool = False
    contact_visible: bool = False
    created_at: str | None = None
    updated_at: str | None = None
    merged_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class AlumnusFilter:
    """Filters of the `alumni` connection; None means 'any'."""

    name: str | None = None
    kinds: tuple[str, ...] | None = None
    notable: bool | None = None
    college_id: str | None = None
    class_id: str | None = None
    graduation_from: int | None = None
    graduation_to: int | None = None
    region_id: str | None = None
    industry_id: str | None = None

    def params(self) -> dict[str, Any]:
        """Statement parameters for the filter."""
        return {
            "name": self.name,
            "nameLower": self.name.lower().replace(" ", "") if self.name else None,
            "kinds": list(self.kinds) if self.kinds else None,
            "notable": self.notable,
            "college": self.college_id,
            "class": self.class_id,
            "gradFrom": self.graduation_from,
            "gradTo": self.graduation_to,
            "region": self.region_id,
            "industry": self.industry_id,
        }


class AlumnusSort(Enum):
    """Orders the `alumni` connection can be sorted by (value: the property, always present)."""

    NAME = "name"
    EXTERNAL_ID = "externalId"


@dataclass(frozen=True)
class NewAlumnus:
    """Validated input of createAlumnus."""

    external_id: str
    name: str
    gender: str | None = None
    birth_year: int | None = None
    kinds: tuple[str, ...] = ("STUDENT",)
    email: str | None = None
    phone: str | None = None
    notable: bool = False
    notable_note: str | None = None
    consent_contact: bool = False
    consent_directory: bool = False
    education: tuple[str, ...] = ()
    city_id: str | None = None


COLUMNS: LiteralString = (
    "n.id AS id, n.externalId AS externalId, n.name AS name, n.gender AS gender,"
    " n.birthYear AS birthYear, coalesce(n.kinds, []) AS kinds,"
    " CASE WHEN " + CONTACT_VISIBLE + " THEN n.email END AS email,"
    " CASE WHEN " + CONTACT_VISIBLE + " THEN n.phone END AS phone,"
    " coalesce(n.notable, false) AS notable, n.notableNote AS notableNote,"
    " coalesce(n.consentContact, false) AS consentContact,"
    " coalesce(n.consentDirectory, false) AS consentDirectory,"
    " " + CONTACT_VISIBLE + " AS contactVisible,"
    " toString(n.createdAt) AS createdAt, toString(n.updatedAt) AS updatedAt,"
    " coalesce(n.mergedFrom, []) AS mergedFrom"
)
RETURN: LiteralString = " RETURN " + COLUMNS

_FILTER: LiteralString = (
    "MATCH (n:Alumnus) WHERE "
    + ALUMNUS_VISIBLE
    + " AND ($name IS NULL OR n.name CONTAINS $name OR n.namePinyin CONTAINS $nameLower"
    " OR n.externalId = $name)"
    " AND ($kinds IS NULL OR any(k IN n.kinds WHERE k IN $kinds))"
    " AND ($notable IS NULL OR coalesce(n.notable, false) = $notable)"
    " AND ($college IS NULL OR EXISTS {"
    " (n)-[:STUDIED_IN]->(:Class)-[:OF_COLLEGE]->(:College {id: $college}) })"
    " AND ($class IS NULL OR EXISTS { (n)-[:STUDIED_IN]->(:Class {id: $class}) })"
    " AND ($gradFrom IS NULL AND $gradTo IS NULL OR EXISTS { (n)-[:STUDIED_IN]->(gc:Class)"
    " WHERE ($gradFrom IS NULL OR gc.graduationYear >= $gradFrom)"
    " AND ($gradTo IS NULL OR gc.graduationYear <= $gradTo) })"
    " AND ($region IS NULL OR EXISTS {"
    " (n)-[:LIVES_IN]->(:Region)-[:PART_OF*0..]->(:Region {id: $region}) })"
    " AND ($industry IS NULL OR EXISTS { (n)-[w:WORKS_AT]->(:Company)-[:IN_INDUSTRY]->"
    "(:Industry)-[:PART_OF*0..]->(:Industry {id: $industry}) WHERE w.endYear IS NULL })"
)

SPEC = ListSpec(
    match=_FILTER,
    # One STUDIED_IN per alumnus and class: a class's few dozen alumni, not the whole name index.
    anchors={"class": "(n)-[:STUDIED_IN]->(:Class {id: $class})"},
    projection=RETURN,
    sorts={AlumnusSort.NAME.value: "name", AlumnusSort.EXTERNAL_ID.value: "externalId"},
    by_ids=by_ids_query("MATCH (n:Alumnus {id: wanted}) WHERE " + ALUMNUS_VISIBLE, RETURN),
    record=lambda row: to_record(row),
)

_CREATE: LiteralString = (
    "CREATE (n:Alumnus {id: randomUUID(), createdAt: datetime(), updatedAt: datetime()}) SET n += $p"
    " WITH n CALL (n) { UNWIND $education AS classId MATCH (k:Class {id: classId})"
    " MERGE (n)-[:STUDIED_IN]->(k) }"
    " CALL (n) { MATCH (c:Region {id: $city}) MERGE (n)-[:LIVES_IN]->(c) }" + RETURN
)
_PROPERTIES: LiteralString = "MATCH (n:Alumnus {id: $id}) RETURN properties(n) AS props"
_UPDATE: LiteralString = "MATCH (n:Alumnus {id: $id}) SET n += $props, n.updatedAt = datetime()" + RETURN
_EXISTS_EXTERNAL: LiteralString = "MATCH (n:Alumnus {externalId: $externalId}) RETURN n.id AS id"


def to_record(row: Row) -> AlumnusRecord:
    """Map a returned row to the frozen record."""
    return AlumnusRecord(
        id=row["id"],
        external_id=row["externalId"],
        name=row["name"],
        gender=row["gender"],
        birth_year=row["birthYear"],
        kinds=tuple(row["kinds"]),
        email=row["email"],
        phone=row["phone"],
        notable=row["notable"],
        notable_note=row["notableNote"],
        consent_contact=row["consentContact"],
        consent_directory=row["consentDirectory"],
        contact_visible=bool(row["contactVisible"]),
        created_at=row["createdAt"],
        updated_at=row["updatedAt"],
        merged_from=tuple(row["mergedFrom"]),
    )


async def external_id_taken(tx: Tx, external_id: str) -> bool:
    """True when another alumnus already has this number."""
    return await tx.row(_EXISTS_EXTERNAL, {"externalId": external_id}) is not None


def _props(new: NewAlumnus) -> dict[str, Any]:
    return {
        "externalId": new.external_id,
        "name": new.name,
        "gender": new.gender,
        "birthYear": new.birth_year,
        "kinds": list(new.kinds),
        "email": new.email,
        "phone": new.phone,
        "notable": new.notable,
        "notableNote": new.notable_note,
        "consentContact": new.consent_contact,
        "consentDirectory": new.consent_directory,
    } | search_fields(new.name)


def search_fields(name: str) -> dict[str, str]:
    """`namePinyin` and `nameInitials`, stored whenever `name` is."""
    pinyin, initials = name_search_fields(name)
    return {"namePinyin": pinyin, "nameInitials": initials}


async def create(tx: Tx, new: NewAlumnus, scope: Scope) -> AlumnusRecord:
    """Create one alumnus with its classes and city inside the caller's write transaction.

    A college officer's new alumnus must study in one of the college's classes, or it would
    leave their scope the moment it is created.
    """
    if not scope.all_alumni and not new.education:
        raise Rejected("education", "REQUIRED", "give at least one class of your college")
    for i, class_id in enumerate(new.education):
        await access.require(tx, access.CLASS, class_id, scope, f"education.{i}", edit=True)
    if new.city_id is not None:
        await access.require(tx, access.REGION, new.city_id, scope, "city", edit=False)
    params = {"p": _props(new), "education": list(new.education), "city": new.city_id}
    row = await tx.row(_CREATE, params | {"scope": scope.params()})
    assert row is not None
    return to_record(row)


async def properties(tx: Tx, node_id: str) -> dict[str, Any]:
    """The stored properties of one alumnus (for audit before-images); empty when absent."""
    row = await tx.row(_PROPERTIES, {"id": node_id})
    return dict(row["props"]) if row else {}


async def update(tx: Tx, node_id: str, props: dict[str, Any], scope: Scope) -> AlumnusRecord:
    """Set the given properties (None removes one); the caller has run `access.require`."""
    if "externalId" in props and await _external_id_used_by_other(tx, props["externalId"], node_id):
        raise Rejected(
            "externalId", "DUPLICATE", f"an alumnus with number {props['externalId']} already exists"
        )
    full = props | (search_fields(props["name"]) if "name" in props else {})
    row = await tx.row(_UPDATE, {"id": node_id, "props": full, "scope": scope.params()})
    if row is None:
        raise Rejected("id", "NOT_FOUND", "no alumnus with this ID")
    return to_record(row)


async def _external_id_used_by_other(tx: Tx, external_id: str, node_id: str) -> bool:
    row = await tx.row(_EXISTS_EXTERNAL, {"externalId": external_id})
    return row is not None and row["id"] != node_id


REMOVAL = access.Removal(
    "alumnus",
    "MATCH (n:Alumnus {id: $id})-[r]-() RETURN type(r) AS type, false AS hard, count(r) AS total",
    "MATCH (n:Alumnus {id: $id}) WITH n, properties(n) AS props DETACH DELETE n RETURN props",
)


_ANY_ALUMNUS: LiteralString = "MATCH (n:Alumnus) RETURN count(n) > 0 AS any"


async def any_alumni(db: Database) -> bool:
    """Whether the database holds at least one alumnus (the demo loads only into an empty one)."""
    rows = await db.read_rows(_ANY_ALUMNUS)
    return bool(rows and rows[0]["any"])
