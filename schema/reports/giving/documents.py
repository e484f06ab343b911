"""The fund's yearly PDF for the HTTP route: the roles, checks and scope of the fundReport field."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

from graph.core.db import Database
from graph.reports.documents import fund_document
from graph.reports.pdf import fund_pdf
from schema.core.errors import bad_input
from schema.core.permissions import Principal, admit
from schema.core.relay import expect_id
from schema.reports.giving.queries import GIVING_ROLES, report_year


@dataclass(frozen=True)
class Attachment:
    """A rendered document and the file name to offer it under."""

    filename: str
    content: bytes


def year_of(raw: str | None) -> int:
    """A year sent as text (a query parameter), checked as fundReport checks its `year`."""
    if raw is None or not re.fullmatch(r"[0-9]{1,4}", raw.strip()):
        raise bad_input("year must be a calendar year, e.g. year=2025")
    return report_year(int(raw))


async def fund_report_pdf(
    db: Database, principal: Principal | None, fund: str | None, year: str | None
) -> Attachment:
    """The PDF of a fund's year for this caller. As fundReport: UNAUTHENTICATED or FORBIDDEN first,
    then BAD_USER_INPUT for the year or ID; NotFound when the fund is unknown or out of scope."""
    caller = admit(principal, GIVING_ROLES)
    checked, fund_id = year_of(year), expect_id(fund or "", "Fund")
    doc = await fund_document(db, caller.scope(), fund_id, checked)
    content = await asyncio.to_thread(fund_pdf, doc)  # rendering takes tens of milliseconds
    return Attachment(f"fund-{doc.code}-{checked}.pdf", content)
