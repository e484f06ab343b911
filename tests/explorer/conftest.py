"""The explorer against the real server: the demo bundle in the test Neo4j, uvicorn on a free
loopback port, and Debian's Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.async_api import BrowserContext, Page, async_playwright, expect

from api.auth import TokenRequest, issue
from api.explorer import explorer_dir
from api.settings import Mode, Settings
from graph.bundle.importer import import_bundle
from graph.core.db import ConnectionSettings, Database
from schema.core.permissions import Role
from scripts.cli import DEMO_DIR
from tests.conftest import TEST_SECRET, wipe

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "out" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
# Two cores are shared with Neo4j and the server: give the page time.
expect.set_options(timeout=20_000)


def demo_rows(name: str) -> list[dict[str, str]]:
    """Rows of one CSV file of the demo bundle."""
    with (DEMO_DIR / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Server:
    """The running app: its base URL and a way to mint tokens it accepts."""

    base: str
    settings: Settings

    def token(self, role: Role, **scope: str) -> str:
        """A token signed with the server's secret."""
        req = TokenRequest(role=role, subject=f"e2e-{role.value.lower()}", **scope)  # type: ignore[arg-type]
        return issue(self.settings, req)


@dataclass
class Requests:
    """Every URL the browser asked for during the module."""

    urls: list[str] = field(default_factory=list)

    def external(self) -> list[str]:
        """URLs that went anywhere but this machine's loopback."""
        out = []
        for url in self.urls:
            parts = urlsplit(url)
            if parts.scheme in {"data", "blob", "about"}:
                continue
            if parts.hostname not in LOCAL_HOSTS:
                out.append(url)
        return out


@pytest.fixture(scope="module")
async def demo_loaded(session_db: Database) -> Database:
    """The demo bundle imported into a clean test database."""
    await wipe(session_db)
    report = await import_bundle(session_db, DEMO_DIR)
    assert report.rejected == 0
    return session_db


@pytest.fixture(scope="module")
def server(demo_loaded: Database, connection: ConnectionSettings, settings: Settings) -> Iterator[Server]:
    """uvicorn serving the app (development mode, so GraphiQL is on) on a free loopback port."""
    assert (explorer_dir(settings) / "index.html").is_file(), (
        "explorer/dist is not built: ./scripts/test builds it (or `npm ci && npm run build` in explorer/)"
    )
    port = free_port()
    env = {
        **os.environ,
        "NEO4J_URI": connection.uri,
        "NEO4J_USER": connection.user,
        "NEO4J_PASSWORD": connection.password,
        "NEO4J_DATABASE": connection.database,
        "ALUMNI_GRAPH_JWT_SECRET": TEST_SECRET,
        "ALUMNI_GRAPH_MODE": Mode.DEVELOPMENT.value,
    }
    cmd = [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, "the server exited while starting"
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not become ready in 60 s"
            time.sleep(0.3)
        yield Server(base=base, settings=settings)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def requests_seen() -> Requests:
    """The browser's request log for the module."""
    return Requests()


@pytest.fixture(scope="module")
async def browser(
    server: Server, requests_seen: Requests, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[BrowserContext]:
    """Debian's Chromium, headless, with a fresh profile; every request is logged."""
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: ./scripts/test installs it with apt-get"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as pw:
        context = await pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            accept_downloads=True,
            locale="zh-CN",
            viewport={"width": 1366, "height": 860},
        )
        context.on("request", lambda request: requests_seen.urls.append(request.url))
        context.set_default_timeout(20_000)
        try:
            yield context
        finally:
            await context.close()


@pytest.fixture
async def page(browser: BrowserContext) -> AsyncIterator[Page]:
    """A new tab (its own sessionStorage: signed out)."""
    tab = await browser.new_page()
    try:
        yield tab
    finally:
        await tab.close()


async def sign_in(page: Page, server: Server, token: str) -> None:
    """Open the explorer and sign in with a token."""
    await page.goto(f"{server.base}/explore/")
    await page.fill("#token", token)
    await page.click("button[type=submit]")
    await page.wait_for_selector("#signout")


async def shot(page: Page, name: str) -> None:
    """Save a screenshot of the page as a test artefact (out/screenshots is git-ignored)."""
    await page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)
