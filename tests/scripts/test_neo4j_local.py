"""The project-managed Neo4j: start, stop, status and the clear errors of its failure modes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.app import create_app
from api.settings import Mode, Secret, Settings
from schema.core.limits import Limits
from scripts.neo4j_local import Instance, Neo4jLocalError, Sizing, _is_our_java, lib_dir

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def spare(tmp_path: Path) -> Iterator[Instance]:
    """A second throwaway server in a temporary folder, always stopped afterwards."""
    inst = Instance("spare", root=tmp_path)
    yield inst
    inst.stop(wait_s=30)


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the alumni-graph command in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "scripts.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env or dict(os.environ),
        timeout=300,
        check=False,
    )


def test_start_refuses_a_port_in_use_with_one_clear_line(spare: Instance) -> None:
    # given a port somebody else listens on
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        # when / then
        with pytest.raises(Neo4jLocalError, match=f"port {port} is already in use"):
            spare.start(port=port)


def test_a_bad_setting_is_reported_in_one_message(spare: Instance) -> None:
    # when the server is given an impossible heap size
    with pytest.raises(Neo4jLocalError) as caught:
        spare.start(sizing=Sizing(heap="1x", pagecache="16m"), wait_s=60)
    # then
    assert "heap" in str(caught.value).lower()
    assert spare.state() is None


def test_a_server_that_dies_at_start_reports_its_log_tail(spare: Instance) -> None:
    # given a running server whose state file was lost (a second JVM would share its store)
    state = spare.start(sizing=Sizing(heap="256m", pagecache="32m"))
    saved = spare.state_file.read_text()
    spare.state_file.unlink()
    # when
    try:
        with pytest.raises(Neo4jLocalError) as caught:
            spare.start(sizing=Sizing(heap="256m", pagecache="32m"), wait_s=90)
    finally:
        spare.state_file.write_text(saved)
    # then: the second server gave up on the locked store and said why
    assert "exited during start-up" in str(caught.value)
    assert "lock" in str(caught.value).lower()
    assert _is_our_java(state.pid, spare.home)


def test_generated_passwords_never_look_like_an_option(tmp_path: Path) -> None:
    # given many fresh instances (a bare token starts with '-' once in 64, and then
    # `neo4j-admin dbms set-initial-password` took it for an option and the start failed)
    passwords = [Instance(f"i{n}", root=tmp_path).password() for n in range(300)]
    # then
    assert not [p for p in passwords if p.startswith("-")]
    assert len(set(passwords)) == 300


def test_missing_java_and_maven_are_named(tmp_path: Path) -> None:
    # given an empty cache folder and a PATH without java or mvn
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(ALUMNI_GRAPH_HOME=str(tmp_path), PATH=str(Path(sys.executable).parent) + ":/nonexistent")
    # when
    done = cli("neo4j", "start", env=env)
    # then
    assert done.returncode == 1
    assert done.stderr.startswith("alumni-graph: error: 'java' was not found on PATH")
    assert "Traceback" not in done.stderr


def test_start_is_skipped_when_neo4j_uri_points_elsewhere() -> None:
    # when
    done = cli("neo4j", "start", env=dict(os.environ, NEO4J_URI="bolt://db.example:7687"))
    # then
    assert done.returncode == 0
    assert "NEO4J_URI is set" in done.stdout


async def test_restart_while_serving_fails_clearly_then_recovers(spare: Instance) -> None:
    # given a running server and the API connected to it
    state = spare.start(sizing=Sizing(heap="256m", pagecache="32m"))
    settings = Settings(
        neo4j_uri=state.uri,
        neo4j_user="neo4j",
        neo4j_password=Secret(state.password),
        neo4j_database="neo4j",
        mode=Mode.PRODUCTION,
        jwt_secret=Secret("s" * 40),
        limits=Limits(),
        # generous: the first query on a just-restarted server plans from cold (slow on a busy machine)
        query_timeout_s=60,
        retry_s=1,
    )
    app = create_app(settings)
    import httpx

    async with app.router.lifespan_context(app):
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
        assert (await client.get("/healthz")).status_code == 200
        assert (await client.get("/readyz")).status_code == 503  # not migrated yet
        # when the database goes away
        pid = state.pid
        assert spare.stop(wait_s=60)
        # then: no Java process is left, readiness is red, GraphQL answers UNAVAILABLE
        assert not _is_our_java(pid, spare.home)
        assert (await client.get("/readyz")).status_code == 503
        from api.auth import TokenRequest, issue
        from schema.core.permissions import Role

        token = issue(settings, TokenRequest(role=Role.ADMIN))
        body = (
            await client.post(
                "/graphql",
                json={"query": "{ colleges(first: 1) { edges { cursor } } }"},
                headers={"Authorization": f"Bearer {token}"},
            )
        ).json()
        assert body["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
        assert "neo4j" not in body["errors"][0]["message"].lower()
        # when it comes back (same port), without restarting the API
        spare.start(port=state.bolt_port, sizing=Sizing(heap="256m", pagecache="32m"))
        body = (
            await client.post(
                "/graphql",
                json={"query": "{ colleges(first: 1) { edges { cursor } } }"},
                headers={"Authorization": f"Bearer {token}"},
            )
        ).json()
        # then
        assert body == {"data": {"colleges": {"edges": []}}}
        await client.aclose()


async def test_wrong_password_is_unavailable_not_a_traceback(connection: object) -> None:
    # given the test server with a wrong password
    from graph.core.db import ConnectionSettings

    assert isinstance(connection, ConnectionSettings)
    settings = Settings(
        neo4j_uri=connection.uri,
        neo4j_user="neo4j",
        neo4j_password=Secret("wrong"),
        neo4j_database="neo4j",
        jwt_secret=Secret("s" * 40),
    )
    app = create_app(settings)
    import httpx

    async with app.router.lifespan_context(app):
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
        # when
        ready = await client.get("/readyz")
        # then
        assert ready.status_code == 503
        await client.aclose()


def test_jars_are_cached_for_later_runs() -> None:
    # then: the pinned release was fetched once into the ignored cache folder
    assert (lib_dir().parent / ".complete").read_text() == "5.26.30"
    assert any(p.name.startswith("neo4j-kernel-5.26.30") for p in lib_dir().iterdir())
