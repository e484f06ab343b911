"""grantAward / revokeAward: the yearly honours, queryable per year."""

from __future__ import annotations

from graph.core.db import Database
from schema.core.relay import to_global_id
from tests.conftest import Api

GRANT = """
mutation($i: CreateAwardInput!) {
  grantAward(input: $i) { award { id kind year title } userErrors { field code } }
}
"""
REVOKE = "mutation($i: RevokeAwardInput!) { revokeAward(input: $i) { deletedId userErrors { code } } }"
BY_YEAR = "query($y: Int) { awards(first: 10, filter: {year: $y}) { totalCount nodes { title } } }"


async def test_grant_query_by_year_and_revoke(api: Api, db: Database) -> None:
    # given
    await db.write_rows("CREATE (:College {id: 'cs', code: 'CS', name: '计算机学院'})")
    college = str(to_global_id("College", "cs"))
    # when
    granted = (
        await api.data(
            GRANT,
            {"i": {"kind": "COLLEGE_WORK", "year": 2025, "title": "校友工作先进单位", "recipient": college}},
        )
    )["grantAward"]
    await api.data(
        GRANT, {"i": {"kind": "COLLEGE_WORK", "year": 2024, "title": "往年", "recipient": college}}
    )
    in_2025 = (await api.data(BY_YEAR, {"y": 2025}))["awards"]
    revoked = (await api.data(REVOKE, {"i": {"id": granted["award"]["id"]}}))["revokeAward"]
    after = (await api.data(BY_YEAR, {"y": 2025}))["awards"]
    # then
    assert granted["userErrors"] == []
    assert in_2025 == {"totalCount": 1, "nodes": [{"title": "校友工作先进单位"}]}
    assert revoked["userErrors"] == []
    assert after["totalCount"] == 0
    ops = await db.read_rows("MATCH (e:AuditEntry) RETURN e.operation AS op ORDER BY e.atMs")
    assert [r["op"] for r in ops] == ["grantAward", "grantAward", "deleteAward"]
