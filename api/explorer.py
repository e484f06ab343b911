"""The explorer web page at /explore (built assets of explorer/), and GraphiQL for browsers."""

from __future__ import annotations

from pathlib import Path

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.settings import Settings

# Everything the pages load comes from this server: the browser refuses anything else.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
NOT_BUILT = "The explorer is not built: run ./scripts/run (or `npm ci && npm run build` in explorer/).\n"
GRAPHIQL_PATH = "/explore/graphiql/"


def explorer_dir(settings: Settings) -> Path:
    """Where the built explorer is: ALUMNI_GRAPH_EXPLORER_DIR, or explorer/dist in the project."""
    if settings.explorer_dir:
        return Path(settings.explorer_dir)
    return Path(__file__).resolve().parent.parent / "explorer" / "dist"


class ExplorerFiles:
    """The built files, with a strict Content-Security-Policy; pages revalidate, hashed assets last."""

    def __init__(self, directory: Path) -> None:
        self.files = StaticFiles(directory=directory, html=True, check_dir=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve a file, adding the security and caching headers."""
        immutable = scope["path"].startswith("/explore/assets/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = CSP
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                headers["Cache-Control"] = "public, max-age=31536000, immutable" if immutable else "no-cache"
            await send(message)

        await self.files(scope, receive, send_with_headers)


async def not_built(request: Request) -> Response:
    """503 with one line saying how to build the explorer."""
    return PlainTextResponse(NOT_BUILT, status_code=503)


async def to_explorer(request: Request) -> Response:
    """/explore → /explore/."""
    return RedirectResponse("/explore/", status_code=308)


def explorer_routes(settings: Settings) -> list[BaseRoute]:
    """Routes for /explore: the built files, or a 503 that says to build them."""
    directory = explorer_dir(settings)
    if (directory / "index.html").is_file():
        app: ASGIApp = ExplorerFiles(directory)
        return [Route("/explore", to_explorer), Mount("/explore", app=app, name="explorer")]
    return [Route("/explore", not_built), Route("/explore/{path:path}", not_built)]


class BrowserIde:
    """In development, a browser opening /graphql (GET, HTML wanted, no query) gets the offline GraphiQL."""

    def __init__(self, app: ASGIApp, enabled: bool) -> None:
        self.app = app
        self.enabled = enabled

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Redirect browsers to the bundled GraphiQL; pass everything else on."""
        if self.enabled and scope["type"] == "http" and scope["method"] == "GET":
            headers = Headers(scope=scope)
            wants_html = "text/html" in headers.get("accept", "")
            if wants_html and b"query=" not in scope.get("query_string", b""):
                await RedirectResponse(GRAPHIQL_PATH, status_code=307)(scope, receive, send)
                return
        await self.app(scope, receive, send)
