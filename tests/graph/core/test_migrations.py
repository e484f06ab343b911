"""Migrations and reference data against the real Neo4j."""

from __future__ import annotations

from graph.core.db import Database
from graph.core.migrations import LATEST, MIGRATIONS, applied_migrations, migrate
from graph.reference import read_table


async def test_migrate_twice_changes_nothing(db: Database) -> None:
    # given migrations already applied by the session fixture
    before = await db.read_rows(
        "MATCH (n) RETURN count(n) AS nodes, "
        "COUNT { MATCH ()-[r]->() } AS rels, "
        "max(n.updatedAt) AS lastUpdate"
    )
    # when
    applied = await migrate(db)
    # then
    after = await db.read_rows(
        "MATCH (n) RETURN count(n) AS nodes, "
        "COUNT { MATCH ()-[r]->() } AS rels, "
        "max(n.updatedAt) AS lastUpdate"
    )
    assert applied == []
    assert before == after
    assert await applied_migrations(db) == [m.number for m in MIGRATIONS]
    assert MIGRATIONS[-1].number == LATEST


async def test_every_natural_key_and_id_is_unique(db: Database) -> None:
    # when
    rows = await db.read_rows(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties[0] AS prop"
    )
    # then
    have = {(r["label"], r["prop"]) for r in rows}
    expected_keys = {
        ("Alumnus", "externalId"),
        ("College", "code"),
        ("Class", "code"),
        ("Chapter", "code"),
        ("Company", "creditCode"),
        ("Industry", "code"),
        ("Region", "code"),
        ("Event", "code"),
        ("Fund", "code"),
        ("Donation", "receiptNo"),
    }
    labels = {label for label, _ in expected_keys} | {"Interaction", "Award"}
    assert expected_keys <= have
    assert {(label, "id") for label in labels} <= have


async def test_fulltext_index_uses_the_cjk_analyzer(db: Database) -> None:
    # when
    rows = await db.read_rows(
        "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, options "
        "WHERE name = 'name_search' RETURN labelsOrTypes, properties, options"
    )
    # then
    assert len(rows) == 1
    assert set(rows[0]["labelsOrTypes"]) == {"Alumnus", "Company", "Chapter"}
    assert rows[0]["options"]["indexConfig"]["fulltext.analyzer"] == "cjk"


async def test_reference_data_is_loaded_with_its_hierarchy(db: Database) -> None:
    # when
    rows = await db.read_rows(
        "MATCH (r:Region) WITH r.level AS level, count(*) AS n RETURN level, n ORDER BY level"
    )
    counts = {r["level"]: r["n"] for r in rows}
    shenzhen = await db.read_rows(
        "MATCH (:Region {code: '440300'})-[:PART_OF*]->(top:Region) RETURN collect(top.code) AS up"
    )
    software = await db.read_rows(
        "MATCH (:Industry {code: '65'})-[:PART_OF]->(s:Industry) RETURN s.code AS section"
    )
    # then
    regions = read_table("regions")
    assert sum(counts.values()) == len(regions)
    assert counts["PROVINCE"] == 34
    assert counts["CITY"] >= 330
    assert set(shenzhen[0]["up"]) == {"440000", "CN"}
    assert software[0]["section"] == "I"
    sections = await db.read_rows("MATCH (i:Industry {level: 'SECTION'}) RETURN count(i) AS n")
    divisions = await db.read_rows("MATCH (i:Industry {level: 'DIVISION'}) RETURN count(i) AS n")
    assert sections[0]["n"] == 20
    assert divisions[0]["n"] == 97
