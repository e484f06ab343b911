"""Given-steps of the cooperation and story tests: alumni enterprises, needs, cooperations, stories."""

from __future__ import annotations

from graph.core.db import Database
from tests.schema.given import credit_code

# Two colleges (CS with chapter SZ, EE), a CS class and an EE class. People:
#   a-cs-1 (CS, FOUNDER of co-1, consents to the directory), a-cs-2 (CS, left co-1 and co-2),
#   a-ee-1 (EE, EMPLOYEE of co-1 and of co-3), s-cs (CS staff only, EXECUTIVE of co-1).
# Companies in industry 65 (section I), in Shenzhen: co-1 (three current alumni), co-2 (only a former
# one), co-3 (only a-ee-1). Needs: co-1 TECH (PROPOSED answer), TALENT (CANCELLED answer), FINANCE
# (ACTIVE answer), LEGAL (COMPLETED answer); co-2 TECH; co-3 TRAINING.
WORLD = """
CREATE (cs:College {id: 'col-cs', code: 'CS', name: '计算机学院'})
CREATE (ee:College {id: 'col-ee', code: 'EE', name: '电子工程学院'})
CREATE (kcs:Class {id: 'cls-cs', code: 'CS-2010', name: '计算机2010级', graduationYear: 2010})-[:OF_COLLEGE]->(cs)
CREATE (kee:Class {id: 'cls-ee', code: 'EE-2010', name: '电子2010级', graduationYear: 2010})-[:OF_COLLEGE]->(ee)
CREATE (sz:Chapter {id: 'ch-sz', code: 'SZ', name: '深圳校友会', kind: 'REGIONAL', status: 'ACTIVE'})-[:OF_COLLEGE]->(cs)
CREATE (a1:Alumnus {id: 'a-cs-1', externalId: 'CS0001', name: '张伟', kinds: ['STUDENT'],
                    consentDirectory: true, email: 'zw@example.com', consentContact: true})-[:STUDIED_IN]->(kcs)
CREATE (a2:Alumnus {id: 'a-cs-2', externalId: 'CS0002', name: '李娜', kinds: ['STUDENT']})-[:STUDIED_IN]->(kcs)
CREATE (e1:Alumnus {id: 'a-ee-1', externalId: 'EE0001', name: '王芳', kinds: ['STUDENT']})-[:STUDIED_IN]->(kee)
CREATE (s1:Alumnus {id: 's-cs', externalId: 'T0001', name: '赵强', kinds: ['STAFF']})
CREATE (s1)-[:WORKED_AT_SCHOOL {title: '教授', startYear: 2000}]->(cs)
WITH cs, a1, a2, e1, s1
MATCH (ind:Industry {code: '65'}), (city:Region {code: '440300'})
CREATE (c1:Company {id: 'co-1', creditCode: $c1, name: '甲科技'})-[:IN_INDUSTRY]->(ind)
CREATE (c1)-[:LOCATED_IN]->(city)
CREATE (c2:Company {id: 'co-2', creditCode: $c2, name: '乙科技'})-[:IN_INDUSTRY]->(ind)
CREATE (c2)-[:LOCATED_IN]->(city)
CREATE (c3:Company {id: 'co-3', creditCode: $c3, name: '丙科技'})-[:IN_INDUSTRY]->(ind)
CREATE (c3)-[:LOCATED_IN]->(city)
CREATE (a1)-[:WORKS_AT {role: 'FOUNDER', title: 'CEO', startYear: 2012}]->(c1)
CREATE (s1)-[:WORKS_AT {role: 'EXECUTIVE', title: '顾问', startYear: 2015}]->(c1)
CREATE (e1)-[:WORKS_AT {role: 'EMPLOYEE', title: '工程师', startYear: 2016}]->(c1)
CREATE (a2)-[:WORKS_AT {role: 'FOUNDER', startYear: 2010, endYear: 2014}]->(c1)
CREATE (a2)-[:WORKS_AT {role: 'EMPLOYEE', startYear: 2014, endYear: 2018}]->(c2)
CREATE (e1)-[:WORKS_AT {role: 'EMPLOYEE', startYear: 2019}]->(c3)
CREATE (c1)-[:NEEDS]->(:Need {id: 'n-tech', kind: 'TECH', description: '视觉算法'})
CREATE (c1)-[:NEEDS]->(:Need {id: 'n-talent', kind: 'TALENT', description: '招聘'})
CREATE (c1)-[:NEEDS]->(:Need {id: 'n-finance', kind: 'FINANCE', description: '融资'})
CREATE (c1)-[:NEEDS]->(:Need {id: 'n-legal', kind: 'LEGAL', description: '合规'})
CREATE (c2)-[:NEEDS]->(:Need {id: 'n-c2', kind: 'TECH', description: '芯片'})
CREATE (c3)-[:NEEDS]->(:Need {id: 'n-c3', kind: 'TRAINING', description: '培训'})
"""

_ANSWER = """
MATCH (c:Company {id: $company}), (need:Need {id: $need})
CREATE (k:Cooperation {id: $id, code: $id, title: $id, kind: 'TECH_PROJECT', status: $status,
                       startDate: date('2024-01-01')})-[:WITH]->(c)
CREATE (k)-[:ANSWERS]->(need)
"""


# Stories: two CS graduates (once for CS), the CS staff member alone (not for CS), the SZ chapter,
# the CS college with a graduate (once), and one of 2023.
STORIES_2023_2024 = """
UNWIND [
  {code: 'S1', on: '2024-02-01', ids: ['a-cs-1', 'a-cs-2']},
  {code: 'S2', on: '2024-03-01', ids: ['s-cs']},
  {code: 'S3', on: '2024-04-01', ids: ['ch-sz']},
  {code: 'S4', on: '2024-05-01', ids: ['col-cs', 'a-cs-1']},
  {code: 'S5', on: '2023-12-31', ids: ['col-cs']},
  {code: 'S6', on: '2024-06-01', ids: ['a-ee-1']}
] AS s
CREATE (n:Story {id: s.code, code: s.code, title: s.code, channel: 'WECHAT', publishedOn: date(s.on)})
WITH n, s UNWIND s.ids AS target MATCH (x {id: target}) WHERE x:Alumnus OR x:Chapter OR x:College
CREATE (n)-[:FEATURES]->(x)
"""
# Cooperations of CS: across 2023-2025 (value 100, started 2023), started 2024 (value 50),
# proposed in 2024, ended in 2023, cancelled in 2024.
COOPERATIONS_OF_CS = """
MATCH (c:Company {id: 'co-1'}), (cs:College {id: 'col-cs'})
UNWIND [
  {code: 'K1', status: 'ACTIVE', start: '2023-06-01', end: '2025-05-31', fen: 10000},
  {code: 'K2', status: 'COMPLETED', start: '2024-03-01', end: '2024-09-30', fen: 5000},
  {code: 'K3', status: 'PROPOSED', start: '2024-02-01', end: null, fen: 70000},
  {code: 'K4', status: 'ACTIVE', start: '2022-01-01', end: '2023-12-31', fen: 900},
  {code: 'K5', status: 'CANCELLED', start: '2024-01-15', end: null, fen: 800}
] AS k
CREATE (n:Cooperation {id: k.code, code: k.code, title: k.code, kind: 'TECH_PROJECT', status: k.status,
                       startDate: date(k.start), endDate: CASE WHEN k.end IS NULL THEN null ELSE date(k.end) END,
                       valueCnyFen: k.fen})-[:WITH]->(c)
CREATE (n)-[:OF_COLLEGE]->(cs)
"""


async def given_world(db: Database) -> None:
    """The graph described above, with no cooperation yet."""
    await db.write_rows(WORLD, {"c1": credit_code(1), "c2": credit_code(2), "c3": credit_code(3)})


async def given_answers(db: Database) -> None:
    """co-1's needs answered by a PROPOSED, a CANCELLED, an ACTIVE and a COMPLETED cooperation."""
    for coop, need, status in (
        ("k-proposed", "n-tech", "PROPOSED"),
        ("k-cancelled", "n-talent", "CANCELLED"),
        ("k-active", "n-finance", "ACTIVE"),
        ("k-completed", "n-legal", "COMPLETED"),
    ):
        await db.write_rows(_ANSWER, {"company": "co-1", "need": need, "id": coop, "status": status})
