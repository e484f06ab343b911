"""Attendance through HTTP: add (and re-role), remove, officer scope, attendee pages, round trips."""

from __future__ import annotations

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import (
    audit_ops,
    count,
    error_paths,
    gid,
    given_college_alumni,
    given_colleges,
    given_member,
)

ADD = """
mutation A($input: AddAttendanceInput!) {
  addAttendance(input: $input) { attendance { role alumnus { name } event { code } } userErrors { field code message } }
}
"""
REMOVE = """
mutation R($input: RemoveAttendanceInput!) {
  removeAttendance(input: $input) { attendance { role } userErrors { field code message } }
}
"""
ATTENDEES = """
query A($id: ID!, $first: Int, $after: String) {
  node(id: $id) { ... on Event { attendees(first: $first, after: $after) {
    totalCount edges { node { role alumnus { name email } } } pageInfo { hasNextPage endCursor } } } }
}
"""
ATTENDED = "query A($id: ID!) { node(id: $id) { ... on Alumnus { attended { role event { code } } } } }"
NESTED = """
{
  events(first: 100, orderBy: CODE) {
    nodes { code region { name } organizer { ... on College { name } }
      attendees(first: 5) { totalCount edges { node { role alumnus { name education { name } } } } } }
  }
}
"""


async def given_event(db: Database, code: str = "E1", college: str = "col-cs") -> str:
    """An event organized by a college; returns its id."""
    await db.write_rows(
        "MATCH (c:College {id: $college}) CREATE (e:Event {id: toLower($code), code: $code, name: $code,"
        " kind: 'GALA', date: date('2024-05-01')})-[:ORGANIZED_BY]->(c)",
        {"code": code, "college": college},
    )
    return code.lower()


async def test_add_attendance_then_change_the_role_then_remove(api: Api, db: Database) -> None:
    # given
    await given_colleges(db)
    [alumnus] = await given_college_alumni(db, 1)
    event = await given_event(db)
    pair = {"alumnus": gid("Alumnus", alumnus), "event": gid("Event", event)}
    # when
    added = (await api.data(ADD, {"input": pair}))["addAttendance"]
    speaker = (await api.data(ADD, {"input": {**pair, "role": "SPEAKER"}}))["addAttendance"]
    attended = (await api.data(ATTENDED, {"id": gid("Alumnus", alumnus)}))["node"]["attended"]
    removed = (await api.data(REMOVE, {"input": pair}))["removeAttendance"]
    again = (await api.data(REMOVE, {"input": pair}))["removeAttendance"]
    # then
    assert added == {
        "attendance": {"role": "GUEST", "alumnus": {"name": "校友cs1"}, "event": {"code": "E1"}},
        "userErrors": [],
    }
    assert speaker["attendance"]["role"] == "SPEAKER"
    assert attended == [{"role": "SPEAKER", "event": {"code": "E1"}}]
    assert removed["attendance"] == {"role": "SPEAKER"}
    assert error_paths(again) == {"input.event": "NOT_FOUND"}
    assert [e["op"] for e in await audit_ops(db)] == ["addAttendance", "addAttendance", "removeAttendance"]


async def test_unknown_alumnus_or_event_is_not_found(api: Api, db: Database) -> None:
    # given
    await given_colleges(db)
    [alumnus] = await given_college_alumni(db, 1)
    event = await given_event(db)
    # when
    no_event = await api.data(
        ADD, {"input": {"alumnus": gid("Alumnus", alumnus), "event": gid("Event", "x")}}
    )
    no_alumnus = await api.data(
        ADD, {"input": {"alumnus": gid("Alumnus", "x"), "event": gid("Event", event)}}
    )
    wrong_type = await api.data(
        ADD, {"input": {"alumnus": gid("Event", event), "event": gid("Event", event)}}
    )
    # then
    assert error_paths(no_event["addAttendance"]) == {"input.event": "NOT_FOUND"}
    assert error_paths(no_alumnus["addAttendance"]) == {"input.alumnus": "NOT_FOUND"}
    assert error_paths(wrong_type["addAttendance"]) == {"input.alumnus": "INVALID"}
    assert await count(db, "MATCH ()-[r:ATTENDED]->() RETURN count(r) AS n") == 0


async def test_college_officers_record_attendance_of_their_own_alumni_only(api: Api, db: Database) -> None:
    # given an EE event, a CS alumnus and an EE alumnus who consented to the directory
    await given_colleges(db)
    [cs] = await given_college_alumni(db, 1, "cs")
    [ee] = await given_college_alumni(db, 1, "ee", consentDirectory=True)
    event = gid("Event", await given_event(db, "E2", "col-ee"))
    # when
    own = await api.data(
        ADD,
        {"input": {"alumnus": gid("Alumnus", cs), "event": event}},
        role=Role.COLLEGE_OFFICER,
        college="CS",
    )
    other = await api.data(
        ADD,
        {"input": {"alumnus": gid("Alumnus", ee), "event": event}},
        role=Role.COLLEGE_OFFICER,
        college="CS",
    )
    # then
    assert own["addAttendance"]["userErrors"] == []
    assert error_paths(other["addAttendance"]) == {"input.alumnus": "FORBIDDEN"}


async def test_attendance_needs_an_office_role(api: Api) -> None:
    # when
    body = await api.post(
        ADD, {"input": {"alumnus": gid("Alumnus", "a"), "event": gid("Event", "e")}}, role=Role.FUNDRAISER
    )
    # then
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_attendees_are_paged_by_name_and_scoped(api: Api, db: Database) -> None:
    # given seven attendees, two of them members of chapter SZ
    await given_colleges(db)
    alumni = await given_college_alumni(db, 7)
    await given_member(db, alumni[0])
    await given_member(db, alumni[6])
    event = await given_event(db)
    await db.write_rows(
        "MATCH (a:Alumnus) WHERE a.id IN $ids MATCH (e:Event {id: $e}) CREATE (a)-[:ATTENDED {role: 'GUEST'}]->(e)",
        {"ids": alumni, "e": event},
    )
    names: list[str] = []
    after = None
    # when
    while True:
        page = (await api.data(ATTENDEES, {"id": gid("Event", event), "first": 3, "after": after}))["node"][
            "attendees"
        ]
        names += [e["node"]["alumnus"]["name"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    organizer = await api.data(
        ATTENDEES, {"id": gid("Event", event)}, role=Role.CHAPTER_ORGANIZER, chapter="SZ"
    )
    # then
    assert names == sorted(f"校友cs{i}" for i in range(1, 8))
    assert page["totalCount"] == 7
    scoped = organizer["node"]["attendees"]
    assert scoped["totalCount"] == 2
    assert [e["node"]["alumnus"]["name"] for e in scoped["edges"]] == ["校友cs1", "校友cs7"]


async def test_events_attendees_alumni_cost_a_bounded_number_of_statements(
    roomy_api: Api, db: Database
) -> None:
    # given 60 events, each attended by 3 alumni
    await given_colleges(db)
    alumni = await given_college_alumni(db, 180)
    await db.write_rows(
        """
        MATCH (c:College {id: 'col-cs'}), (r:Region {code: '440300'})
        UNWIND range(1, 60) AS k
        CREATE (e:Event {id: 'e' + toString(k), code: 'E' + right('00' + toString(k), 2), name: 'x',
                         kind: 'GALA', date: date('2024-01-01')})-[:ORGANIZED_BY]->(c)
        CREATE (e)-[:IN_REGION]->(r)
        WITH e, k
        UNWIND range(0, 2) AS j
        MATCH (a:Alumnus {id: $ids[(k - 1) * 3 + j]})
        CREATE (a)-[:ATTENDED {role: 'GUEST'}]->(e)
        """,
        {"ids": alumni},
    )
    roomy_api.reset_count()
    # when
    data = await roomy_api.data(NESTED)
    # then
    events = data["events"]["nodes"]
    assert len(events) == 60
    assert all(e["attendees"]["totalCount"] == 3 and len(e["attendees"]["edges"]) == 3 for e in events)
    assert events[0]["attendees"]["edges"][0]["node"]["alumnus"]["education"] == [{"name": "计算机2010级"}]
    # page, region, organizers (colleges), attendee pages, attendee counts, alumni, education
    assert roomy_api.statements == 7
