"""duplicateCandidates: groups by email, phone (with or without +86), name and birth year; scope; roles."""

from __future__ import annotations

from typing import Any

from graph.core.db import Database
from graph.core.validation import normalize_email, normalize_phone
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import gid, given_institutions, mutate

CREATE = """
mutation Create($input: CreateAlumnusInput!) {
  createAlumnus(input: $input) { alumnus { id } userErrors { field code } }
}
"""

UPDATE = """
mutation Update($input: UpdateAlumnusInput!) {
  updateAlumnus(input: $input) { alumnus { id } userErrors { field code } }
}
"""

CANDIDATES = """
query Candidates($first: Int! = 50, $rules: [DuplicateRule!]) {
  duplicateCandidates(first: $first, rules: $rules) {
    rule
    size
    alumni { externalId email }
  }
}
"""

# (id, class, email, phone, name, birthYear) as a client may write them; stored normalised as every
# write path stores them. d-1..d-5 are in CS classes, the rest in EE.
PEOPLE = [
    ("d-1", "cls-cs10", "li.na@example.com", None, "李娜", 1990),
    ("d-2", "cls-ee10", " LI.NA@Example.com", None, "李娜", 1991),
    ("d-3", "cls-cs10", None, "+86 138-0013-8000", "王芳", 1988),
    ("d-4", "cls-cs15", None, "138 0013 8000", "王芳", 1988),
    ("d-5", "cls-cs15", None, "8613800138000", "赵磊", None),
    ("d-6", "cls-ee10", None, "+14155550100", "Tom Lee", 1980),
    ("d-7", "cls-ee10", "tom@example.com", "+1 415-555-0100", "Tom Lee", 1981),
    ("d-8", "cls-ee10", "t.lee@example.com", "+8613900139000", "孙丽", 1975),
]

_PEOPLE = """
UNWIND $people AS p
MATCH (k:Class {id: p[1]})
CREATE (a:Alumnus {id: p[0], externalId: toUpper(p[0]), email: p[2], phone: p[3], name: p[4],
                   birthYear: p[5], kinds: ['STUDENT'], consentContact: true})
CREATE (a)-[:STUDIED_IN]->(k)
"""


async def given_duplicates(db: Database) -> None:
    """The PEOPLE above: one email pair, a phone trio and an E.164 pair, and one name-and-year pair."""
    await given_institutions(db)
    rows = [
        [i, k, normalize_email(e) if e else None, normalize_phone(p) if p else None, n, y]
        for i, k, e, p, n, y in PEOPLE
    ]
    await db.write_rows(_PEOPLE, {"people": rows})


def summary(data: dict[str, Any]) -> list[tuple[str, int, list[str]]]:
    """(rule, size, external ids) of every group."""
    groups = data["duplicateCandidates"]
    return [(g["rule"], g["size"], [a["externalId"] for a in g["alumni"]]) for g in groups]


async def test_groups_by_normalised_email_phone_and_name_with_birth_year(api: Api, db: Database) -> None:
    # given
    await given_duplicates(db)
    # when
    data = await api.data(CANDIDATES)
    # then email first, then phones (largest group first), then name and birth year
    assert summary(data) == [
        ("EMAIL", 2, ["D-1", "D-2"]),
        ("PHONE", 3, ["D-3", "D-4", "D-5"]),
        ("PHONE", 2, ["D-6", "D-7"]),
        ("NAME_BIRTH_YEAR", 2, ["D-3", "D-4"]),
    ]


async def test_rules_and_first_narrow_the_groups(api: Api, db: Database) -> None:
    # given
    await given_duplicates(db)
    # when
    phones = await api.data(CANDIDATES, {"rules": ["PHONE"], "first": 1})
    names = await api.data(CANDIDATES, {"rules": ["NAME_BIRTH_YEAR"]})
    # then
    assert summary(phones) == [("PHONE", 3, ["D-3", "D-4", "D-5"])]
    assert summary(names) == [("NAME_BIRTH_YEAR", 2, ["D-3", "D-4"])]


async def test_an_officer_sees_groups_of_their_own_alumni_only(api: Api, db: Database) -> None:
    # given a CS officer: d-2 (EE) shares d-1's email, d-6/d-7 are EE alumni
    await given_duplicates(db)
    # when
    data = await api.data(CANDIDATES, role=Role.COLLEGE_OFFICER, college="CS")
    # then no group reveals an alumnus outside the officer's scope
    assert summary(data) == [
        ("PHONE", 3, ["D-3", "D-4", "D-5"]),
        ("NAME_BIRTH_YEAR", 2, ["D-3", "D-4"]),
    ]


async def test_directory_alumni_outside_the_college_join_groups_without_contact_details(
    api: Api, db: Database
) -> None:
    # given d-2 (EE) is in the directory
    await given_duplicates(db)
    await db.write_rows("MATCH (a:Alumnus {id: 'd-2'}) SET a.consentDirectory = true")
    # when
    data = await api.data(CANDIDATES, {"rules": ["EMAIL"]}, role=Role.COLLEGE_OFFICER, college="CS")
    # then
    assert data["duplicateCandidates"][0]["alumni"] == [
        {"externalId": "D-1", "email": "li.na@example.com"},
        {"externalId": "D-2", "email": None},
    ]


async def test_only_admins_and_college_officers_may_ask(api: Api, db: Database) -> None:
    # given
    await given_duplicates(db)
    # when
    answers = [
        await api.post(CANDIDATES, role=Role.FUNDRAISER),
        await api.post(CANDIDATES, role=Role.CHAPTER_ORGANIZER, chapter="CSA"),
        await api.post(CANDIDATES, role=Role.ALUMNUS, alumnus="d-1"),
    ]
    too_many = await api.post(CANDIDATES, {"first": 101})
    # then
    assert [a["errors"][0]["extensions"]["code"] for a in answers] == ["FORBIDDEN"] * 3
    assert too_many["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_candidates_cost_two_statements(api: Api, db: Database) -> None:
    # given
    await given_duplicates(db)
    api.reset_count()
    # when
    data = await api.data(CANDIDATES)
    # then one statement finds the groups, one reads all their alumni
    assert len(data["duplicateCandidates"]) == 4
    assert api.statements == 2


async def test_contact_details_written_differently_through_the_api_still_match(
    api: Api, db: Database
) -> None:
    # given three alumni created and updated with the same email and mobile written three ways
    await given_institutions(db)
    cs10 = [gid("Class", "cls-cs10")]
    for number, email, phone in [
        ("A1", "Wu.Lei@Example.com", "+86 139-0013-9000"),
        ("A2", " wu.lei@example.com ", "13900139000"),
        ("A3", None, None),
    ]:
        new = {"externalId": number, "name": "吴磊", "education": cs10, "email": email, "phone": phone}
        await mutate(api, CREATE, "createAlumnus", new)
    a3 = await db.read_rows("MATCH (a:Alumnus {externalId: 'A3'}) RETURN a.id AS id")
    changes = {"id": gid("Alumnus", a3[0]["id"]), "phone": "86 13900139000", "birthYear": 1990}
    await mutate(api, UPDATE, "updateAlumnus", changes)
    # when
    data = await api.data(CANDIDATES)
    # then
    assert summary(data) == [("EMAIL", 2, ["A1", "A2"]), ("PHONE", 3, ["A1", "A2", "A3"])]
