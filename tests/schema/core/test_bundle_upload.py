"""importBundle over HTTP multipart: zip and xlsx uploads, the report, permissions and limits."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import httpx

from api.app import create_app
from api.settings import Settings
from graph.core.db import Database
from schema.core.limits import Limits
from schema.core.permissions import Role
from tests.bundle_support import SMALL, label_counts
from tests.conftest import Api
from tests.graph.bundle.test_bundle_files import workbook_bytes, zip_bytes

IMPORT = """
mutation Import($file: Upload!) {
  importBundle(file: $file) {
    files { file read imported rejected error }
    counts { nodesCreated nodesUpdated relationshipsCreated relationshipsUpdated relationshipsRemoved }
    rejected { file line column reason }
    elapsedSeconds
    userErrors { field code message }
  }
}
"""


async def upload(api: Api, name: str, data: bytes, role: Role = Role.ADMIN) -> httpx.Response:
    """POST the mutation as a GraphQL multipart request (operations, map, file part)."""
    operations = json.dumps({"query": IMPORT, "variables": {"file": None}})
    return await api.client.post(
        "/graphql",
        data={"operations": operations, "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (name, data, "application/octet-stream")},
        headers={"Authorization": f"Bearer {api.token(role)}"},
    )


def small_zip() -> bytes:
    """The small fixture bundle as a zip."""
    return zip_bytes({p.name: p.read_bytes() for p in SMALL.iterdir()})


async def test_admin_uploads_a_zip_and_gets_the_report(api: Api, db: Database) -> None:
    # when
    res = await upload(api, "bundle.zip", small_zip())
    # then
    body: dict[str, Any] = res.json()
    assert "errors" not in body, body
    result = body["data"]["importBundle"]
    assert result["userErrors"] == [] and result["rejected"] == []
    assert result["counts"] == {
        "nodesCreated": 41,
        "nodesUpdated": 0,
        "relationshipsCreated": 83,
        "relationshipsUpdated": 0,
        "relationshipsRemoved": 0,
    }
    assert result["files"][0] == {
        "file": "colleges.csv",
        "read": 3,
        "imported": 3,
        "rejected": 0,
        "error": None,
    }
    assert sum(f["imported"] for f in result["files"]) == 67
    audit = await db.read_rows("MATCH (e:AuditEntry {operation: 'importBundle'}) RETURN e.actor AS actor")
    assert audit == [{"actor": "test-admin"}]


async def test_an_xlsx_upload_reports_rejected_rows_and_unreadable_sheets(api: Api, db: Database) -> None:
    # given
    data = workbook_bytes(
        {
            "colleges": [["code", "name"], ["CS", "计算机学院"], ["bad code", "坏"]],
            "alumni": [["name"], ["甲"]],
            "Notes": [["anything"]],
        }
    )
    # when
    res = await upload(api, "bundle.xlsx", data)
    # then
    result = res.json()["data"]["importBundle"]
    assert result["rejected"] == [
        {
            "file": "colleges.csv",
            "line": 3,
            "column": "code",
            "reason": "use 1-40 letters, digits, '.', '_' or '-'",
        }
    ]
    assert result["userErrors"] == [
        {
            "field": ["file", "Notes"],
            "code": "INVALID",
            "message": "not a bundle sheet name, so nothing of it was imported",
        },
        {
            "field": ["file", "alumni.csv"],
            "code": "INVALID",
            "message": "missing column external_id in the header",
        },
    ]
    assert await label_counts(db) == {"College": 1, "AuditEntry": 1}


async def test_an_upload_that_is_no_zip_or_unsafe_is_a_user_error(api: Api, db: Database) -> None:
    # when
    plain = (await upload(api, "notes.txt", b"hello")).json()["data"]["importBundle"]
    unsafe = (await upload(api, "evil.zip", zip_bytes({"../../colleges.csv": b"code,name\nX,y\n"}))).json()
    # then
    assert plain["userErrors"] == [
        {
            "field": ["file"],
            "code": "INVALID",
            "message": "the upload: not a .zip of CSV files or an .xlsx workbook",
        }
    ]
    assert unsafe["data"]["importBundle"]["userErrors"] == [
        {"field": ["file"], "code": "INVALID", "message": "unsafe path in the archive: ../../colleges.csv"}
    ]
    assert await label_counts(db) == {}


async def test_only_an_admin_may_import(api: Api, db: Database) -> None:
    # when
    res = await upload(api, "bundle.zip", small_zip(), role=Role.FUNDRAISER)
    # then
    body = res.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await label_counts(db) == {}


async def test_an_upload_over_the_size_limit_is_refused_with_413(settings: Settings) -> None:
    # given: an app whose uploads may not exceed 1000 bytes (the request never reaches the database)
    app = create_app(replace(settings, limits=Limits(max_upload_bytes=1000)))
    transport = httpx.ASGITransport(app=app)
    operations = json.dumps({"query": IMPORT, "variables": {"file": None}})
    # when
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        res = await client.post(
            "/graphql",
            data={"operations": operations, "map": json.dumps({"0": ["variables.file"]})},
            files={"0": ("bundle.zip", small_zip(), "application/zip")},
        )
    # then
    assert res.status_code == 413
