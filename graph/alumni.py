"""Alumni: records, scoped reads, keyset listing and writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, LiteralString

from graph.db import Database, Row, Tx
from graph.names import name_search_fields
from graph.nodes import ListSpec, by_ids_query
from graph.scope import ALUMNUS_VISIBLE, CONTACT_VISIBLE, Scope


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
    extra: dict[str, Any] = field(default_factory=dict)


_RETURN: LiteralString = (
    " RETURN n.id AS id, n.externalId AS externalId, n.name AS name, n.gender AS gender,"
    " n.birthYear AS birthYear, coalesce(n.kinds, []) AS kinds,"
    " CASE WHEN " + CONTACT_VISIBLE + " THEN n.email END AS email,"
    " CASE WHEN " + CONTACT_VISIBLE + " THEN n.phone END AS phone,"
    " coalesce(n.notable, false) AS notable, n.notableNote AS notableNote,"
    " coalesce(n.consentContact, false) AS consentContact,"
    " coalesce(n.consentDirectory, false) AS consentDirectory,"
    " " + CONTACT_VISIBLE + " AS contactVisible,"
    " toString(n.createdAt) AS createdAt, toString(n.updatedAt) AS updatedAt"
)

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
    projection=_RETURN,
    sorts={AlumnusSort.NAME.value: "name", AlumnusSort.EXTERNAL_ID.value: "externalId"},
    by_ids=by_ids_query("MATCH (n:Alumnus {id: wanted}) WHERE " + ALUMNUS_VISIBLE, _RETURN),
    record=lambda row: to_record(row),
)
_BY_EXTERNAL_ID: LiteralString = (
    "MATCH (n:Alumnus {externalId: $externalId}) WHERE " + ALUMNUS_VISIBLE + _RETURN
)

_CREATE: LiteralString = (
    "CREATE (n:Alumnus {id: randomUUID(), externalId: $p.externalId, name: $p.name,"
    " gender: $p.gender, birthYear: $p.birthYear, kinds: $p.kinds, email: $p.email,"
    " phone: $p.phone, notable: $p.notable, notableNote: $p.notableNote,"
    " consentContact: $p.consentContact, consentDirectory: $p.consentDirectory,"
    " namePinyin: $p.namePinyin, nameInitials: $p.nameInitials,"
    " createdAt: datetime(), updatedAt: datetime()})" + _RETURN
)
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
    )


async def get_by_external_id(db: Database, external_id: str, scope: Scope) -> AlumnusRecord | None:
    """One alumnus by student or staff number."""
    rows = await db.read_rows(_BY_EXTERNAL_ID, {"externalId": external_id, "scope": scope.params()})
    return to_record(rows[0]) if rows else None


async def external_id_taken(tx: Tx, external_id: str) -> bool:
    """True when another alumnus already has this number."""
    return await tx.row(_EXISTS_EXTERNAL, {"externalId": external_id}) is not None


async def create(tx: Tx, new: NewAlumnus, scope: Scope) -> AlumnusRecord:
    """Create one alumnus inside the caller's write transaction."""
    pinyin, initials = name_search_fields(new.name)
    props = {
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
        "namePinyin": pinyin,
        "nameInitials": initials,
    }
    row = await tx.row(_CREATE, {"p": props, "scope": scope.params()})
    assert row is not None
    return to_record(row)


_ANY_ALUMNUS: LiteralString = "MATCH (n:Alumnus) RETURN count(n) > 0 AS any"


async def any_alumni(db: Database) -> bool:
    """Whether the database holds at least one alumnus (the demo loads only into an empty one)."""
    rows = await db.read_rows(_ANY_ALUMNUS)
    return bool(rows and rows[0]["any"])
