"""GET /reports/fund.pdf: a fund's yearly report to its donors, for the bearer of a giving token.

The route answers as the fundReport field would (same roles, same scope); its errors have the
GraphQL shape, `{"errors": [{"message", "extensions": {"code"}}]}`, with the matching HTTP status.
"""

from __future__ import annotations

import logging
import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.auth import principal
from api.errors import error_response
from graph.core.errors import GraphError
from schema.core.admission import Admission, Busy
from schema.core.errors import ApiError, ErrorCode
from schema.core.extensions import graph_code
from schema.reports.giving.documents import fund_report_pdf

log = logging.getLogger("alumni_graph.api")

# Personal data: neither the browser nor a proxy keeps the answer.
PRIVATE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def error(code: ErrorCode, message: str, retry_after_s: int | None = None) -> JSONResponse:
    """An error response in the GraphQL errors shape, with the code's HTTP status."""
    headers = dict(PRIVATE)
    if code is ErrorCode.UNAUTHENTICATED:
        headers["WWW-Authenticate"] = "Bearer"
    if retry_after_s is not None:
        headers["Retry-After"] = str(retry_after_s)
    return error_response(code, message, headers)


async def fund_pdf(request: Request) -> Response:
    """The PDF of `?fund=<Fund ID>&year=<year>` as an attachment, or a coded JSON error."""
    caller = principal(request.app.state.settings, request.headers.get("authorization"))
    fund, year = request.query_params.get("fund"), request.query_params.get("year")
    admission: Admission = request.app.state.admission
    try:
        if caller is None:  # refused at once, without waiting for a slot
            pdf = await fund_report_pdf(request.app.state.db, caller, fund, year)
        else:
            async with admission.admit("fundReport"):  # a heavy read, as the fundReport field is
                pdf = await fund_report_pdf(request.app.state.db, caller, fund, year)
    except Busy as busy:
        return error(busy.code, busy.message, busy.retry_after_s)
    except ApiError as exc:
        return error(exc.code, exc.message)
    except GraphError as exc:
        code = graph_code(exc)
        if code is ErrorCode.INTERNAL:
            log.error("the fund PDF failed", exc_info=exc)
            return error(code, "internal error")
        return error(code, str(exc))
    except Exception:  # never a traceback to the client
        log.exception("the fund PDF failed")
        return error(ErrorCode.INTERNAL, "internal error")
    disposition = f"attachment; filename={_UNSAFE.sub('_', pdf.filename)}"
    return Response(
        pdf.content, media_type="application/pdf", headers={**PRIVATE, "Content-Disposition": disposition}
    )
