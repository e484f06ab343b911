"""Companies (alumni enterprises): records, filtered keyset lists and writes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core.access import create_node, replace_link, update_node
from graph.core.db import Row, Tx
from graph.core.model import Label
from graph.core.names import name_search_fields
from graph.core.pages import ListSpec, by_ids_query


@dataclass(frozen=True)
class CompanyRecord:
    """A company; `industry_id` and `region_id` are its links, if set."""

    id: str
    credit_code: str
    name: str
    size: str | None
    website: str | None
    industry_id: str | None
    region_id: str | None
    created_at: str | None
    updated_at: str | None


@dataclass(frozen=True)
class CompanyFilter:
    """Filters of the `companies` connection; None means 'any'."""

    name: str | None = None
    industry_id: str | None = None
    region_id: str | None = None
    sizes: tuple[str, ...] | None = None
    has_alumni: bool | None = None
    need_kind: str | None = None

    def params(self) -> dict[str, Any]:
        """Statement parameters for the filter."""
        return {
            "name": self.name,
            "nameLower": self.name.lower().replace(" ", "") if self.name else None,
            "industry": self.industry_id,
            "region": self.region_id,
            "sizes": list(self.sizes) if self.sizes else None,
            "hasAlumni": self.has_alumni,
            "needKind": self.need_kind,
        }


_RETURN: LiteralString = (
    " RETURN n.id AS id, n.creditCode AS creditCode, n.name AS name, n.size AS size,"
    " n.website AS website,"
    " head([(n)-[:IN_INDUSTRY]->(i:Industry) | i.id]) AS industryId,"
    " head([(n)-[:LOCATED_IN]->(r:Region) | r.id]) AS regionId,"
    " toString(n.createdAt) AS createdAt, toString(n.updatedAt) AS updatedAt"
)
_FILTER: LiteralString = (
    "MATCH (n:Company) WHERE ($name IS NULL OR n.name CONTAINS $name"
    " OR n.namePinyin CONTAINS $nameLower OR n.creditCode = toUpper($name))"
    " AND ($industry IS NULL OR EXISTS { (n)-[:IN_INDUSTRY]->(:Industry)"
    "-[:PART_OF*0..]->(:Industry {id: $industry}) })"
    " AND ($region IS NULL OR EXISTS { (n)-[:LOCATED_IN]->(:Region)"
    "-[:PART_OF*0..]->(:Region {id: $region}) })"
    " AND ($sizes IS NULL OR n.size IN $sizes)"
    " AND ($hasAlumni IS NULL OR $hasAlumni = EXISTS {"
    " (n)<-[w:WORKS_AT]-(:Alumnus) WHERE w.endYear IS NULL })"
    " AND ($needKind IS NULL OR EXISTS { (n)-[:NEEDS]->(:Need {kind: $needKind}) })"
)


def company(row: Row) -> CompanyRecord:
    """Map a row to a company."""
    return CompanyRecord(
        id=row["id"],
        credit_code=row["creditCode"],
        name=row["name"],
        size=row["size"],
        website=row["website"],
        industry_id=row["industryId"],
        region_id=row["regionId"],
        created_at=row["createdAt"],
        updated_at=row["updatedAt"],
    )


COMPANIES = ListSpec(
    match=_FILTER,
    # A company has one industry and one location, each with one PART_OF chain up the tree.
    anchors={
        "industry": "(n)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(:Industry {id: $industry})",
        "region": "(n)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:Region {id: $region})",
    },
    projection=_RETURN,
    sorts={"name": "name", "creditCode": "creditCode"},
    by_ids=by_ids_query("MATCH (n:Company {id: wanted})", _RETURN),
    record=company,
)

SET_INDUSTRY = replace_link("Company", "IN_INDUSTRY", "Industry")
SET_LOCATION = replace_link("Company", "LOCATED_IN", "Region")
_CODE_TAKEN: LiteralString = (
    "MATCH (n:Company {creditCode: $code}) WHERE n.id <> coalesce($id, '') RETURN n.id AS id"
)

LABEL = Label.COMPANY


def properties(values: dict[str, Any]) -> dict[str, Any]:
    """Stored properties for given input values (search forms follow the name)."""
    props = dict(values)
    if props.get("name"):
        props["namePinyin"], props["nameInitials"] = name_search_fields(props["name"])
    return props


async def credit_code_taken(tx: Tx, code: str, except_id: str | None = None) -> bool:
    """True when another company already has this credit code."""
    return await tx.row(_CODE_TAKEN, {"code": code, "id": except_id}) is not None


async def set_industry(tx: Tx, company_id: str, industry_id: str | None) -> None:
    """Place the company in one industry (None: in none)."""
    await tx.rows(SET_INDUSTRY, {"id": company_id, "target": industry_id})


async def set_location(tx: Tx, company_id: str, region_id: str | None) -> None:
    """Locate the company in one region, usually a city (None: nowhere)."""
    await tx.rows(SET_LOCATION, {"id": company_id, "target": region_id})


async def create(tx: Tx, props: dict[str, Any]) -> str:
    """Create a company from checked properties (None values are not stored); its id."""
    return await create_node(tx, Label.COMPANY, props)


async def update(tx: Tx, node_id: str, props: dict[str, Any]) -> dict[str, Any]:
    """Set (None: remove) checked properties of a company; NOT_FOUND if missing; their old values."""
    return await update_node(tx, Label.COMPANY, node_id, props)
