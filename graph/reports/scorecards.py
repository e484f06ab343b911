"""collegeScorecard and chapterActivity: the yearly evaluation of colleges and chapters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.core.db import Database
from graph.core.money import from_fen
from graph.core.scope import Scope


@dataclass(frozen=True)
class CollegeYear:
    """One college's figures for a year (money as decimal strings in CNY)."""

    college_id: str
    alumni_count: int
    complete_profiles: int
    events_held: int
    attendance: int
    interactions: int
    raised_cny: str
    donor_count: int
    largest_gift_cny: str
    cooperations: int
    cooperation_value_cny: str
    stories: int


@dataclass(frozen=True)
class ChapterYear:
    """One chapter's figures for a year."""

    chapter_id: str
    events_organized: int
    attendance: int
    member_count: int
    new_members: int
    interactions: int


# DESIGN §7: ACTIVE or COMPLETED cooperations of the college whose span overlaps the year (their
# value counts in the year they started), and distinct stories of the year featuring the college,
# one of its chapters or an alumnus who studied in one of its classes (staff alone do not count).
_PUBLICITY: LiteralString = (
    " CALL (c, start, end) {"
    " OPTIONAL MATCH (c)<-[:OF_COLLEGE]-(k:Cooperation) WHERE k.status IN ['ACTIVE', 'COMPLETED']"
    " AND k.startDate <= end AND (k.endDate IS NULL OR k.endDate >= start)"
    " RETURN count(k) AS cooperations,"
    " sum(CASE WHEN k.startDate >= start THEN k.valueCnyFen END) AS cooperationFen }"
    " CALL (c, start, end) {"
    " OPTIONAL MATCH (s:Story)-[:FEATURES]->(x) WHERE start <= s.publishedOn <= end"
    " AND (x = c OR (x:Chapter AND EXISTS { (x)-[:OF_COLLEGE]->(c) })"
    " OR (x:Alumnus AND EXISTS { (x)-[:STUDIED_IN]->(:Class)-[:OF_COLLEGE]->(c) }))"
    " RETURN count(DISTINCT s) AS stories }"
)

# Each college `c` the caller may evaluate, with its figures (alumniCount … stories) bound;
# compiled reads (graph.compiled.reports) project the same variables.
SCORECARD: LiteralString = (
    "MATCH (c:College) WHERE $scope.all OR $scope.giving OR c.code = $scope.college"
    " WITH c, date({year: $year, month: 1, day: 1}) AS start, date({year: $year, month: 12, day: 31}) AS end"
    " CALL (c) {"
    " CALL (c) { MATCH (c)<-[:OF_COLLEGE]-(:Class)<-[:STUDIED_IN]-(a:Alumnus) RETURN a"
    " UNION MATCH (c)<-[:WORKED_AT_SCHOOL]-(a:Alumnus) RETURN a }"
    " RETURN count(a) AS alumniCount,"
    " count(CASE WHEN (a.email IS NOT NULL OR a.phone IS NOT NULL) AND EXISTS { (a)-[:LIVES_IN]->() }"
    " AND EXISTS { (a)-[:WORKS_AT]->() } THEN a END) AS completeProfiles }"
    " CALL (c, start, end) {"
    " MATCH (e:Event)-[:ORGANIZED_BY]->(org) WHERE start <= e.date <= end"
    " AND (org = c OR (org:Chapter AND EXISTS { (org)-[:OF_COLLEGE]->(c) }))"
    " WITH DISTINCT e RETURN count(e) AS eventsHeld, sum(COUNT { (e)<-[:ATTENDED]-() }) AS attendance }"
    " CALL (c, start, end) {"
    " MATCH (i:Interaction)-[:WITH]->(x) WHERE start <= i.date <= end"
    " AND ((x:Alumnus AND (EXISTS { (x)-[:STUDIED_IN]->(:Class)-[:OF_COLLEGE]->(c) }"
    " OR EXISTS { (x)-[:WORKED_AT_SCHOOL]->(c) }))"
    " OR (x:Chapter AND EXISTS { (x)-[:OF_COLLEGE]->(c) }))"
    " RETURN count(DISTINCT i) AS interactions }"
    " CALL (c, start, end) {"
    " MATCH (c)<-[:OF_COLLEGE]-(:Fund)<-[:TO]-(d:Donation)-[:FROM]->(donor)"
    " WHERE d.kind IN ['GIFT', 'PAYMENT'] AND start <= d.date <= end"
    " RETURN sum(d.amountCnyFen) AS raisedFen, count(DISTINCT donor) AS donorCount,"
    " max(d.amountCnyFen) AS largestFen }" + _PUBLICITY
)
_SCORECARD: LiteralString = (
    SCORECARD
    + " RETURN c.id AS collegeId, alumniCount, completeProfiles, eventsHeld, attendance, interactions,"
    " raisedFen, donorCount, largestFen, cooperations, cooperationFen, stories ORDER BY c.code"
)

_CHAPTERS: LiteralString = (
    "MATCH (ch:Chapter) WHERE $scope.all OR ch.code = $scope.chapter"
    " OR ($scope.college IS NOT NULL AND EXISTS { (ch)-[:OF_COLLEGE]->(:College {code: $scope.college}) })"
    " WITH ch, date({year: $year, month: 1, day: 1}) AS start, date({year: $year, month: 12, day: 31}) AS end"
    " CALL (ch, start, end) {"
    " OPTIONAL MATCH (e:Event)-[:ORGANIZED_BY]->(ch) WHERE start <= e.date <= end"
    " RETURN count(e) AS eventsOrganized, sum(COUNT { (e)<-[:ATTENDED]-() }) AS attendance }"
    " RETURN ch.id AS chapterId, eventsOrganized, attendance,"
    " COUNT { (ch)<-[:MEMBER_OF]-(:Alumnus) } AS memberCount,"
    " COUNT { (ch)<-[m:MEMBER_OF]-(:Alumnus) WHERE m.sinceYear = $year } AS newMembers,"
    " COUNT { MATCH (i:Interaction)-[:WITH]->(ch) WHERE start <= i.date <= end } AS interactions"
    " ORDER BY ch.code"
)


async def college_scorecard(db: Database, scope: Scope, year: int) -> list[CollegeYear]:
    """One row per college the caller may evaluate."""
    rows = await db.read_rows(_SCORECARD, {"year": year, "scope": scope.params()})
    return [_college(r) for r in rows]


def _college(r: dict[str, Any]) -> CollegeYear:
    return CollegeYear(
        college_id=r["collegeId"],
        alumni_count=r["alumniCount"],
        complete_profiles=r["completeProfiles"],
        events_held=r["eventsHeld"],
        attendance=r["attendance"] or 0,
        interactions=r["interactions"],
        raised_cny=from_fen(r["raisedFen"]),
        donor_count=r["donorCount"],
        largest_gift_cny=from_fen(r["largestFen"]),
        cooperations=r["cooperations"],
        cooperation_value_cny=from_fen(r["cooperationFen"]),
        stories=r["stories"],
    )


async def chapter_activity(db: Database, scope: Scope, year: int) -> list[ChapterYear]:
    """One row per chapter the caller may evaluate."""
    rows = await db.read_rows(_CHAPTERS, {"year": year, "scope": scope.params()})
    return [
        ChapterYear(
            r["chapterId"],
            r["eventsOrganized"],
            r["attendance"] or 0,
            r["memberCount"],
            r["newMembers"],
            r["interactions"],
        )
        for r in rows
    ]
