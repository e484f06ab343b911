"""The two GraphQL servers under test, each a subprocess on a free loopback port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from graph.core.db import ConnectionSettings
from scripts.bench.errors import BenchError

ROOT = Path(__file__).resolve().parents[2]
PEER_DIR = ROOT / "bench" / "peer"


@dataclass
class Server:
    """A running server: where it answers, its process and its log file."""

    name: str
    base_url: str
    proc: subprocess.Popen[bytes]
    log: Path

    @property
    def graphql_url(self) -> str:
        """The GraphQL endpoint."""
        return self.base_url + "/graphql"

    def running(self) -> bool:
        """True while the process has not exited."""
        return self.proc.poll() is None

    def stop(self, wait_s: float = 20.0) -> None:
        """SIGTERM, then SIGKILL after `wait_s`; always reaps the process."""
        if self.running():
            self.proc.terminate()
            try:
                self.proc.wait(timeout=wait_s)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=wait_s)

    def log_tail(self, lines: int = 20) -> str:
        """The last lines the server wrote."""
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def neo4j_env(conn: ConnectionSettings) -> dict[str, str]:
    """The NEO4J_* variables both servers read."""
    return {
        "NEO4J_URI": conn.uri,
        "NEO4J_USER": conn.user,
        "NEO4J_PASSWORD": conn.password,
        "NEO4J_DATABASE": conn.database,
    }


def _spawn(name: str, cmd: list[str], env: dict[str, str], cwd: Path, log: Path, port: int) -> Server:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    return Server(name, f"http://127.0.0.1:{port}", proc, log)


def start_ours(conn: ConnectionSettings, secret: str, log_dir: Path) -> Server:
    """`alumni-graph serve` in production mode; ready once /readyz says so."""
    port = free_port()
    env = dict(os.environ) | neo4j_env(conn)
    env |= {"ALUMNI_GRAPH_JWT_SECRET": secret, "ALUMNI_GRAPH_MODE": "production"}
    cmd = [sys.executable, "-m", "scripts.cli", "serve", "--port", str(port)]
    server = _spawn("ours", cmd, env, ROOT, log_dir / "ours.log", port)
    wait_ready(server, "/readyz")
    return server


def start_peer(conn: ConnectionSettings, log_dir: Path) -> Server:
    """The Neo4j GraphQL Library server of bench/peer (installed with `ensure_peer`)."""
    port = free_port()
    env = dict(os.environ) | neo4j_env(conn) | {"PORT": str(port)}
    node = shutil.which("node")
    if node is None:
        raise BenchError(
            "'node' was not found on PATH: install Node.js 20+ (Debian: apt-get install nodejs npm)"
        )
    server = _spawn("peer", [node, "server.mjs"], env, PEER_DIR, log_dir / "peer.log", port)
    wait_ready(server, "/healthz")
    return server


def wait_ready(server: Server, path: str, timeout_s: float = 60.0) -> None:
    """Poll `path` until it answers 200; BenchError (with the log tail) if the server exits or stalls."""
    deadline = time.monotonic() + timeout_s
    last = "no answer"
    while time.monotonic() < deadline:
        if not server.running():
            raise BenchError(f"the {server.name} server exited during start-up:\n{server.log_tail()}")
        try:
            res = httpx.get(server.base_url + path, timeout=2.0)
            if res.status_code == 200:
                return
            last = f"{res.status_code} {res.text[:200]}"
        except httpx.HTTPError as exc:
            last = type(exc).__name__
        time.sleep(0.2)
    server.stop()
    raise BenchError(
        f"the {server.name} server was not ready within {timeout_s:.0f}s (GET {path}: {last}):\n"
        + server.log_tail(8)
    )


def ensure_peer(quiet: bool = True) -> None:
    """Install the peer's pinned packages with `npm ci` when missing or older than the lock file."""
    modules = PEER_DIR / "node_modules"
    stamp = modules / ".package-lock.json"
    lock = PEER_DIR / "package-lock.json"
    if (
        (modules / "@neo4j" / "graphql").is_dir()
        and stamp.exists()
        and stamp.stat().st_mtime >= lock.stat().st_mtime
    ):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise BenchError(
            "'npm' was not found on PATH: install Node.js 20+ and npm (Debian: apt-get install nodejs npm)"
        )
    cmd = [npm, "ci", "--no-audit", "--no-fund"] + (["--silent"] if quiet else [])
    done = subprocess.run(cmd, cwd=PEER_DIR, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-15:])
        raise BenchError(f"`npm ci` in {PEER_DIR} failed:\n{tail}")
