"""Relationship queries at the repository level, on small hand-made graphs with obvious answers."""

from __future__ import annotations

from datetime import date

import pytest

from graph.core.db import Database
from graph.core.errors import NotFound
from graph.core.model import Label
from graph.core.scope import FULL, Scope
from graph.insights.cohorts import chapter_recommendations, notable_alumni_due, reunion_classes
from graph.insights.matchmaking import partner_companies
from graph.insights.network import network
from graph.insights.paths import introduction_paths

ENTERPRISES = """
MATCH (i6511:Industry {code: '6511'}), (i64:Industry {code: '64'}), (i65:Industry {code: '65'})
MATCH (sz:Region {code: '440300'}), (bj:Region {code: '110100'})
CREATE (a:Company {id: 'co-a', creditCode: 'A', name: 'A软件'})-[:IN_INDUSTRY]->(i6511)
CREATE (a)-[:LOCATED_IN]->(sz)
CREATE (b:Company {id: 'co-b', creditCode: 'B', name: 'B网络'})-[:IN_INDUSTRY]->(i64)
CREATE (b)-[:LOCATED_IN]->(bj)
CREATE (c:Company {id: 'co-c', creditCode: 'C', name: 'C信息'})-[:IN_INDUSTRY]->(i65)
CREATE (c)-[:LOCATED_IN]->(bj)
CREATE (d:Company {id: 'co-d', creditCode: 'D', name: 'D数据'})-[:IN_INDUSTRY]->(i65)
CREATE (d)-[:LOCATED_IN]->(sz)
CREATE (d)-[:NEEDS]->(:Need {id: 'need-1', kind: 'TALENT', description: '招聘'})
WITH a, b, c, d
UNWIND range(1, 8) AS i
CREATE (:Alumnus {id: 'p' + toString(i), externalId: 'P' + toString(i), name: '人' + toString(i)})
WITH DISTINCT a, b, c, d
MATCH (p1:Alumnus {id: 'p1'}), (p2:Alumnus {id: 'p2'}), (p3:Alumnus {id: 'p3'}), (p4:Alumnus {id: 'p4'}),
      (p5:Alumnus {id: 'p5'}), (p6:Alumnus {id: 'p6'}), (p7:Alumnus {id: 'p7'}), (p8:Alumnus {id: 'p8'})
CREATE (p1)-[:WORKS_AT {role: 'EMPLOYEE', title: '工程师'}]->(a)
CREATE (p2)-[:WORKS_AT {role: 'EMPLOYEE'}]->(a)
CREATE (p3)-[:WORKS_AT {role: 'EMPLOYEE'}]->(a)
CREATE (p4)-[:WORKS_AT {role: 'FOUNDER', title: 'CEO'}]->(d)
CREATE (p5)-[:WORKS_AT {role: 'EXECUTIVE'}]->(c)
CREATE (p6)-[:WORKS_AT {role: 'FOUNDER', endYear: 2019}]->(c)
CREATE (p7)-[:WORKS_AT {role: 'FOUNDER', endYear: 2020}]->(b)
CREATE (p8)-[:WORKS_AT {role: 'EMPLOYEE'}]->(b)
"""


async def test_partner_companies_rank_by_founders_executives_then_alumni(db: Database) -> None:
    # given: A (3 employees, in 6511 two levels below 65), D (founder), C (executive, a
    # former founder), B (division 64: outside 65; its founder left)
    await db.write_rows(ENTERPRISES)
    # when
    matches = await partner_companies(db, FULL, "65", None, None, 20)
    # then
    assert [(m.company_id, m.founder_count, m.executive_count, m.alumni_count) for m in matches] == [
        ("co-d", 1, 0, 1),
        ("co-c", 0, 1, 1),
        ("co-a", 0, 0, 3),
    ]
    assert {e.alumnus_id for e in matches[2].employments} == {"p1", "p2", "p3"}


async def test_partner_companies_by_region_subtree_and_need(db: Database) -> None:
    # given
    await db.write_rows(ENTERPRISES)
    # when
    guangdong = await partner_companies(db, FULL, "I", "440000", None, 20)
    talent = await partner_companies(db, FULL, "I", None, "TALENT", 20)
    # then
    assert [m.company_id for m in guangdong] == ["co-d", "co-a"]
    assert [m.company_id for m in talent] == ["co-d"]


async def test_former_employees_alone_do_not_make_an_alumni_enterprise(db: Database) -> None:
    # given: B's only founder left; its one current alumnus is an employee
    await db.write_rows(ENTERPRISES)
    await db.write_rows("MATCH (:Alumnus {id: 'p8'})-[w:WORKS_AT]->() SET w.endYear = 2024")
    # when
    matches = await partner_companies(db, FULL, "64", None, None, 20)
    # then
    assert matches == []


async def test_partner_companies_unknown_codes_are_not_found(db: Database) -> None:
    with pytest.raises(NotFound):
        await partner_companies(db, FULL, "ZZ", None, None, 5)
    with pytest.raises(NotFound):
        await partner_companies(db, FULL, "65", "999999", None, 5)


TIES = """
CREATE (a:Alumnus {id: 'a', externalId: 'A', name: 'A'}), (b:Alumnus {id: 'b', externalId: 'B', name: 'B'}),
       (c:Alumnus {id: 'c', externalId: 'C', name: 'C'}), (d:Alumnus {id: 'd', externalId: 'D', name: 'D'}),
       (e:Alumnus {id: 'e', externalId: 'E', name: 'E'}), (f:Alumnus {id: 'f', externalId: 'F', name: 'F'}),
       (g:Alumnus {id: 'g', externalId: 'G', name: 'G'})
CREATE (k:Class {id: 'k', code: 'K'}), (co:Company {id: 'co', creditCode: 'CO', name: 'CO'}),
       (old:Company {id: 'old', creditCode: 'OLD', name: 'OLD'}),
       (ch:Chapter {id: 'ch', code: 'CH', kind: 'REGIONAL', name: 'CH'}),
       (gen:Chapter {id: 'gen', code: 'GEN', kind: 'GENERAL', name: 'GEN'})
CREATE (a)-[:KNOWS {kind: 'FRIEND'}]->(b)
CREATE (b)-[:STUDIED_IN]->(k), (c)-[:STUDIED_IN]->(k)
CREATE (c)-[:WORKS_AT {role: 'EMPLOYEE'}]->(co), (d)-[:WORKS_AT {role: 'EMPLOYEE'}]->(co)
CREATE (d)-[:MEMBER_OF {role: 'SECRETARY'}]->(ch), (e)-[:MEMBER_OF {role: 'PRESIDENT'}]->(ch)
CREATE (a)-[:WORKS_AT {role: 'EMPLOYEE', endYear: 2010}]->(old), (e)-[:WORKS_AT {role: 'EMPLOYEE'}]->(old)
CREATE (a)-[:MEMBER_OF {role: 'PRESIDENT'}]->(gen), (e)-[:MEMBER_OF {role: 'PRESIDENT'}]->(gen)
CREATE (f)-[:MEMBER_OF {role: 'MEMBER'}]->(ch), (a)-[:MEMBER_OF {role: 'MEMBER'}]->(ch)
"""


async def test_introduction_path_uses_every_tie_and_skips_the_traps(db: Database) -> None:
    # given: a-KNOWS-b, b,c classmates, c,d colleagues, d,e officers of a regional chapter;
    # traps: a is a former colleague of e, both lead the GENERAL chapter, a is a plain member of ch
    await db.write_rows(TIES)
    # when
    paths = await introduction_paths(db, FULL, "a", "e", 6, 3)
    # then
    assert len(paths) == 1
    assert [(s.from_id, s.to_id, s.tie, s.via_id) for s in paths[0]] == [
        ("a", "b", "KNOWS", None),
        ("b", "c", "CLASSMATE", "k"),
        ("c", "d", "COLLEAGUE", "co"),
        ("d", "e", "CHAPTER", "ch"),
    ]


async def test_introduction_paths_respect_max_hops_and_scope(db: Database) -> None:
    # given
    await db.write_rows(TIES)
    # when
    too_short = await introduction_paths(db, FULL, "a", "e", 3, 3)
    officer = Scope(college_code="NONE")
    # then
    assert too_short == []
    with pytest.raises(NotFound):
        await introduction_paths(db, officer, "a", "e", 6, 3)


async def test_a_class_of_four_thousand_is_crossed_without_exploring_its_pairs(db: Database) -> None:
    # given: 4,000 classmates; x knows the first of them, y the last; a company of 2,000 of them too
    await db.write_rows(
        "CREATE (k:Class {id: 'big', code: 'BIG'}), (co:Company {id: 'co', creditCode: 'CO', name: 'CO'})"
        " WITH k, co UNWIND range(1, 4000) AS i"
        " CREATE (m:Alumnus {id: 'm' + i, name: 'm' + i})-[:STUDIED_IN]->(k)"
        " FOREACH (_ IN CASE WHEN i <= 2000 THEN [1] ELSE [] END | CREATE (m)-[:WORKS_AT {role: 'EMPLOYEE'}]->(co))"
    )
    await db.write_rows(
        "MATCH (a:Alumnus {id: 'm1'}), (b:Alumnus {id: 'm4000'})"
        " CREATE (:Alumnus {id: 'x', name: 'x'})-[:KNOWS]->(a), (b)<-[:KNOWS]-(:Alumnus {id: 'y', name: 'y'})"
    )
    db.counter.reset()
    # when
    paths = await introduction_paths(db, FULL, "x", "y", 6, 3)
    # then: x - m1 - (class) - m4000 - y, in one statement
    assert [[(s.tie, s.via_id) for s in p] for p in paths] == [
        [("KNOWS", None), ("CLASSMATE", "big"), ("KNOWS", None)]
    ]
    assert db.counter.count == 1


async def test_reunion_classes_count_alumni_and_contactable(db: Database) -> None:
    # given: classes of 2016 (10 years before 2026) and 2006 (20 years), one of 2015
    await db.write_rows(
        """
        CREATE (k10:Class {id: 'k10', code: 'K10', name: '10', graduationYear: 2016})
        CREATE (k20:Class {id: 'k20', code: 'K20', name: '20', graduationYear: 2006})
        CREATE (k11:Class {id: 'k11', code: 'K11', name: '11', graduationYear: 2015})
        CREATE (a:Alumnus {id: 'a', externalId: 'A', name: 'A', email: 'a@x.cn', consentContact: true})-[:STUDIED_IN]->(k10)
        CREATE (b:Alumnus {id: 'b', externalId: 'B', name: 'B', email: 'b@x.cn', consentContact: false})-[:STUDIED_IN]->(k10)
        CREATE (c:Alumnus {id: 'c', externalId: 'C', name: 'C', consentContact: true})-[:STUDIED_IN]->(k10)
        CREATE (a)-[:LIAISON_FOR]->(k10)
        CREATE (:Alumnus {id: 'd', externalId: 'D', name: 'D', phone: '13800138000', consentContact: true})-[:STUDIED_IN]->(k20)
        """
    )
    # when
    rows = await reunion_classes(db, FULL, 2026, [10, 20, 30])
    # then
    assert [
        (r.class_id, r.anniversary, r.alumni_count, r.contactable_count, r.liaison_ids) for r in rows
    ] == [
        ("k10", 10, 3, 1, ("a",)),
        ("k20", 20, 1, 1, ()),
    ]


async def test_chapter_recommendations_most_specific_region_first(db: Database) -> None:
    # given: lives in Shenzhen, studied at CS, works in 6511 software; already in the CS chapter
    await db.write_rows(
        """
        MATCH (sz:Region {code: '440300'}), (gd:Region {code: '440000'}), (cn:Region {code: 'CN'}),
              (i65:Industry {code: '65'}), (iI:Industry {code: 'I'}), (i6511:Industry {code: '6511'})
        CREATE (n:Alumnus {id: 'n', externalId: 'N', name: 'N'})-[:LIVES_IN]->(sz)
        CREATE (col:College {id: 'cs', code: 'CS', name: 'CS'}), (ee:College {id: 'ee', code: 'EE', name: 'EE'})
        CREATE (n)-[:STUDIED_IN]->(:Class {id: 'k', code: 'K'})-[:OF_COLLEGE]->(col)
        CREATE (co:Company {id: 'co', creditCode: 'CO', name: 'CO'})-[:IN_INDUSTRY]->(i6511)
        CREATE (n)-[:WORKS_AT {role: 'EMPLOYEE'}]->(co)
        CREATE (:Chapter {id: 'r-cn', code: 'R-CN', name: '全国', kind: 'REGIONAL', status: 'ACTIVE'})-[:IN_REGION]->(cn)
        CREATE (:Chapter {id: 'r-sz', code: 'R-SZ', name: '深圳', kind: 'REGIONAL', status: 'ACTIVE'})-[:IN_REGION]->(sz)
        CREATE (:Chapter {id: 'r-gd', code: 'R-GD', name: '广东', kind: 'REGIONAL', status: 'ACTIVE'})-[:IN_REGION]->(gd)
        CREATE (:Chapter {id: 'r-old', code: 'R-OLD', name: '旧', kind: 'REGIONAL', status: 'DORMANT'})-[:IN_REGION]->(sz)
        CREATE (cs:Chapter {id: 'c-cs', code: 'C-CS', name: '计算机', kind: 'COLLEGE', status: 'ACTIVE'})-[:OF_COLLEGE]->(col)
        CREATE (:Chapter {id: 'c-ee', code: 'C-EE', name: '电子', kind: 'COLLEGE', status: 'ACTIVE'})-[:OF_COLLEGE]->(ee)
        CREATE (:Chapter {id: 'i-65', code: 'I-65', name: '软件', kind: 'INDUSTRY', status: 'ACTIVE'})-[:FOCUSES_ON]->(i65)
        CREATE (:Chapter {id: 'i-I', code: 'I-I', name: '信息', kind: 'INDUSTRY', status: 'ACTIVE'})-[:FOCUSES_ON]->(iI)
        CREATE (n)-[:MEMBER_OF {role: 'MEMBER'}]->(cs)
        """
    )
    # when
    recs = await chapter_recommendations(db, FULL, "n")
    # then
    assert [(r.chapter_id, r.reason) for r in recs] == [
        ("r-sz", "REGIONAL"),
        ("r-gd", "REGIONAL"),
        ("r-cn", "REGIONAL"),
        ("i-65", "INDUSTRY"),
        ("i-I", "INDUSTRY"),
    ]


async def test_notable_alumni_due_never_contacted_first(db: Database) -> None:
    # given
    await db.write_rows(
        """
        CREATE (a:Alumnus {id: 'a', externalId: 'A', name: 'A', notable: true})
        CREATE (b:Alumnus {id: 'b', externalId: 'B', name: 'B', notable: true})
        CREATE (c:Alumnus {id: 'c', externalId: 'C', name: 'C', notable: true})
        CREATE (d:Alumnus {id: 'd', externalId: 'D', name: 'D', notable: true})
        CREATE (:Alumnus {id: 'e', externalId: 'E', name: 'E', notable: false})
        CREATE (:Interaction {id: 'i1', kind: 'VISIT', date: date('2025-01-10')})-[:WITH]->(b)
        CREATE (:Interaction {id: 'i2', kind: 'CALL', date: date('2024-03-01')})-[:WITH]->(c)
        CREATE (:Interaction {id: 'i3', kind: 'VISIT', date: date('2026-06-01')})-[:WITH]->(d)
        """
    )
    # when
    rows = await notable_alumni_due(db, FULL, date(2026, 11, 26), 12, 100)
    # then
    assert [(r.alumnus_id, r.last_interaction_on) for r in rows] == [
        ("a", None),
        ("c", date(2024, 3, 1)),
        ("b", date(2025, 1, 10)),
    ]


async def test_network_is_bounded_by_depth_and_limit(db: Database) -> None:
    # given
    await db.write_rows(TIES)
    db.counter.reset()
    # when
    nodes, edges = await network(db, FULL, Label.ALUMNUS, "b", 1, 200)
    small, _ = await network(db, FULL, Label.ALUMNUS, "b", 3, 4)
    # then: one statement each, whatever the depth
    assert db.counter.count == 2
    assert {n.id for n in nodes} == {"b", "a", "k"}
    assert {(e.type) for e in edges} == {"KNOWS", "STUDIED_IN"}
    assert len(small) == 4
