"""Every people-and-institutions mutation leaves exactly one audit entry; a refused one leaves none."""

from __future__ import annotations

from typing import Any

from graph.core.db import Database
from schema.core.permissions import Role
from tests.conftest import Api
from tests.schema.given import gid, given_alumni, given_institutions

A1, A2 = gid("Alumnus", "a-1"), gid("Alumnus", "a-2")
CS, CS10, GD = gid("College", "col-cs"), gid("Class", "cls-cs10"), gid("Chapter", "ch-gd")

# (mutation, input) in an order where each succeeds; `$new…` are filled from earlier payloads.
STEPS: list[tuple[str, dict[str, Any]]] = [
    ("createCollege", {"code": "MED", "name": "医学院"}),
    ("updateCollege", {"id": "$newCollege", "name": "医学部"}),
    ("createClass", {"code": "MED-2020", "name": "医学2020级", "college": "$newCollege"}),
    ("updateClass", {"id": "$newClass", "major": "临床医学"}),
    ("createAlumnus", {"externalId": "N1", "name": "新校友", "education": ["$newClass"]}),
    ("updateAlumnus", {"id": "$newAlumnus", "notable": True}),
    ("createChapter", {"code": "MEDA", "name": "医学部校友会", "kind": "COLLEGE", "college": "$newCollege"}),
    ("updateChapter", {"id": "$newChapter", "foundedYear": 2001}),
    ("setChapterParent", {"chapter": "$newChapter", "parent": GD}),
    ("addEducation", {"alumnus": A1, "class": CS10}),
    ("removeEducation", {"alumnus": A1, "class": CS10}),
    ("addLiaison", {"alumnus": A1, "class": CS10}),
    ("removeLiaison", {"alumnus": A1, "class": CS10}),
    ("setResidence", {"alumnus": A1, "region": None}),
    ("addStaffRole", {"alumnus": A1, "college": CS, "startYear": 2015}),
    ("endStaffRole", {"alumnus": A1, "college": CS, "endYear": 2020}),
    ("removeStaffRole", {"alumnus": A1, "college": CS}),
    ("addMembership", {"alumnus": A1, "chapter": GD}),
    ("updateMembership", {"alumnus": A1, "chapter": GD, "role": "SECRETARY"}),
    ("removeMembership", {"alumnus": A1, "chapter": GD}),
    ("addAcquaintance", {"alumnus": A1, "other": A2, "kind": "FRIEND"}),
    ("removeAcquaintance", {"alumnus": A1, "other": A2}),
    ("deleteChapter", {"id": "$newChapter"}),
    ("deleteAlumnus", {"id": "$newAlumnus", "detach": True}),
    ("deleteClass", {"id": "$newClass"}),
    ("deleteCollege", {"id": "$newCollege"}),
    ("mergeAlumni", {"keep": A1, "merge": [A2]}),
]
NEW = {"$newCollege": "college", "$newClass": "class", "$newAlumnus": "alumnus", "$newChapter": "chapter"}
CREATED = {"createCollege": "$newCollege", "createClass": "$newClass", "createAlumnus": "$newAlumnus"}
CREATED |= {"createChapter": "$newChapter"}


def document(name: str) -> str:
    """A mutation document returning only the user errors (and the new node's id on creates)."""
    created = f"{NEW[CREATED[name]]} {{ id }}" if name in CREATED else ""
    input_type = name[0].upper() + name[1:] + "Input"
    return (
        f"mutation M($input: {input_type}!) {{ {name}(input: $input) {{ {created} userErrors {{ code }} }} }}"
    )


def resolve(data: dict[str, Any], known: dict[str, str]) -> dict[str, Any]:
    """The input with `$new…` placeholders replaced by the IDs created so far."""

    def one(value: Any) -> Any:
        if isinstance(value, list):
            return [one(v) for v in value]
        return known.get(value, value) if isinstance(value, str) else value

    return {k: one(v) for k, v in data.items()}


async def test_every_mutation_writes_one_audit_entry(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    await given_alumni(db, 2)
    known: dict[str, str] = {}
    # when
    for name, data in STEPS:
        payload = (await api.data(document(name), {"input": resolve(data, known)}))[name]
        assert payload["userErrors"] == [], (name, payload)
        if name in CREATED:
            known[CREATED[name]] = payload[NEW[CREATED[name]]]["id"]
    # then
    rows = await db.read_rows(
        "MATCH (e:AuditEntry) RETURN e.operation AS op, e.actor AS actor, e.role AS role"
    )
    assert sorted(r["op"] for r in rows) == sorted(name for name, _ in STEPS)
    assert {(r["actor"], r["role"]) for r in rows} == {("test-admin", "ADMIN")}


async def test_a_refused_or_forbidden_mutation_writes_no_audit_entry(api: Api, db: Database) -> None:
    # given
    await given_institutions(db)
    await given_alumni(db, 2)
    # when
    refused = await api.data(
        document("addEducation"), {"input": {"alumnus": A1, "class": gid("Class", "nope")}}
    )
    forbidden = await api.post(
        document("deleteClass"), {"input": {"id": CS10}}, role=Role.COLLEGE_OFFICER, college="CS"
    )
    # then
    assert refused["addEducation"]["userErrors"] == [{"code": "NOT_FOUND"}]
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await db.read_rows("MATCH (e:AuditEntry) RETURN e") == []
