"""The role matrix: every role × every root query and mutation → allowed or FORBIDDEN.

EXPECTED is the security model of DESIGN §6 as a table. A field missing from the table fails
the test, so every field added later must take a position here. Arguments are filled with
well-typed placeholder values generated from the schema: the permission check runs before any
input is looked at, so an allowed role gets anything but FORBIDDEN/UNAUTHENTICATED, and a
refused role gets FORBIDDEN with no Cypher sent.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
)

from schema.core.permissions import Role
from schema.core.relay import to_global_id
from schema.schema import schema
from tests.conftest import Api

ALL = frozenset(Role)
STAFF = frozenset({Role.ADMIN, Role.FUNDRAISER, Role.COLLEGE_OFFICER, Role.CHAPTER_ORGANIZER})
ADMIN = frozenset({Role.ADMIN})
EDITORS = frozenset({Role.ADMIN, Role.COLLEGE_OFFICER})
GIVING = frozenset({Role.ADMIN, Role.FUNDRAISER, Role.COLLEGE_OFFICER})
SELF = frozenset({Role.ALUMNUS})
FUNDRAISING = frozenset({Role.ADMIN, Role.FUNDRAISER})
FUNDRAISING = frozenset({Role.ADMIN, Role.FUNDRAISER})

QUERIES: dict[str, frozenset[Role]] = {
    "node": ALL,
    "alumni": ALL,
    "colleges": ALL,
    "classes": ALL,
    "chapters": ALL,
    "regions": ALL,
    "industries": ALL,
    "auditEntries": ADMIN,
    "me": SELF,
    "myData": SELF,
    "introductionPaths": STAFF,
    "reunionClasses": STAFF,
    "chapterRecommendations": ALL,
    "notableAlumniDue": GIVING,
    "network": STAFF,
    "collegeScorecard": GIVING,
    "chapterActivity": STAFF,
    "companies": ALL,
    "partnerCompanies": STAFF,
    "openNeeds": STAFF,
    "cooperations": STAFF,
    "stories": ALL,
    "fundReport": GIVING,
    "donorRetention": GIVING,
    "events": ALL,
    "interactions": ALL,
    "funds": ALL,
    "donations": GIVING,
    "awards": ALL,
    "search": ALL,
    "duplicateCandidates": EDITORS,
}
MUTATIONS: dict[str, frozenset[Role]] = {
    "createAlumnus": EDITORS,
    "updateAlumnus": EDITORS,
    "deleteAlumnus": ADMIN,
    "createCollege": ADMIN,
    "createCooperation": EDITORS,
    "updateCooperation": EDITORS,
    "deleteCooperation": EDITORS,
    "createStory": EDITORS,
    "updateStory": EDITORS,
    "deleteStory": EDITORS,
    "updateCollege": ADMIN,
    "deleteCollege": ADMIN,
    "createClass": EDITORS,
    "updateClass": EDITORS,
    "deleteClass": ADMIN,
    "createChapter": ADMIN,
    "updateChapter": ADMIN,
    "deleteChapter": ADMIN,
    "setChapterParent": ADMIN,
    "addEducation": EDITORS,
    "removeEducation": EDITORS,
    "addLiaison": EDITORS,
    "removeLiaison": EDITORS,
    "setResidence": EDITORS,
    "addStaffRole": EDITORS,
    "endStaffRole": EDITORS,
    "removeStaffRole": EDITORS,
    "addMembership": EDITORS,
    "updateMembership": EDITORS,
    "removeMembership": EDITORS,
    "addAcquaintance": EDITORS,
    "removeAcquaintance": EDITORS,
    "updateMyContact": SELF,
    "setMyConsent": SELF,
    "createCompany": ADMIN,
    "updateCompany": ADMIN,
    "deleteCompany": ADMIN,
    "setCompanyIndustry": ADMIN,
    "setCompanyLocation": ADMIN,
    "addNeed": ADMIN,
    "removeNeed": ADMIN,
    "addEmployment": EDITORS,
    "updateEmployment": EDITORS,
    "endEmployment": EDITORS,
    "removeEmployment": EDITORS,
    "createEvent": EDITORS,
    "updateEvent": EDITORS,
    "deleteEvent": ADMIN,
    "setEventOrganizer": EDITORS,
    "addAttendance": EDITORS,
    "removeAttendance": EDITORS,
    "createInteraction": FUNDRAISING,
    "updateInteraction": FUNDRAISING,
    "deleteInteraction": ADMIN,
    "createFund": EDITORS,
    "updateFund": EDITORS,
    "deleteFund": ADMIN,
    "setFundCollege": ADMIN,
    "createDonation": FUNDRAISING,
    "updateDonation": FUNDRAISING,
    "deleteDonation": ADMIN,
    "createAward": ADMIN,
    "grantAward": ADMIN,
    "revokeAward": ADMIN,
    "importBundle": ADMIN,
    "recordPledge": FUNDRAISING,
    "recordGift": FUNDRAISING,
    "recordPayment": FUNDRAISING,
    "cancelPledge": FUNDRAISING,
    "updateAward": ADMIN,
    "deleteAward": ADMIN,
    "mergeAlumni": ADMIN,
}

SCOPES: dict[Role, dict[str, str]] = {
    Role.COLLEGE_OFFICER: {"college": "CS"},
    Role.CHAPTER_ORGANIZER: {"chapter": "CH"},
    Role.ALUMNUS: {"alumnus": "someone"},
}


def placeholder(gtype: Any) -> Any:
    """A well-typed value for an argument or input field."""
    if isinstance(gtype, GraphQLNonNull):
        return placeholder(gtype.of_type)
    if isinstance(gtype, GraphQLList):
        return [placeholder(gtype.of_type)]
    if isinstance(gtype, GraphQLEnumType):
        return next(iter(gtype.values))
    if isinstance(gtype, GraphQLInputObjectType):
        return {
            name: placeholder(f.type)
            for name, f in gtype.fields.items()
            if isinstance(f.type, GraphQLNonNull)
        }
    assert isinstance(gtype, GraphQLScalarType)
    return {
        "ID": to_global_id("Alumnus", "00000000-0000-0000-0000-000000000000"),
        "String": "x",
        "Int": 2025,
        "Float": 1.0,
        "Boolean": False,
        "Date": "2025-01-01",
        "DateTime": "2025-01-01T00:00:00Z",
        "JSON": {},
        "Upload": None,
    }[gtype.name]


def selection(gtype: Any) -> str:
    """The smallest valid selection for a result type."""
    while isinstance(gtype, GraphQLNonNull | GraphQLList):
        gtype = gtype.of_type
    if isinstance(gtype, GraphQLObjectType | GraphQLUnionType) or hasattr(gtype, "fields"):
        return " { __typename }"
    return ""


def document(kind: str, name: str, field: GraphQLField) -> tuple[str, dict[str, Any]]:
    """An operation calling one root field with placeholder arguments as variables."""
    args = {a: arg for a, arg in field.args.items() if isinstance(arg.type, GraphQLNonNull)}
    decls = ", ".join(f"${a}: {arg.type}" for a, arg in args.items())
    call = ", ".join(f"{a}: ${a}" for a in args)
    head = f"{kind} Op({decls})" if decls else kind
    body = f"{name}({call})" if call else name
    return f"{head} {{ {body}{selection(field.type)} }}", {
        a: placeholder(arg.type) for a, arg in args.items()
    }


async def post_multipart(api: Api, query: str, variables: dict[str, Any], role: Role) -> dict[str, Any]:
    """POST with each null variable carrying a small file (GraphQL multipart request spec)."""
    files = [name for name, value in variables.items() if value is None]
    operations = json.dumps({"query": query, "variables": variables})
    mapping = json.dumps({str(i): [f"variables.{name}"] for i, name in enumerate(files)})
    parts = {
        str(i): (f"{name}.zip", b"PK\x05\x06" + b"\0" * 18, "application/zip") for i, name in enumerate(files)
    }
    token = api.token(role, **SCOPES.get(role, {}))
    res = await api.client.post(
        "/graphql",
        data={"operations": operations, "map": mapping},
        files=parts,
        headers={"Authorization": f"Bearer {token}"},
    )
    body: dict[str, Any] = res.json()
    return body


def root_fields(kind: str) -> dict[str, GraphQLField]:
    root = schema._schema.query_type if kind == "query" else schema._schema.mutation_type
    assert root is not None
    return dict(root.fields)


def test_every_root_field_is_in_the_matrix() -> None:
    # then
    assert set(root_fields("query")) == set(QUERIES)
    assert set(root_fields("mutation")) == set(MUTATIONS)


CASES = [("query", n, r) for n in sorted(QUERIES) for r in Role] + [
    ("mutation", n, r) for n in sorted(MUTATIONS) for r in Role
]


@pytest.mark.parametrize(("kind", "name", "role"), CASES, ids=[f"{n}-{r.value}" for _, n, r in CASES])
async def test_role_matrix(api: Api, kind: str, name: str, role: Role) -> None:
    # given
    field = root_fields(kind).get(name)
    assert field is not None, f"{name} is not in the schema"
    query, variables = document(kind, name, field)
    allowed = (QUERIES if kind == "query" else MUTATIONS)[name]
    api.reset_count()
    # when
    if any(v is None for v in variables.values()):  # an Upload: sent as a GraphQL multipart request
        body = await post_multipart(api, query, variables, role)
    else:
        body = await api.post(query, variables, role=role, **SCOPES.get(role, {}))
    # then
    codes = {e.get("extensions", {}).get("code") for e in body.get("errors", [])}
    assert "UNAUTHENTICATED" not in codes
    assert "INTERNAL" not in codes, body
    if role in allowed:
        assert "FORBIDDEN" not in codes, body
    else:
        assert codes == {"FORBIDDEN"}, body
        assert api.statements == 0
