"""mergeAlumni: every relationship moves without duplicates, properties fill, provenance, audit, atomicity."""

from __future__ import annotations

import json
from typing import Any

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import audit_entries, errors_of, gid, given_institutions, mutate

MERGE = """
mutation Merge($input: MergeAlumniInput!) {
  mergeAlumni(input: $input) {
    alumnus {
      externalId name gender birthYear kinds email phone notable notableNote consentContact mergedFrom
    }
    mergedIds
    relationshipsMoved
    userErrors { field code message }
  }
}
"""

# k is kept; m1 and m2 are merged into it. x and y are other alumni; the rest is their world.
_WORLD = """
MATCH (cs10:Class {id: 'cls-cs10'}), (cs15:Class {id: 'cls-cs15'}), (ee:College {id: 'col-ee'})
MATCH (csa:Chapter {id: 'ch-cs'}), (gd:Chapter {id: 'ch-gd'})
MATCH (sz:Region {code: '440300'}), (bj:Region {code: '110000'})
CREATE (k:Alumnus {id: 'k', externalId: 'K1', name: '李娜', kinds: ['STUDENT'], email: 'k@example.com',
                   notable: false, consentContact: false})
CREATE (m1:Alumnus {id: 'm1', externalId: 'M1', name: '李娜', kinds: ['STAFF'], email: 'other@example.com',
                    gender: 'F', birthYear: 1988, notable: true, notableNote: '校董', consentContact: true,
                    phone: '+8613800138000'})
CREATE (m2:Alumnus {id: 'm2', externalId: 'M2', name: 'Li Na', kinds: ['STUDENT', 'HONORARY'],
                    birthYear: 1989, mergedFrom: ['OLD9']})
CREATE (x:Alumnus {id: 'x', externalId: 'X1', name: '周强'})
CREATE (y:Alumnus {id: 'y', externalId: 'Y1', name: '吴敏'})
CREATE (co1:Company {id: 'co1', creditCode: 'X-CO1', name: '一号公司'})
CREATE (co2:Company {id: 'co2', creditCode: 'X-CO2', name: '二号公司'})
CREATE (ev1:Event {id: 'ev1', code: 'EV1', name: '校庆'}), (ev2:Event {id: 'ev2', code: 'EV2', name: '论坛'})
CREATE (f:Fund {id: 'f', code: 'F1', name: '奖学金'})
CREATE (d1:Donation {id: 'd1', receiptNo: 'R1'})-[:TO]->(f), (d2:Donation {id: 'd2', receiptNo: 'R2'})-[:TO]->(f)
CREATE (i1:Interaction {id: 'i1'}), (i2:Interaction {id: 'i2'}), (aw:Award {id: 'aw'})
CREATE (k)-[:STUDIED_IN]->(cs10), (k)-[:LIVES_IN]->(sz)
CREATE (k)-[:MEMBER_OF {role: 'MEMBER', sinceYear: 2015}]->(csa)
CREATE (k)-[:WORKS_AT {title: '工程师', role: 'EMPLOYEE', startYear: 2012}]->(co1)
CREATE (k)-[:KNOWS {strength: 2}]->(x), (k)-[:ATTENDED {role: 'GUEST'}]->(ev1)
CREATE (m1)-[:STUDIED_IN]->(cs10), (m1)-[:STUDIED_IN]->(cs15), (m1)-[:LIVES_IN]->(bj)
CREATE (m1)-[:MEMBER_OF {role: 'SECRETARY', sinceYear: 2011}]->(csa)
CREATE (m1)-[:MEMBER_OF {role: 'MEMBER', sinceYear: 2018}]->(gd)
CREATE (m1)-[:WORKS_AT {title: 'CTO', role: 'FOUNDER', startYear: 2010, endYear: 2014}]->(co1)
CREATE (m1)-[:WORKS_AT {role: 'EMPLOYEE', startYear: 2015}]->(co2)
CREATE (x)-[:KNOWS {kind: 'FRIEND', strength: 4}]->(m1), (m1)-[:KNOWS {kind: 'OTHER'}]->(k)
CREATE (m1)-[:LIAISON_FOR]->(cs15), (m1)-[:ATTENDED {role: 'SPEAKER'}]->(ev1)
CREATE (m1)-[:WORKED_AT_SCHOOL {title: '讲师', startYear: 2016}]->(ee)
CREATE (d1)-[:FROM]->(m1), (i1)-[:WITH]->(m1), (aw)-[:TO]->(m1), (i2)-[:BY]->(m1)
CREATE (m2)-[:KNOWS]->(m1), (m2)-[:KNOWS {strength: 1}]->(y), (m2)-[:ATTENDED {role: 'ORGANIZER'}]->(ev2)
CREATE (m2)-[:MEMBER_OF {role: 'MEMBER', sinceYear: 2009}]->(gd)
CREATE (d1)-[:SOLICITED_BY]->(m2), (d2)-[:FROM]->(m2), (i1)-[:WITH]->(m2)
CREATE (:Cooperation {id: 'kp', code: 'KP'})-[:BROKERED_BY]->(m1)
CREATE (:Story {id: 'st', code: 'ST'})-[:FEATURES]->(m2)
"""

_COUNTS = "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n ORDER BY type"
_TIES = """
MATCH (a:Alumnus)-[r]-(o) WHERE a.id IN $ids
RETURN a.id AS a, type(r) AS type, o.id AS o, startNode(r) = a AS out, properties(r) AS props
"""
_SNAPSHOT = """
MATCH (s)-[r]->(e) WITH s, r, e ORDER BY s.id, type(r), e.id
WITH collect([s.id, type(r), e.id, properties(r)]) AS rels
MATCH (n) WHERE n.id IS NOT NULL WITH rels, n ORDER BY n.id
RETURN rels, collect([n.id, labels(n), properties(n)]) AS nodes
"""


async def given_world(db: Database) -> None:
    """Institutions of `given`, the duplicates k, m1, m2 and everything they are tied to."""
    await given_institutions(db)
    await db.write_rows(_WORLD)


async def type_counts(db: Database) -> dict[str, int]:
    """Relationships in the whole graph, by type."""
    return {r["type"]: r["n"] for r in await db.read_rows(_COUNTS)}


async def ties(db: Database, *ids: str) -> list[dict[str, Any]]:
    """Every tie of the given alumni, seen from them."""
    return await db.read_rows(_TIES, {"ids": list(ids)})


def expected_union(before: list[dict[str, Any]]) -> set[tuple[str, str, bool]]:
    """(type, other node, outgoing) the kept alumnus should end with: the union of the three,
    without self-loops, KNOWS once per pair, and one home (its own)."""
    group = {"k", "m1", "m2"}
    union = set()
    for t in before:
        if t["o"] in group or (t["type"] == "LIVES_IN" and t["a"] != "k"):
            continue
        union.add((t["type"], t["o"], True if t["type"] == "KNOWS" else t["out"]))
    return union


def merge_input(keep: str, *merged: str) -> dict[str, Any]:
    """The mutation input for alumni ids."""
    return {"keep": gid("Alumnus", keep), "merge": [gid("Alumnus", m) for m in merged]}


async def test_merge_moves_every_relationship_without_duplicates(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    counts = await type_counts(db)
    before = await ties(db, "k", "m1", "m2")
    # when
    payload = await mutate(api, MERGE, "mergeAlumni", merge_input("k", "m1", "m2"))
    # then the kept alumnus has the union of the ties of all three
    assert payload["userErrors"] == []
    after = await ties(db, "k")
    assert {(t["type"], t["o"], True if t["type"] == "KNOWS" else t["out"]) for t in after} == (
        expected_union(before)
    )
    assert len(after) == len(expected_union(before))  # nothing doubled
    # and the graph lost exactly the duplicates, self-loops and the second home
    lost = {"STUDIED_IN": 1, "MEMBER_OF": 2, "WORKS_AT": 1, "LIVES_IN": 1, "ATTENDED": 1, "WITH": 1}
    lost |= {"KNOWS": 3}  # x→m1 joins k→x; m1→k and m2→m1 would be self-loops
    assert await type_counts(db) == {t: n - lost.get(t, 0) for t, n in counts.items()}
    assert await ties(db, "m1", "m2") == []
    outside = [t for t in before if t["a"] != "k" and t["o"] not in {"k", "m1", "m2"}]
    assert payload["relationshipsMoved"] == len(outside)


async def test_ties_held_twice_are_combined(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    # when
    await mutate(api, MERGE, "mergeAlumni", merge_input("k", "m1", "m2"))
    # then
    props = {(t["type"], t["o"]): t["props"] for t in await ties(db, "k")}
    assert props[("MEMBER_OF", "ch-cs")] == {"role": "SECRETARY", "sinceYear": 2011}
    assert props[("MEMBER_OF", "ch-gd")] == {"role": "MEMBER", "sinceYear": 2009}  # m1's and m2's
    assert props[("WORKS_AT", "co1")] == {"title": "工程师", "role": "FOUNDER", "startYear": 2010}
    assert props[("WORKS_AT", "co2")] == {"role": "EMPLOYEE", "startYear": 2015}
    assert props[("KNOWS", "x")] == {"kind": "FRIEND", "strength": 4}
    assert props[("ATTENDED", "ev1")] == {"role": "SPEAKER"}
    assert props[("ATTENDED", "ev2")] == {"role": "ORGANIZER"}
    assert props[("WORKED_AT_SCHOOL", "col-ee")] == {"title": "讲师", "startYear": 2016}
    directions = {(t["type"], t["o"]): t["out"] for t in await ties(db, "k")}
    assert directions[("FROM", "d1")] is False and directions[("SOLICITED_BY", "d1")] is False
    assert directions[("KNOWS", "y")] is True


async def test_merge_fills_empty_properties_and_records_provenance(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    # when
    payload = await mutate(api, MERGE, "mergeAlumni", merge_input("k", "m1", "m2"))
    # then set values stay, empty ones come from m1 then m2; kinds and notable are united
    assert payload["alumnus"] == {
        "externalId": "K1",
        "name": "李娜",
        "gender": "F",
        "birthYear": 1988,
        "kinds": ["STUDENT", "STAFF", "HONORARY"],
        "email": None,  # the kept consentContact stays false, so contact details stay hidden
        "phone": None,
        "notable": True,
        "notableNote": "校董",
        "consentContact": False,
        "mergedFrom": ["M1", "M2", "OLD9"],
    }
    rows = await db.read_rows(
        "MATCH (a:Alumnus {id: 'k'}) RETURN a.mergedFrom AS f, a.email AS e, a.phone AS p"
    )
    assert rows == [{"f": ["M1", "M2", "OLD9"], "e": "k@example.com", "p": "+8613800138000"}]
    assert payload["mergedIds"] == [gid("Alumnus", "m1"), gid("Alumnus", "m2")]
    assert await db.read_rows("MATCH (a:Alumnus) WHERE a.id IN ['m1', 'm2'] RETURN a") == []


async def test_merge_is_audited_with_before_after_and_merged_ids(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    # when
    await mutate(api, MERGE, "mergeAlumni", merge_input("k", "m1", "m2"))
    # then
    [entry] = await audit_entries(db, "mergeAlumni")
    assert entry["nodeIds"] == ["k", "m1", "m2"]
    changes = json.loads(entry["changes"])
    assert changes["mergedFrom"] == [None, ["M1", "M2", "OLD9"]]
    assert changes["gender"] == [None, "F"]
    assert changes["phone"] == [None, "<redacted>"]
    merged = changes["merged"][0]
    assert [m["externalId"] for m in merged] == ["M1", "M2"]
    assert merged[0]["email"] == "<redacted>" and merged[0]["name"] == "李娜"
    assert changes["relationshipsMoved"][1]["STUDIED_IN"] == 2


async def test_a_merge_that_fails_halfway_changes_nothing(api: Api, db: Database) -> None:
    # given m2 has a tie of a type merge does not know; m1 (processed first) is fine
    await given_world(db)
    await db.write_rows("MATCH (m:Alumnus {id: 'm2'}), (x:Alumnus {id: 'x'}) CREATE (m)-[:FOLLOWS]->(x)")
    snapshot = await db.read_rows(_SNAPSHOT)
    # when
    payload = await mutate(api, MERGE, "mergeAlumni", merge_input("k", "m1", "m2"))
    # then
    assert errors_of(payload) == {("input", "merge", "1"): "CONFLICT"}
    assert "FOLLOWS" in payload["userErrors"][0]["message"]
    assert await db.read_rows(_SNAPSHOT) == snapshot
    assert await audit_entries(db, "mergeAlumni") == []


async def test_bad_merge_input_is_refused(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    snapshot = await db.read_rows(_SNAPSHOT)
    # when
    answers = [
        await mutate(api, MERGE, "mergeAlumni", data)
        for data in [
            merge_input("k", "m1", "k"),
            merge_input("k"),
            merge_input("k", *[f"n{i}" for i in range(21)]),
            merge_input("k", "m1", "nobody"),
            merge_input("nobody", "m1"),
            {"keep": gid("College", "col-cs"), "merge": [gid("Alumnus", "m1")]},
        ]
    ]
    # then
    assert [errors_of(a) for a in answers] == [
        {("input", "merge", "1"): "INVALID"},
        {("input", "merge"): "REQUIRED"},
        {("input", "merge"): "OUT_OF_RANGE"},
        {("input", "merge", "1"): "NOT_FOUND"},
        {("input", "keep"): "NOT_FOUND"},
        {("input", "keep"): "INVALID"},
    ]
    assert await db.read_rows(_SNAPSHOT) == snapshot


async def test_only_admins_merge(api: Api, db: Database) -> None:
    # given
    await given_world(db)
    # when
    answer = await api.post(MERGE, {"input": merge_input("k", "m1")}, role=Role.COLLEGE_OFFICER, college="CS")
    # then
    assert answer["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await db.read_rows("MATCH (a:Alumnus {id: 'm1'}) RETURN a.id AS id") == [{"id": "m1"}]
