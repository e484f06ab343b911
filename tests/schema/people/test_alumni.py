"""The alumni slice through HTTP: createAlumnus, the alumni connection, node(id:), round trips."""

from __future__ import annotations

from graph.core.db import Database
from tests.conftest import Api

CREATE = """
mutation Create($input: CreateAlumnusInput!) {
  createAlumnus(input: $input) {
    alumnus { id externalId name email phone kinds consentContact }
    userErrors { field code message }
  }
}
"""

LIST = """
query List($first: Int!, $after: String, $filter: AlumnusFilter, $order: AlumnusSort!, $desc: Boolean!) {
  alumni(first: $first, after: $after, filter: $filter, orderBy: $order, descending: $desc) {
    edges { cursor node { externalId name } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}
"""

NESTED = """
{
  alumni(first: 100) {
    totalCount
    edges { node { name city { name parent { name } } education { name college { name } } } }
  }
}
"""

NODE = "query Node($id: ID!) { node(id: $id) { id ... on Alumnus { externalId name } } }"


async def given_classes(db: Database, n_alumni: int) -> None:
    """Two colleges, three classes, n alumni spread over them, each living in a city."""
    await db.write_rows(
        """
        CREATE (c1:College {id: 'col-1', code: 'CS', name: '计算机学院'})
        CREATE (c2:College {id: 'col-2', code: 'EE', name: '电子工程学院'})
        CREATE (k1:Class {id: 'cls-1', code: 'CS-2010', name: '计算机2010级', graduationYear: 2010})-[:OF_COLLEGE]->(c1)
        CREATE (k2:Class {id: 'cls-2', code: 'CS-2015', name: '计算机2015级', graduationYear: 2015})-[:OF_COLLEGE]->(c1)
        CREATE (k3:Class {id: 'cls-3', code: 'EE-2010', name: '电子2010级', graduationYear: 2010})-[:OF_COLLEGE]->(c2)
        WITH [k1, k2, k3] AS classes
        MATCH (city:Region {code: '440300'})
        UNWIND range(1, $n) AS i
        WITH classes, city, i
        CREATE (a:Alumnus {id: 'a-' + toString(i), externalId: 'S' + right('000' + toString(i), 4),
                           name: '校友' + toString(i), kinds: ['STUDENT'], consentContact: i % 2 = 0,
                           email: 'a' + toString(i) + '@example.com'})
        WITH a, classes[i % 3] AS k, city
        CREATE (a)-[:STUDIED_IN]->(k)
        CREATE (a)-[:LIVES_IN]->(city)
        """,
        {"n": n_alumni},
    )


async def test_create_alumnus_returns_the_stored_alumnus(api: Api) -> None:
    # when
    data = await api.data(
        CREATE,
        {
            "input": {
                "externalId": "2010123",
                "name": "张伟",
                "email": " Zhang.Wei@Example.COM ",
                "phone": "+86 138 0013 8000",
                "kinds": ["STUDENT", "STAFF"],
                "consentContact": True,
            }
        },
    )
    # then
    payload = data["createAlumnus"]
    assert payload["userErrors"] == []
    assert payload["alumnus"]["externalId"] == "2010123"
    assert payload["alumnus"]["email"] == "zhang.wei@example.com"
    assert payload["alumnus"]["phone"] == "+8613800138000"
    assert payload["alumnus"]["kinds"] == ["STUDENT", "STAFF"]
    node = await api.data(NODE, {"id": payload["alumnus"]["id"]})
    assert node["node"]["name"] == "张伟"


async def test_create_alumnus_refuses_bad_input_with_user_errors(api: Api, db: Database) -> None:
    # when
    data = await api.data(
        CREATE,
        {
            "input": {
                "externalId": "bad id!",
                "name": " ",
                "email": "not-an-email",
                "phone": "12345",
                "birthYear": 1700,
                "kinds": [],
            }
        },
    )
    # then
    payload = data["createAlumnus"]
    assert payload["alumnus"] is None
    fields = {tuple(e["field"]): e["code"] for e in payload["userErrors"]}
    assert fields == {
        ("input", "externalId"): "INVALID",
        ("input", "name"): "REQUIRED",
        ("input", "email"): "INVALID",
        ("input", "phone"): "INVALID",
        ("input", "birthYear"): "OUT_OF_RANGE",
        ("input", "kinds"): "REQUIRED",
    }
    assert (await db.read_rows("MATCH (a:Alumnus) RETURN count(a) AS n"))[0]["n"] == 0


async def test_create_alumnus_twice_is_refused_not_duplicated(api: Api, db: Database) -> None:
    # given
    first = await api.data(CREATE, {"input": {"externalId": "S1", "name": "李娜"}})
    assert first["createAlumnus"]["userErrors"] == []
    # when
    again = await api.data(CREATE, {"input": {"externalId": "S1", "name": "李娜"}})
    # then
    assert again["createAlumnus"]["userErrors"][0]["code"] == "DUPLICATE"
    assert (await db.read_rows("MATCH (a:Alumnus {externalId: 'S1'}) RETURN count(a) AS n"))[0]["n"] == 1


async def test_create_alumnus_is_audited_without_personal_values(api: Api, db: Database) -> None:
    # when
    await api.data(CREATE, {"input": {"externalId": "S9", "name": "王芳", "email": "wf@example.com"}})
    # then
    rows = await db.read_rows(
        "MATCH (e:AuditEntry) RETURN e.operation AS op, e.actor AS actor, e.changes AS changes"
    )
    assert len(rows) == 1
    assert rows[0]["op"] == "createAlumnus"
    assert rows[0]["actor"] == "test-admin"
    assert "wf@example.com" not in rows[0]["changes"]
    assert "<redacted>" in rows[0]["changes"]


async def test_keyset_pages_cover_every_alumnus_once_in_order(api: Api, db: Database) -> None:
    # given
    await given_classes(db, 25)
    seen: list[str] = []
    after = None
    # when
    for _ in range(10):
        page = (
            await api.data(
                LIST,
                {"first": 7, "after": after, "filter": None, "order": "EXTERNAL_ID", "desc": False},
            )
        )["alumni"]
        seen += [e["node"]["externalId"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    # then
    assert seen == [f"S{i:04d}" for i in range(1, 26)]


async def test_descending_order_and_filters(api: Api, db: Database) -> None:
    # given
    await given_classes(db, 9)
    colleges = await db.read_rows("MATCH (c:College {code: 'EE'}) RETURN c.id AS id")
    from schema.core.relay import to_global_id

    ee = to_global_id("College", colleges[0]["id"])
    # when
    page = (
        await api.data(
            LIST,
            {
                "first": 10,
                "after": None,
                "filter": {"college": ee},
                "order": "EXTERNAL_ID",
                "desc": True,
            },
        )
    )["alumni"]
    # then: alumni i with i % 3 == 2 studied in the EE class
    assert [e["node"]["externalId"] for e in page["edges"]] == ["S0008", "S0005", "S0002"]


async def test_page_size_over_100_is_bad_user_input(api: Api) -> None:
    # when
    body = await api.post(LIST, {"first": 101, "after": None, "filter": None, "order": "NAME", "desc": False})
    # then
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_forged_cursor_is_bad_user_input(api: Api) -> None:
    # when
    body = await api.post(
        LIST, {"first": 5, "after": "not-a-cursor", "filter": None, "order": "NAME", "desc": False}
    )
    # then
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_nested_fields_cost_a_bounded_number_of_statements(api: Api, db: Database) -> None:
    # given
    await given_classes(db, 60)
    api.reset_count()
    # when
    data = await api.data(NESTED)
    # then: one compiled statement (page, count and every nested level), whatever the number of alumni
    assert data["alumni"]["totalCount"] == 60
    assert len(data["alumni"]["edges"]) == 60
    first = data["alumni"]["edges"][0]["node"]
    assert first["city"] == {"name": "深圳市", "parent": {"name": "广东省"}}
    assert first["education"][0]["college"]["name"] in {"计算机学院", "电子工程学院"}
    assert api.statements == 1


async def test_contact_details_need_consent(api: Api, db: Database) -> None:
    # given alumni with even numbers consented to contact
    await given_classes(db, 2)
    # when
    page = await api.data("{ alumni(first: 5, orderBy: EXTERNAL_ID) { nodes { externalId email } } }")
    # then
    assert page["alumni"]["nodes"] == [
        {"externalId": "S0001", "email": None},
        {"externalId": "S0002", "email": "a2@example.com"},
    ]


async def test_node_of_unknown_id_is_not_found(api: Api) -> None:
    # given an id of the right shape for a node that does not exist
    from schema.core.relay import to_global_id

    # when
    body = await api.post(NODE, {"id": to_global_id("Alumnus", "no-such-id")})
    # then
    assert body["data"] == {"node": None}
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


INJECTIONS = [
    "'}) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n RETURN 1 //',
    "$scope.all",
    "\\u0027) OR 1=1 //",
    '=HYPERLINK("http://x")',
]


async def test_injection_attempts_are_stored_as_plain_text(api: Api, db: Database) -> None:
    # given a node that an injection would delete
    await db.write_rows("CREATE (:College {id: 'keep', code: 'KEEP', name: 'kept'})")
    for i, text in enumerate(INJECTIONS):
        # when
        data = await api.data(CREATE, {"input": {"externalId": f"INJ{i}", "name": text, "notableNote": text}})
        # then
        assert data["createAlumnus"]["alumnus"]["name"] == text.strip()
        found = await api.data(
            LIST,
            {"first": 5, "after": None, "filter": {"name": text.strip()}, "order": "NAME", "desc": False},
        )
        assert [e["node"]["name"] for e in found["alumni"]["edges"]] == [text.strip()]
    assert (await db.read_rows("MATCH (c:College {code: 'KEEP'}) RETURN count(c) AS n"))[0]["n"] == 1
    assert (await db.read_rows("MATCH (a:Alumnus) RETURN count(a) AS n"))[0]["n"] == len(INJECTIONS)
