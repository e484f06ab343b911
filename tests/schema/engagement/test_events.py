"""Events through HTTP: CRUD, organizer and region, officer scope, filters, orders, deletes."""

from __future__ import annotations

import json

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import audit_ops, count, error_paths, gid, given_colleges, ref_id

EVENT = "event { code name kind date endDate region { code } organizer { __typename ... on College { code } ... on Chapter { code } } }"
CREATE = (
    "mutation C($input: CreateEventInput!) { createEvent(input: $input) { "
    + EVENT
    + " userErrors { field code message } } }"
)
UPDATE = (
    "mutation U($input: UpdateEventInput!) { updateEvent(input: $input) { "
    + EVENT
    + " userErrors { field code message } } }"
)
ORGANIZER = (
    "mutation O($input: SetEventOrganizerInput!) { setEventOrganizer(input: $input) { "
    + EVENT
    + " userErrors { field code message } } }"
)
DELETE = "mutation D($input: DeleteEventInput!) { deleteEvent(input: $input) { deletedId userErrors { field code message } } }"
LIST = """
query L($filter: EventFilter, $order: EventSort, $desc: Boolean, $first: Int, $after: String) {
  events(filter: $filter, orderBy: $order, descending: $desc, first: $first, after: $after) {
    totalCount
    nodes { code }
    pageInfo { hasNextPage endCursor }
  }
}
"""
COLLEGE_EVENTS = """
query C($id: ID!, $after: String) {
  node(id: $id) { ... on College { events(first: 2, after: $after) {
    totalCount nodes { code } pageInfo { hasNextPage endCursor } } } }
}
"""


async def given_events(db: Database) -> None:
    """Four events: by CS in Shenzhen, by chapter SZ (of CS), by EE in Beijing, and one with no organizer."""
    await given_colleges(db)
    await db.write_rows(
        """
        MATCH (cs:College {id: 'col-cs'}), (ee:College {id: 'col-ee'}), (sz:Chapter {id: 'ch-sz'})
        MATCH (shenzhen:Region {code: '440300'}), (beijing:Region {code: '110100'})
        CREATE (e1:Event {id: 'e1', code: 'E1', name: '校庆', kind: 'ANNIVERSARY', date: date('2024-05-01')})
        CREATE (e2:Event {id: 'e2', code: 'E2', name: '深圳年会', kind: 'GALA', date: date('2023-12-20')})
        CREATE (e3:Event {id: 'e3', code: 'E3', name: '讲座', kind: 'LECTURE', date: date('2024-03-08')})
        CREATE (e4:Event {id: 'e4', code: 'E4', name: '招聘会', kind: 'JOB_FAIR', date: date('2022-10-10')})
        CREATE (e1)-[:ORGANIZED_BY]->(cs), (e1)-[:IN_REGION]->(shenzhen)
        CREATE (e2)-[:ORGANIZED_BY]->(sz), (e2)-[:IN_REGION]->(shenzhen)
        CREATE (e3)-[:ORGANIZED_BY]->(ee), (e3)-[:IN_REGION]->(beijing)
        """
    )


async def test_create_event_with_organizer_and_region(api: Api, db: Database) -> None:
    # given
    await given_colleges(db)
    shenzhen = gid("Region", await ref_id(db, "Region", "440300"))
    # when
    data = await api.data(
        CREATE,
        {
            "input": {
                "code": "GALA-2024",
                "name": "校友年会",
                "kind": "GALA",
                "date": "2024-12-01",
                "endDate": "2024-12-02",
                "region": shenzhen,
                "organizer": gid("Chapter", "ch-sz"),
            }
        },
    )
    # then
    assert data["createEvent"] == {
        "event": {
            "code": "GALA-2024",
            "name": "校友年会",
            "kind": "GALA",
            "date": "2024-12-01",
            "endDate": "2024-12-02",
            "region": {"code": "440300"},
            "organizer": {"__typename": "Chapter", "code": "SZ"},
        },
        "userErrors": [],
    }
    entry = (await audit_ops(db))[0]
    assert entry["op"] == "createEvent"
    assert json.loads(entry["changes"])["organizer"] == [None, "ch-sz"]


async def test_create_event_refuses_bad_input(api: Api, db: Database) -> None:
    # given
    await given_events(db)
    # when
    bad = (
        await api.data(
            CREATE,
            {
                "input": {
                    "code": "bad code",
                    "name": "",
                    "kind": "GALA",
                    "date": "1700-01-01",
                    "organizer": gid("Region", "x"),
                }
            },
        )
    )["createEvent"]
    backwards = (
        await api.data(
            CREATE,
            {
                "input": {
                    "code": "X",
                    "name": "x",
                    "kind": "GALA",
                    "date": "2024-05-02",
                    "endDate": "2024-05-01",
                }
            },
        )
    )["createEvent"]
    taken = (
        await api.data(CREATE, {"input": {"code": "E1", "name": "x", "kind": "GALA", "date": "2024-05-02"}})
    )["createEvent"]
    unknown = (
        await api.data(
            CREATE,
            {
                "input": {
                    "code": "Y",
                    "name": "y",
                    "kind": "GALA",
                    "date": "2024-05-02",
                    "organizer": gid("College", "nope"),
                }
            },
        )
    )["createEvent"]
    # then
    assert error_paths(bad) == {
        "input.code": "INVALID",
        "input.name": "REQUIRED",
        "input.date": "OUT_OF_RANGE",
        "input.organizer": "INVALID",
    }
    assert error_paths(backwards) == {"input.endDate": "OUT_OF_RANGE"}
    assert error_paths(taken) == {"input.code": "DUPLICATE"}
    assert error_paths(unknown) == {"input.organizer": "NOT_FOUND"}
    assert await count(db, "MATCH (e:Event) RETURN count(e) AS n") == 4


async def test_college_officers_create_and_change_only_their_colleges_events(api: Api, db: Database) -> None:
    # given
    await given_events(db)
    base = {"name": "x", "kind": "LECTURE", "date": "2024-06-01"}
    # when
    own = await api.data(
        CREATE,
        {"input": {**base, "code": "C1", "organizer": gid("Chapter", "ch-sz")}},
        role=Role.COLLEGE_OFFICER,
        college="CS",
    )
    other = await api.data(
        CREATE,
        {"input": {**base, "code": "C2", "organizer": gid("College", "col-ee")}},
        role=Role.COLLEGE_OFFICER,
        college="CS",
    )
    none = await api.data(CREATE, {"input": {**base, "code": "C3"}}, role=Role.COLLEGE_OFFICER, college="CS")
    rename_own = await api.data(
        UPDATE, {"input": {"id": gid("Event", "e1"), "name": "新名"}}, role=Role.COLLEGE_OFFICER, college="CS"
    )
    rename_other = await api.data(
        UPDATE, {"input": {"id": gid("Event", "e3"), "name": "新名"}}, role=Role.COLLEGE_OFFICER, college="CS"
    )
    move_away = await api.data(
        ORGANIZER,
        {"input": {"event": gid("Event", "e1"), "organizer": gid("College", "col-ee")}},
        role=Role.COLLEGE_OFFICER,
        college="CS",
    )
    delete = await api.post(
        DELETE, {"input": {"id": gid("Event", "e1")}}, role=Role.COLLEGE_OFFICER, college="CS"
    )
    # then
    assert own["createEvent"]["userErrors"] == []
    assert error_paths(other["createEvent"]) == {"input.organizer": "FORBIDDEN"}
    assert error_paths(none["createEvent"]) == {"input.organizer": "REQUIRED"}
    assert rename_own["updateEvent"]["event"]["name"] == "新名"
    assert error_paths(rename_other["updateEvent"]) == {"input.id": "FORBIDDEN"}
    assert error_paths(move_away["setEventOrganizer"]) == {"input.organizer": "FORBIDDEN"}
    assert delete["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_update_event_changes_only_the_fields_sent(api: Api, db: Database) -> None:
    # given
    await given_events(db)
    # when
    data = await api.data(
        UPDATE, {"input": {"id": gid("Event", "e1"), "endDate": "2024-05-03", "region": None}}
    )
    backwards = await api.data(UPDATE, {"input": {"id": gid("Event", "e1"), "endDate": "2024-04-30"}})
    # then
    event = data["updateEvent"]["event"]
    assert (event["name"], event["date"], event["endDate"], event["region"]) == (
        "校庆",
        "2024-05-01",
        "2024-05-03",
        None,
    )
    assert error_paths(backwards["updateEvent"]) == {"input.endDate": "OUT_OF_RANGE"}
    assert [e["op"] for e in await audit_ops(db)] == ["updateEvent"]


async def test_set_event_organizer_replaces_and_clears(api: Api, db: Database) -> None:
    # given
    await given_events(db)
    event = gid("Event", "e1")
    # when
    moved = await api.data(ORGANIZER, {"input": {"event": event, "organizer": gid("College", "col-ee")}})
    cleared = await api.data(ORGANIZER, {"input": {"event": event, "organizer": None}})
    # then
    assert moved["setEventOrganizer"]["event"]["organizer"] == {"__typename": "College", "code": "EE"}
    assert cleared["setEventOrganizer"]["event"]["organizer"] is None
    assert await count(db, "MATCH (:Event {id: 'e1'})-[r:ORGANIZED_BY]->() RETURN count(r) AS n") == 0


async def test_delete_event_is_refused_while_attended_unless_detached(api: Api, db: Database) -> None:
    # given
    await given_events(db)
    await db.write_rows(
        "CREATE (:Alumnus {id: 'a1', externalId: 'A1', name: '甲'})-[:ATTENDED {role: 'GUEST'}]->(:Event {id: 'e9', code: 'E9', name: 'x', kind: 'GALA', date: date('2024-01-01')})"
    )
    # when
    refused = (await api.data(DELETE, {"input": {"id": gid("Event", "e9")}}))["deleteEvent"]
    detached = (await api.data(DELETE, {"input": {"id": gid("Event", "e9"), "detach": True}}))["deleteEvent"]
    plain = (await api.data(DELETE, {"input": {"id": gid("Event", "e4")}}))["deleteEvent"]
    # then
    assert error_paths(refused) == {"input.id": "IN_USE"}
    assert detached["deletedId"] == gid("Event", "e9")
    assert plain["userErrors"] == []
    assert await count(db, "MATCH (a:Alumnus) RETURN count(a) AS n") == 1
    assert [e["op"] for e in await audit_ops(db)] == ["deleteEvent", "deleteEvent"]


async def test_events_filters(api: Api, db: Database) -> None:
    # given
    await given_events(db)
    guangdong = gid("Region", await ref_id(db, "Region", "440000"))

    async def codes(flt: dict[str, object]) -> list[str]:
        return [
            n["code"] for n in (await api.data(LIST, {"filter": flt, "order": "CODE"}))["events"]["nodes"]
        ]

    # when / then
    assert await codes({"kinds": ["GALA", "LECTURE"]}) == ["E2", "E3"]
    assert await codes({"dateFrom": "2024-01-01", "dateTo": "2024-04-30"}) == ["E3"]
    assert await codes({"organizer": gid("Chapter", "ch-sz")}) == ["E2"]
    assert await codes({"college": gid("College", "col-cs")}) == ["E1", "E2"]
    assert await codes({"region": guangdong}) == ["E1", "E2"]
    assert await codes({"name": "讲"}) == ["E3"]


async def test_events_page_by_date_in_both_directions(api: Api, db: Database) -> None:
    # given
    await given_events(db)

    async def walk(desc: bool) -> list[str]:
        seen: list[str] = []
        after = None
        while True:
            page = (await api.data(LIST, {"order": "DATE", "desc": desc, "first": 3, "after": after}))[
                "events"
            ]
            seen += [n["code"] for n in page["nodes"]]
            if not page["pageInfo"]["hasNextPage"]:
                return seen
            after = page["pageInfo"]["endCursor"]

    # when / then
    assert await walk(False) == ["E4", "E2", "E3", "E1"]
    assert await walk(True) == ["E1", "E3", "E2", "E4"]


async def test_a_name_cursor_is_refused_by_the_date_order(api: Api, db: Database) -> None:
    # given a cursor of the name order
    await given_events(db)
    page = (await api.data(LIST, {"order": "NAME", "first": 1}))["events"]
    # when
    body = await api.post(LIST, {"order": "DATE", "first": 1, "after": page["pageInfo"]["endCursor"]})
    # then
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_college_events_include_its_chapters_newest_first(api: Api, db: Database) -> None:
    # given
    await given_events(db)
    college = gid("College", "col-cs")
    # when
    first = (await api.data(COLLEGE_EVENTS, {"id": college}))["node"]["events"]
    # then
    assert first["nodes"] == [{"code": "E1"}, {"code": "E2"}]
    assert first["totalCount"] == 2
    assert first["pageInfo"]["hasNextPage"] is False
