"""Reading the people-and-institutions graph: relationship fields, scope, and bounded round trips."""

from __future__ import annotations

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import gid, given_alumni, given_institutions

ALUMNUS_TIES = """
query Ties($id: ID!) {
  node(id: $id) {
    ... on Alumnus {
      name
      education { code college { code } }
      staffRoles { college { code } title startYear endYear current }
      city { code }
      memberships { role sinceYear chapter { code kind } alumnus { externalId } }
      liaisonFor { code }
      acquaintances { alumnus { externalId } kind strength }
    }
  }
}
"""

CLASS_VIEW = """
query Class($id: ID!, $after: String) {
  node(id: $id) {
    ... on Class {
      code
      college { code }
      alumniCount
      liaisons { externalId }
      alumni(first: 2, after: $after) {
        totalCount
        edges { cursor node { externalId } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}
"""

COLLEGE_VIEW = """
query College($id: ID!) {
  node(id: $id) {
    ... on College {
      code
      alumniCount
      chapters { code }
      classes(first: 10) { totalCount nodes { code alumniCount } }
    }
  }
}
"""

NESTED_ALUMNI = """
{
  alumni(first: 100) {
    edges {
      node {
        name
        education { code college { code } }
        memberships { role chapter { code parent { code } } }
        staffRoles { college { code } }
        liaisonFor { code }
        acquaintances { alumnus { name } }
        city { name }
      }
    }
  }
}
"""

NESTED_CHAPTERS = """
{
  chapters(first: 50) {
    nodes {
      code
      parent { code }
      children { code }
      college { code }
      region { code }
      industry { code }
      officers { role alumnus { name } }
      members(first: 100) {
        totalCount
        nodes { role sinceYear alumnus { name city { name } education { code } } }
      }
    }
  }
}
"""

NESTED_COLLEGES = """
{
  colleges(first: 10) {
    nodes {
      code
      alumniCount
      chapters { code }
      classes(first: 10) {
        totalCount
        nodes { code alumniCount liaisons { name } alumni(first: 100) { totalCount nodes { name } } }
      }
    }
  }
}
"""


async def test_alumnus_fields_show_every_tie(api: Api, db: Database) -> None:
    # given alumnus a-1 (class CS-2015) who worked at EE, is liaison of CS-2015, and knows a-2 and a-3
    await given_institutions(db)
    await given_alumni(db, 3)
    await db.write_rows(
        """
        MATCH (a:Alumnus {id: 'a-1'}), (b:Alumnus {id: 'a-2'}), (c:Alumnus {id: 'a-3'})
        MATCH (ee:College {id: 'col-ee'}), (k:Class {id: 'cls-cs15'})
        CREATE (a)-[:WORKED_AT_SCHOOL {title: '讲师', startYear: 2016}]->(ee)
        CREATE (a)-[:LIAISON_FOR]->(k)
        CREATE (a)-[:KNOWS {kind: 'FRIEND', strength: 4}]->(b)
        CREATE (c)-[:KNOWS {kind: 'MENTOR', strength: 2}]->(a)
        """
    )
    # when
    data = await api.data(ALUMNUS_TIES, {"id": gid("Alumnus", "a-1")})
    # then
    node = data["node"]
    assert node["education"] == [{"code": "CS-2015", "college": {"code": "CS"}}]
    assert node["staffRoles"] == [
        {"college": {"code": "EE"}, "title": "讲师", "startYear": 2016, "endYear": None, "current": True}
    ]
    assert node["city"] == {"code": "440300"}
    assert node["memberships"] == [
        {
            "role": "MEMBER",
            "sinceYear": 2011,
            "chapter": {"code": "CSA", "kind": "COLLEGE"},
            "alumnus": {"externalId": "S0001"},
        }
    ]
    assert node["liaisonFor"] == [{"code": "CS-2015"}]
    assert node["acquaintances"] == [
        {"alumnus": {"externalId": "S0002"}, "kind": "FRIEND", "strength": 4},
        {"alumnus": {"externalId": "S0003"}, "kind": "MENTOR", "strength": 2},
    ]


async def test_acquaintances_outside_the_officers_scope_are_not_returned(api: Api, db: Database) -> None:
    # given a-3 (CS-2010) knows a-2 (EE-2010) and a-4 (CS-2015); a CS officer asks
    await given_institutions(db)
    await given_alumni(db, 4)
    await db.write_rows(
        "MATCH (a:Alumnus {id: 'a-3'}), (b:Alumnus {id: 'a-2'}), (c:Alumnus {id: 'a-4'})"
        " CREATE (a)-[:KNOWS {kind: 'FRIEND'}]->(b), (c)-[:KNOWS {kind: 'FRIEND'}]->(a)"
    )
    # when
    data = await api.data(
        ALUMNUS_TIES, {"id": gid("Alumnus", "a-3")}, role=Role.COLLEGE_OFFICER, college="CS"
    )
    # then
    assert data["node"]["acquaintances"] == [
        {"alumnus": {"externalId": "S0004"}, "kind": "FRIEND", "strength": None}
    ]


async def test_class_lists_its_visible_alumni_in_pages_and_counts_all(api: Api, db: Database) -> None:
    # given 7 alumni: a-3 and a-6 study in CS-2010 (i % 3 == 0); a-3 is its liaison
    await given_institutions(db)
    await given_alumni(db, 7)
    await db.write_rows(
        "MATCH (a:Alumnus {id: 'a-3'}), (k:Class {id: 'cls-cs10'}) CREATE (a)-[:LIAISON_FOR]->(k)"
    )
    # when
    first = (await api.data(CLASS_VIEW, {"id": gid("Class", "cls-cs10")}))["node"]
    # then
    assert first["alumniCount"] == 2
    assert first["liaisons"] == [{"externalId": "S0003"}]
    assert first["alumni"]["totalCount"] == 2
    assert [e["node"]["externalId"] for e in first["alumni"]["edges"]] == ["S0003", "S0006"]
    assert first["alumni"]["pageInfo"]["hasNextPage"] is False


async def test_class_alumni_pages_follow_the_cursor(api: Api, db: Database) -> None:
    # given 9 alumni, three per class
    await given_institutions(db)
    await given_alumni(db, 9)
    # when
    page1 = (await api.data(CLASS_VIEW, {"id": gid("Class", "cls-cs15")}))["node"]["alumni"]
    after = page1["pageInfo"]["endCursor"]
    page2 = (await api.data(CLASS_VIEW, {"id": gid("Class", "cls-cs15"), "after": after}))["node"]["alumni"]
    # then
    assert [e["node"]["externalId"] for e in page1["edges"]] == ["S0001", "S0004"]
    assert page1["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["externalId"] for e in page2["edges"]] == ["S0007"]
    assert page2["pageInfo"]["hasNextPage"] is False


async def test_an_officer_sees_other_colleges_classes_but_not_their_alumni(api: Api, db: Database) -> None:
    # given 6 alumni; an EE officer looks at a CS class
    await given_institutions(db)
    await given_alumni(db, 6)
    # when
    node = (
        await api.data(CLASS_VIEW, {"id": gid("Class", "cls-cs10")}, role=Role.COLLEGE_OFFICER, college="EE")
    )["node"]
    # then: the head count is a statistic, the people are out of scope
    assert node["alumniCount"] == 2
    assert node["alumni"]["totalCount"] == 0
    assert node["alumni"]["edges"] == []


async def test_college_shows_classes_chapters_and_head_count(api: Api, db: Database) -> None:
    # given 6 alumni, four in CS classes
    await given_institutions(db)
    await given_alumni(db, 6)
    # when
    node = (await api.data(COLLEGE_VIEW, {"id": gid("College", "col-cs")}))["node"]
    # then
    assert node["alumniCount"] == 4
    assert node["chapters"] == [{"code": "CSA"}]
    assert node["classes"] == {
        "totalCount": 2,
        "nodes": [{"code": "CS-2010", "alumniCount": 2}, {"code": "CS-2015", "alumniCount": 2}],
    }


async def test_nested_alumni_fields_cost_one_statement_per_level(api: Api, db: Database) -> None:
    # given 60 alumni with classes, homes, memberships, acquaintances and staff posts
    await given_institutions(db)
    await given_alumni(db, 60)
    await db.write_rows(
        "MATCH (a:Alumnus), (b:Alumnus {id: 'a-1'}), (ee:College {id: 'col-ee'}) WHERE a <> b"
        " CREATE (a)-[:KNOWS {kind: 'FRIEND'}]->(b), (a)-[:WORKED_AT_SCHOOL]->(ee)"
    )
    api.reset_count()
    # when
    data = await api.data(NESTED_ALUMNI)
    # then: page, education, its colleges, memberships, their parents, staff, liaisons, acquaintances, city
    edges = data["alumni"]["edges"]
    assert len(edges) == 60
    assert edges[1]["node"]["memberships"][0]["chapter"]["parent"] == {"code": "GEN"}
    assert len(edges[0]["node"]["acquaintances"]) == 59
    assert api.statements <= 9, api.app_db.counter.statements


async def test_nested_chapter_members_cost_one_statement_per_level(api: Api, db: Database) -> None:
    # given 6 chapters, 60 alumni in the CS chapter, three of them officers
    await given_institutions(db)
    await given_alumni(db, 60)
    await db.write_rows(
        "MATCH (:Alumnus {id: 'a-1'})-[m:MEMBER_OF]->() SET m.role = 'PRESIDENT' WITH 1 AS x"
        " MATCH (a:Alumnus {id: 'a-2'}), (gd:Chapter {id: 'ch-gd'}) CREATE (a)-[:MEMBER_OF {role: 'SECRETARY'}]->(gd)"
    )
    api.reset_count()
    # when
    data = await api.data(NESTED_CHAPTERS)
    # then
    chapters = {c["code"]: c for c in data["chapters"]["nodes"]}
    assert len(chapters) == 6
    assert chapters["CSA"]["members"]["totalCount"] == 60
    assert len(chapters["CSA"]["members"]["nodes"]) == 60
    assert chapters["CSA"]["officers"] == [{"role": "PRESIDENT", "alumnus": {"name": "校友0001"}}]
    assert chapters["GD"]["members"]["nodes"][0]["alumnus"]["city"] == {"name": "深圳市"}
    assert chapters["GEN"]["children"] == [{"code": "IT"}, {"code": "BJ"}, {"code": "GD"}, {"code": "CSA"}]
    # page, parent, children, college, region, industry, officers, members, count, city, education
    assert api.statements <= 11, api.app_db.counter.statements


async def test_nested_college_classes_and_alumni_are_batched(api: Api, db: Database) -> None:
    # given two colleges, three classes, 60 alumni
    await given_institutions(db)
    await given_alumni(db, 60)
    api.reset_count()
    # when
    data = await api.data(NESTED_COLLEGES)
    # then
    colleges = {c["code"]: c for c in data["colleges"]["nodes"]}
    assert colleges["CS"]["alumniCount"] == 40
    assert colleges["CS"]["classes"]["nodes"][0]["alumni"]["totalCount"] == 20
    # page, college head count, chapters, classes, class count, class head count, liaisons, alumni, alumni count
    assert api.statements <= 9, api.app_db.counter.statements


async def test_an_officer_lists_and_opens_only_their_colleges_alumni(api: Api, db: Database) -> None:
    # given 6 alumni: a-2 and a-5 study at EE, the rest at CS
    await given_institutions(db)
    await given_alumni(db, 6)
    listing = "{ alumni(first: 10, orderBy: EXTERNAL_ID) { totalCount nodes { externalId } } }"
    # when
    listed = await api.data(listing, role=Role.COLLEGE_OFFICER, college="EE")
    opened = await api.post(
        ALUMNUS_TIES, {"id": gid("Alumnus", "a-1")}, role=Role.COLLEGE_OFFICER, college="EE"
    )
    # then
    assert listed["alumni"] == {"totalCount": 2, "nodes": [{"externalId": "S0002"}, {"externalId": "S0005"}]}
    assert opened["errors"][0]["extensions"]["code"] == "NOT_FOUND"
