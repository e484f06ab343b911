"""A project-managed Neo4j Community 5.26 server, fetched from Maven Central and run from its jars."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

NEO4J_VERSION = "5.26.30"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.server.startup.Neo4jAdminCommand"

# JVM options of Neo4j's own launcher (Bootloader) and of the neo4j.conf it ships: the module
# flags are the ones `ConfigFileMigrator` adds to every 5.x config; the rest are its defaults.
JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=262144",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)

POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.alumni-graph</groupId>
  <artifactId>neo4j-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId>
      <artifactId>neo4j</artifactId>
      <version>{version}</version>
    </dependency>
  </dependencies>
</project>
"""


class Neo4jLocalError(Exception):
    """A problem the user can act on; its message is one clear line (plus a log tail)."""


@dataclass
class Sizing:
    """Memory for one server; tests keep it small, benchmarks may raise it."""

    heap: str = "512m"
    pagecache: str = "256m"


@dataclass
class State:
    """What a running instance left behind for `status`, `stop` and `env`."""

    pid: int
    bolt_port: int
    password: str
    home: str

    @property
    def uri(self) -> str:
        """The Bolt address of the instance."""
        return f"bolt://127.0.0.1:{self.bolt_port}"


def project_root() -> Path:
    """Where caches and instances live: $ALUMNI_GRAPH_HOME or the source checkout."""
    env = os.environ.get("ALUMNI_GRAPH_HOME")
    return Path(env).resolve() if env else Path(__file__).resolve().parents[1]


def lib_dir() -> Path:
    """The cached jars of the pinned Neo4j release."""
    return project_root() / ".cache" / "neo4j" / NEO4J_VERSION / "lib"


def fetch(quiet: bool = True) -> Path:
    """Resolve Neo4j and its runtime dependencies with Maven into the cache; reused afterwards."""
    lib = lib_dir()
    marker = lib.parent / ".complete"
    if marker.exists():
        return lib
    for tool in ("java", "mvn"):
        if shutil.which(tool) is None:
            raise Neo4jLocalError(
                f"'{tool}' was not found on PATH: install Java 17 and Maven "
                "(Debian: apt-get install openjdk-17-jre-headless maven), or set NEO4J_URI "
                "to use another Neo4j."
            )
    lib.parent.mkdir(parents=True, exist_ok=True)
    pom = lib.parent / "pom.xml"
    pom.write_text(POM.format(version=NEO4J_VERSION), encoding="utf-8")
    cmd = [
        "mvn",
        "-B",
        "-f",
        str(pom),
        "dependency:copy-dependencies",
        f"-DoutputDirectory={lib}",
        "-DincludeScope=runtime",
    ]
    if quiet:
        cmd.insert(2, "-q")
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, check=False)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-15:])
        raise Neo4jLocalError(f"Maven could not fetch Neo4j {NEO4J_VERSION}:\n{tail}")
    marker.write_text(NEO4J_VERSION, encoding="utf-8")
    return lib


class Instance:
    """One named server (`dev`, `test`, `bench`) with its own folders, ports and password."""

    def __init__(self, name: str = "dev", root: Path | None = None) -> None:
        self.name = name
        self.home = (root or project_root() / ".neo4j") / name
        self.state_file = self.home / "state.json"
        self.password_file = self.home / "password"
        self.log_file = self.home / "logs" / "console.log"

    # -- state ---------------------------------------------------------------------------
    def state(self) -> State | None:
        """The recorded state if its process is alive and is our Neo4j, else None."""
        try:
            raw = json.loads(self.state_file.read_text(encoding="utf-8"))
            state = State(**raw)
        except (OSError, ValueError, TypeError):
            return None
        return state if _is_our_java(state.pid, self.home) else None

    def password(self) -> str:
        """The generated password, created once per instance and kept with its data."""
        if self.password_file.exists():
            return self.password_file.read_text(encoding="utf-8").strip()
        self.home.mkdir(parents=True, exist_ok=True)
        # `neo4j-admin dbms set-initial-password` reads a leading '-' as an option (1 in 64 tokens).
        value = "p" + secrets.token_urlsafe(24)
        self.password_file.write_text(value, encoding="utf-8")
        self.password_file.chmod(0o600)
        return value

    # -- lifecycle -----------------------------------------------------------------------
    def start(
        self,
        *,
        port: int | None = None,
        sizing: Sizing | None = None,
        wait_s: float = 120.0,
        fresh: bool = False,
    ) -> State:
        """Start (or find running) and wait until Bolt answers; never waits past `wait_s`."""
        running = self.state()
        if running and not fresh:
            return running
        if running:
            self.stop()
        if fresh and self.home.exists():
            shutil.rmtree(self.home)
        lib = fetch()
        _check_java()
        bolt_port = _choose_port(port, self._preferred_port())
        password = self.password()
        self._write_config(bolt_port, sizing or Sizing())
        (self.home / "bolt-port").write_text(str(bolt_port), encoding="utf-8")
        if not (self.home / "data" / "dbms" / "auth.ini").exists():
            self._set_initial_password(lib, password)
        pid = self._launch(lib, sizing or Sizing())
        state = State(pid=pid, bolt_port=bolt_port, password=password, home=str(self.home))
        self.state_file.write_text(json.dumps(asdict(state)), encoding="utf-8")
        self._wait_until_ready(pid, state, wait_s)
        return state

    def _preferred_port(self) -> int | None:
        """The port used last time (stable `neo4j env` output), or 7687 for the dev instance."""
        try:
            return int((self.home / "bolt-port").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return 7687 if self.name == "dev" else None

    def stop(self, wait_s: float = 60.0) -> bool:
        """Shut the server down cleanly (SIGTERM, then SIGKILL after `wait_s`). True if it ran."""
        state = self.state()
        if state is None:
            self.state_file.unlink(missing_ok=True)
            return False
        _terminate(state.pid, wait_s)
        self.state_file.unlink(missing_ok=True)
        return True

    # -- internals -----------------------------------------------------------------------
    def _write_config(self, bolt_port: int, sizing: Sizing) -> None:
        for sub in ("conf", "data", "logs", "run", "plugins", "import"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        h = self.home
        lines = [
            "# Written by alumni-graph; regenerated on every start.",
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{bolt_port}",
            f"server.bolt.advertised_address=127.0.0.1:{bolt_port}",
            "server.http.enabled=false",
            "server.https.enabled=false",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            f"server.memory.heap.initial_size={sizing.heap}",
            f"server.memory.heap.max_size={sizing.heap}",
            f"server.memory.pagecache.size={sizing.pagecache}",
            "db.tx_log.rotation.retention_policy=2 files",
            "db.transaction.timeout=60s",
            "server.bolt.connection_keep_alive_for_requests=OFF",
            f"server.directories.data={h / 'data'}",
            f"server.directories.logs={h / 'logs'}",
            f"server.directories.run={h / 'run'}",
            f"server.directories.plugins={h / 'plugins'}",
            f"server.directories.import={h / 'import'}",
        ]
        (h / "conf" / "neo4j.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(self.home)
        env["NEO4J_CONF"] = str(self.home / "conf")
        return env

    def _set_initial_password(self, lib: Path, password: str) -> None:
        cmd = ["java", "-cp", f"{lib}/*", ADMIN_CLASS, "dbms", "set-initial-password", password]
        done = subprocess.run(cmd, env=self._env(), capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise Neo4jLocalError(f"could not set the initial password: {done.stderr.strip()[-500:]}")

    def _launch(self, lib: Path, sizing: Sizing) -> int:
        cmd = [
            "java",
            "-cp",
            f"{self.home / 'conf'}:{lib}/*",
            *JVM_OPTIONS,
            f"-Xms{sizing.heap}",
            f"-Xmx{sizing.heap}",
            MAIN_CLASS,
            f"--home-dir={self.home}",
            f"--config-dir={self.home / 'conf'}",
            "--console-mode",
        ]
        log_fd = os.open(self.log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            # Its own session: the server outlives this command and is stopped by `neo4j stop`.
            return os.posix_spawnp(
                "java",
                cmd,
                self._env(),
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_DUP2, log_fd, 1),
                    (os.POSIX_SPAWN_DUP2, log_fd, 2),
                ],
                setsid=True,
            )
        finally:
            os.close(log_fd)

    def _wait_until_ready(self, pid: int, state: State, wait_s: float) -> None:
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if not _alive(pid):
                self.state_file.unlink(missing_ok=True)
                raise Neo4jLocalError("Neo4j exited during start-up; last log lines:\n" + self.log_tail())
            if _port_open(state.bolt_port) and "Started." in self.log_tail(400):
                return
            time.sleep(0.5)
        _terminate(pid, 20)
        self.state_file.unlink(missing_ok=True)
        raise Neo4jLocalError(
            f"Neo4j did not answer on port {state.bolt_port} within {wait_s:.0f}s; "
            "last log lines:\n" + self.log_tail()
        )

    def log_tail(self, lines: int = 25) -> str:
        """The last lines Neo4j wrote to its console log."""
        try:
            text = self.log_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log yet)"
        return "\n".join(text.splitlines()[-lines:])


def _check_java() -> None:
    if shutil.which("java") is None:
        raise Neo4jLocalError("'java' was not found on PATH: install Java 17 (or set NEO4J_URI).")
    out = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False).stderr
    first = out.splitlines()[0] if out else ""
    if '"1.' in first or '"11' in first:
        raise Neo4jLocalError(f"Neo4j 5.26 needs Java 17 or newer; found: {first}")


def _choose_port(port: int | None, preferred: int | None) -> int:
    if port:
        if _port_open(port):
            raise Neo4jLocalError(f"port {port} is already in use: free it or pick another port")
        return port
    if preferred and not _port_open(preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _is_our_java(pid: int, home: Path) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False
    return MAIN_CLASS in cmdline and f"--home-dir={home}" in cmdline


def _terminate(pid: int, wait_s: float) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.3)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return


def _alive(pid: int) -> bool:
    with contextlib.suppress(ChildProcessError):  # reap it if it is our own child that exited
        os.waitpid(pid, os.WNOHANG)
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.split(")")[-1].split()[0] != "Z"
