"""GET /reports/fund.pdf: the fund's yearly PDF over HTTP, with the roles and scope of fundReport."""

from __future__ import annotations

import base64
import re
import zlib

import httpx

from graph.core.db import Database
from graph.core.scope import FULL
from graph.giving.gifts import record
from schema.core.permissions import Role
from schema.core.relay import to_global_id
from tests.conftest import Api
from tests.graph.reports.test_giving_reports import gift, given_history

FUND = to_global_id("Fund", "f")
_STREAM = re.compile(rb"stream\r?\n(.*?~>)\s*endstream", re.S)
_UCS2_FONT = re.compile(rb"/Encoding /UniGB-UCS2-H /Name /(\w+)")
_TEXT = re.compile(rb"/(\w+) [0-9.]+ Tf|\(((?:\\.|[^\\)])*)\)", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_NAMED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def page_text(pdf: bytes) -> str:
    """The text drawn on the pages: the content streams (ASCII85 + Flate, as reportlab writes them),
    their strings unescaped, read as UCS-2 in the Chinese CID font and as Latin-1 in the others."""

    def unescape(m: re.Match[bytes]) -> bytes:
        e = m.group(1)
        return bytes([int(e, 8)]) if e[:1].isdigit() else _NAMED.get(e, e)

    wide, font, parts = set(_UCS2_FONT.findall(pdf)), b"", []
    for stream in _STREAM.findall(pdf):
        content = zlib.decompress(base64.a85decode(stream, adobe=True))
        for m in _TEXT.finditer(content):
            if m.group(1) is not None:
                font = m.group(1)
                continue
            raw = _ESCAPE.sub(unescape, m.group(2))
            parts.append(raw.decode("utf-16-be" if font in wide else "latin-1"))
    return " ".join(parts)


async def get_pdf(api: Api, role: Role | None = Role.ADMIN, /, **params: str | None) -> httpx.Response:
    """GET the route with a token of the role (none for None); `fund` and `year` default to f, 2025."""
    given = {"fund": FUND, "year": "2025"} | {k: v for k, v in params.items() if k in ("fund", "year")}
    query = {k: v for k, v in given.items() if v is not None}
    scope = {k: v for k, v in params.items() if k not in ("fund", "year")}
    headers = {"Authorization": f"Bearer {api.token(role, **scope)}"} if role else {}
    return await api.client.get("/reports/fund.pdf", params=query, headers=headers)


def code_of(res: httpx.Response) -> str:
    """The error code of a JSON error answer (the GraphQL errors shape)."""
    assert res.headers["content-type"].startswith("application/json")
    assert res.headers["cache-control"] == "no-store"
    errors = res.json()["errors"]
    assert len(errors) == 1 and errors[0]["message"]
    code: str = errors[0]["extensions"]["code"]
    return code


async def test_the_office_downloads_the_year_as_a_pdf_with_anonymous_donors_unnamed(
    api: Api, db: Database
) -> None:
    # given
    await given_history(db)
    # when
    res = await get_pdf(api, Role.ADMIN)
    # then
    assert res.status_code == 200
    assert res.headers["content-type"] == "application/pdf"
    assert res.headers["content-disposition"] == "attachment; filename=fund-CS-DEV-2025.pdf"
    assert res.headers["cache-control"] == "no-store"
    assert res.content.startswith(b"%PDF") and b"CS-DEV" in res.content
    text = page_text(res.content)
    assert "计算机发展基金 2025 年度捐赠报告" in text and "计算机发展基金 (CS-DEV)" in text
    assert "9924.20" in text  # received in 2025, as fundReport says
    assert "王氏科技" in text and "7123.45" in text
    assert "匿名 Anonymous" in text and "李" not in text  # 李's 2025 gift was anonymous


async def test_a_fundraiser_and_the_funds_college_officer_get_it_other_colleges_do_not(
    api: Api, db: Database
) -> None:
    # given
    await given_history(db)
    # when
    fundraiser = await get_pdf(api, Role.FUNDRAISER)
    officer = await get_pdf(api, Role.COLLEGE_OFFICER, college="CS")
    outsider = await get_pdf(api, Role.COLLEGE_OFFICER, college="EE")
    # then
    assert fundraiser.status_code == 200 and fundraiser.content.startswith(b"%PDF")
    assert officer.status_code == 200 and officer.content.startswith(b"%PDF")
    assert outsider.status_code == 404 and code_of(outsider) == "NOT_FOUND"


async def test_the_officer_sees_no_name_of_an_alumnus_outside_their_view(api: Api, db: Database) -> None:
    # given: 孙 (no class of CS, not in the directory) gives to the CS fund in 2025
    await given_history(db)
    await db.write(lambda tx: record(tx, gift("GIFT", "G9", "42.00", "2025-07-07", donor="sun"), FULL))
    # when
    office = page_text((await get_pdf(api, Role.ADMIN)).content)
    officer = page_text((await get_pdf(api, Role.COLLEGE_OFFICER, college="CS")).content)
    # then: as fundReport's stewardship list shows them
    assert "孙" in office
    assert "孙" not in officer and "未显示 Not shown" in officer and "42.00" in officer
    assert "王氏科技" in officer


async def test_roles_without_giving_data_are_refused_and_tokens_required(api: Api, db: Database) -> None:
    # given
    await given_history(db)
    # when
    alumnus = await get_pdf(api, Role.ALUMNUS, alumnus="wang")
    organizer = await get_pdf(api, Role.CHAPTER_ORGANIZER, chapter="CS-CH")
    anonymous = await get_pdf(api, None)
    forged = await api.client.get(
        "/reports/fund.pdf", params={"fund": FUND, "year": "2025"}, headers={"Authorization": "Bearer x.y.z"}
    )
    # then
    assert alumnus.status_code == 403 and code_of(alumnus) == "FORBIDDEN"
    assert organizer.status_code == 403 and code_of(organizer) == "FORBIDDEN"
    assert anonymous.status_code == 401 and code_of(anonymous) == "UNAUTHENTICATED"
    assert forged.status_code == 401 and code_of(forged) == "UNAUTHENTICATED"
    assert anonymous.headers["www-authenticate"] == "Bearer"


async def test_bad_years_and_ids_are_400_unknown_funds_404(api: Api, db: Database) -> None:
    # given
    await given_history(db)
    # when
    answers = {
        "no year": await get_pdf(api, year=None),
        "words": await get_pdf(api, year="last"),
        "negative": await get_pdf(api, year="-1"),
        "out of range": await get_pdf(api, year="1066"),
        "not an ID": await get_pdf(api, fund="%%%"),
        "no fund": await get_pdf(api, fund=None),
        "a college's ID": await get_pdf(api, fund=to_global_id("College", "cs")),
    }
    unknown = await get_pdf(api, fund=to_global_id("Fund", "nope"))
    # then
    assert {k: (r.status_code, code_of(r)) for k, r in answers.items()} == dict.fromkeys(
        answers, (400, "BAD_USER_INPUT")
    )
    assert unknown.status_code == 404 and code_of(unknown) == "NOT_FOUND"
