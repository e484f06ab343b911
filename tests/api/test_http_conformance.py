"""The graphql-http audit suite (npm `graphql-http`) against the live server: no MUST may fail."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.auth import TokenRequest, issue
from api.settings import Settings
from graph.core.db import ConnectionSettings
from schema.core.permissions import Role
from tests.conftest import TEST_SECRET

ROOT = Path(__file__).resolve().parents[2]
AUDIT = ROOT / "tests" / "conformance"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live_server(connection: ConnectionSettings) -> Iterator[str]:
    """`alumni-graph serve` in production mode on a free loopback port."""
    port = free_port()
    env = dict(
        os.environ,
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        NEO4J_DATABASE=connection.database,
        ALUMNI_GRAPH_JWT_SECRET=TEST_SECRET,
        ALUMNI_GRAPH_MODE="production",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "scripts.cli", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield url + "/graphql"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_no_must_of_the_graphql_over_http_spec_fails(live_server: str, settings: Settings) -> None:
    # given an installed audit suite (./scripts/test runs `npm ci` in tests/conformance)
    assert (AUDIT / "node_modules" / "graphql-http").is_dir(), "run `npm ci` in tests/conformance"
    token = issue(settings, TokenRequest(role=Role.ADMIN, subject="audit"))
    # when
    done = subprocess.run(
        ["node", str(AUDIT / "audit.mjs"), live_server],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, AUDIT_TOKEN=token),
        check=True,
    )
    results = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    # then
    failures = [r for r in results if r["status"] == "error"]
    assert len(results) > 40
    assert failures == []
    musts = [r for r in results if r["name"].startswith("MUST")]
    assert all(r["status"] == "ok" for r in musts)
