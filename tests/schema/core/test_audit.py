"""The audit trail query (ADMIN only)."""

from __future__ import annotations

from schema.core.permissions import Role
from tests.conftest import Api

CREATE = (
    "mutation($i: CreateAlumnusInput!) { createAlumnus(input: $i) { alumnus { id } userErrors { code } } }"
)
ENTRIES = """
query($filter: AuditFilter) {
  auditEntries(first: 10, filter: $filter) {
    totalCount
    nodes { actor role operation nodeIds changes }
  }
}
"""


async def test_admin_reads_who_changed_what(api: Api) -> None:
    # given two creations
    first = await api.data(CREATE, {"i": {"externalId": "A1", "name": "甲", "email": "a@example.com"}})
    await api.data(CREATE, {"i": {"externalId": "A2", "name": "乙"}})
    node = first["createAlumnus"]["alumnus"]["id"]
    # when
    everything = await api.data(ENTRIES)
    one = await api.data(ENTRIES, {"filter": {"node": node}})
    # then
    assert everything["auditEntries"]["totalCount"] == 2
    entry = one["auditEntries"]["nodes"][0]
    assert one["auditEntries"]["totalCount"] == 1
    assert entry["actor"] == "test-admin"
    assert entry["role"] == "ADMIN"
    assert entry["operation"] == "createAlumnus"
    assert entry["changes"]["externalId"] == [None, "A1"]
    assert entry["changes"]["email"] == [None, "<redacted>"]


async def test_other_roles_cannot_read_the_audit_trail(api: Api) -> None:
    # when
    body = await api.post(ENTRIES, role=Role.FUNDRAISER)
    # then
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
