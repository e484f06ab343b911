"""The newcomer path, as a new user takes it: run by ./scripts/test beside the suite (CI fails with it).

1. A fresh virtual environment with the runtime dependencies only (`pip install -c constraints.txt
   .`, no extras): `alumni-graph --help` and every subcommand's `--help` exit 0 (the subcommands
   are read from the parser, so new ones are covered), and `bench` says in one line what it lacks.
2. `./scripts/run` from a clean clone of the committed tree (its own .venv, .cache and .neo4j, a
   free PORT): `/readyz` answers 200, the ADMIN token it printed reads five demo alumni, and on
   SIGTERM (to the script) and on SIGINT (to its process group, as Ctrl-C sends it) it stops with
   no process of its own left: neither the API nor its Neo4j's Java.

Stdlib only; `python -m tests.newcomer.check` from the checkout. Exit 0 when all holds, 1 otherwise
(the run's log is printed then). ALUMNI_GRAPH_NEWCOMER_KEEP=1 keeps the temporary folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[2]
READY_S = 1200.0  # a first run installs packages and fetches Neo4j; CI caches may be empty
STOP_S = 120.0
RETRIES = 4  # the first query after a start may pass the 15 s statement timeout on a loaded machine
JWT = re.compile(r"\beyJ[\w-]+\.[\w-]+\.[\w-]+\b")
ALUMNI = "{ alumni(first: 5) { nodes { externalId name } } }"
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", ".neo4j", ".cache", "node_modules", "out", "__pycache__"
)

_LIST_SUBCOMMANDS = """
import argparse
from scripts.cli import build_parser
for action in build_parser()._actions:
    if isinstance(action, argparse._SubParsersAction):
        print("\\n".join(action.choices))
"""


class Failed(Exception):
    """The newcomer path is broken; the message says where."""


def say(message: str) -> None:
    """One progress line, with the time since the start."""
    print(f"newcomer [{time.monotonic() - STARTED:6.1f}s] {message}", flush=True)


STARTED = time.monotonic()


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 900) -> str:
    """Run a command to completion; Failed (with its output) when it exits non-zero."""
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise Failed(f"`{' '.join(cmd)}` exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return done.stdout


# -- the committed tree ------------------------------------------------------------------------
def clean_clone(dest: Path) -> None:
    """A clone of the checkout's HEAD (what is committed, nothing else); a plain copy without git."""
    git = ["git", "-c", "safe.directory=*"]
    try:
        head = run([*git, "rev-parse", "HEAD"], ROOT).strip()
        run([*git, "clone", "-q", "--no-checkout", str(ROOT), str(dest)], ROOT)
        run([*git, "checkout", "-q", "--detach", head], dest)
        say(f"cloned {head[:10]} into {dest}")
    except (Failed, FileNotFoundError) as exc:
        say(f"no git clone possible ({str(exc).splitlines()[0]}): copying the tree instead")
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(ROOT, dest, ignore=COPY_IGNORE, symlinks=True)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user who has never used the project: none of ours, no dev venv on PATH."""
    ours = str(ROOT / ".venv")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NEO4J_", "ALUMNI_GRAPH_")) and k not in ("VIRTUAL_ENV", "PYTHONPATH")
    }
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(ours))
    return {**env, **extra}


# -- 1. runtime dependencies only -----------------------------------------------------------------
def check_runtime_install(work: Path, source: Path) -> None:
    """Every `--help` works in a venv holding only the runtime dependencies."""
    venv = work / "runtime-venv"
    env = clean_env()
    run([os.environ.get("PYTHON", "python3"), "-m", "venv", str(venv)], work, env)
    pip = [str(venv / "bin/python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    run([*pip, "-c", str(source / "constraints.txt"), str(source)], work, env, timeout=1200)
    say("runtime-only venv installed (pip install -c constraints.txt .)")
    cli = str(venv / "bin/alumni-graph")
    subcommands = run([str(venv / "bin/python"), "-c", _LIST_SUBCOMMANDS], work, env).split()
    if len(subcommands) < 10:
        raise Failed(f"the parser lists too few subcommands: {subcommands}")
    for args in [["--help"], *[[name, "--help"] for name in subcommands]]:
        run([cli, *args], work, env, timeout=60)
    say(f"`alumni-graph --help` and {len(subcommands)} subcommands' --help exit 0: {' '.join(subcommands)}")
    has_httpx = run(
        [str(venv / "bin/python"), "-c", "import importlib.util as u; print(bool(u.find_spec('httpx')))"],
        work,
        env,
    )
    if has_httpx.strip() == "False":
        done = subprocess.run(
            [cli, "bench"], cwd=work, env=env, capture_output=True, text=True, timeout=60, check=False
        )
        lines = done.stderr.splitlines()
        if done.returncode != 1 or len(lines) != 1 or "httpx" not in lines[0]:
            raise Failed(
                f"`alumni-graph bench` without httpx: exit {done.returncode}, stderr {done.stderr!r}"
            )
        say(f"`alumni-graph bench` without httpx: {lines[0]}")


# -- 2. ./scripts/run -------------------------------------------------------------------------------
def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http(url: str, body: dict[str, object] | None = None, token: str | None = None) -> tuple[int, str]:
    """Status and text of a GET (or a JSON POST); (0, reason) when nothing answers."""
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 (loopback http only)
    try:
        with urllib.request.urlopen(request, timeout=30) as res:  # noqa: S310
            return int(res.status), res.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")
    except (OSError, urllib.error.URLError) as exc:
        return 0, str(exc)


def processes() -> dict[int, tuple[int, str]]:
    """Every live process: pid -> (parent pid, command line)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with suppress(OSError, IndexError, ValueError):
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if stat[0] == "Z":
                continue
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            found[int(entry.name)] = (int(stat[1]), cmdline)
    return found


def tree(root: int) -> set[int]:
    """`root` and all its live descendants."""
    table = processes()
    family, grew = {root} if root in table else set(), True
    while grew:
        more = {pid for pid, (ppid, _) in table.items() if ppid in family} - family
        family |= more
        grew = bool(more)
    return family


def neo4j_pids(clone: Path) -> set[int]:
    """Java processes of Neo4j instances living in the clone (whoever their parent is)."""
    home = f"--home-dir={clone.resolve() / '.neo4j'}"
    return {pid for pid, (_, cmd) in processes().items() if home in cmd}


class Run:
    """One `./scripts/run` of the clone, in its own process group, logging to a file."""

    def __init__(self, clone: Path, log: Path, port: int) -> None:
        self.clone, self.log, self.port = clone, log, port
        self.base = f"http://127.0.0.1:{port}"
        with log.open("ab") as out:
            out.write(f"\n===== ./scripts/run (PORT={port}) =====\n".encode())
            out.flush()
            self.proc = subprocess.Popen(
                ["bash", "./scripts/run"],
                cwd=clone,
                env=clean_env(PORT=str(port), HOST="127.0.0.1"),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self) -> None:
        """Until /readyz answers 200; Failed when the script exits or READY_S passes."""
        deadline = time.monotonic() + READY_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise Failed(f"./scripts/run exited {self.proc.returncode} before /readyz answered")
            status, _ = http(self.base + "/readyz")
            if status == 200:
                return
            time.sleep(1.0)
        raise Failed(f"/readyz did not answer 200 within {READY_S:.0f} s")

    def token(self) -> str:
        """The last token the script printed."""
        tokens = JWT.findall(self.log.read_text(errors="replace"))
        if not tokens:
            raise Failed("./scripts/run printed no token")
        return str(tokens[-1])

    def read_demo(self) -> None:
        """Five demo alumni through the printed token (asked again while the fresh server times out)."""
        for _ in range(RETRIES):
            status, text = http(self.base + "/graphql", {"query": ALUMNI}, self.token())
            if status != 200:
                raise Failed(f"alumni(first: 5) answered HTTP {status}: {text[:500]}")
            body = json.loads(text)
            codes = {e.get("extensions", {}).get("code") for e in body.get("errors") or []}
            if not codes & {"TIMEOUT", "UNAVAILABLE"}:
                break
            say(
                f"alumni(first: 5) answered {', '.join(sorted(codes))} (a cold server on a busy machine): again"
            )
            time.sleep(2)
        nodes = ((body.get("data") or {}).get("alumni") or {}).get("nodes") or []
        if body.get("errors") or len(nodes) != 5 or not all(n.get("name") for n in nodes):
            raise Failed(f"alumni(first: 5) did not answer five demo alumni: {text[:500]}")
        say(f"alumni(first: 5) with the printed token: {', '.join(n['name'] for n in nodes)}")

    def stop_with(self, signum: signal.Signals, group: bool) -> None:
        """Send `signum` (to the script, or its whole group); nothing of its own may outlive it."""
        ours = tree(self.proc.pid) | neo4j_pids(self.clone)
        java = neo4j_pids(self.clone)
        if not java:
            raise Failed("no Neo4j of the clone was running while it served")
        if group:
            os.killpg(self.proc.pid, signum)
        else:
            self.proc.send_signal(signum)
        try:
            code = self.proc.wait(STOP_S)
        except subprocess.TimeoutExpired as exc:
            raise Failed(f"./scripts/run did not exit within {STOP_S:.0f} s of {signum.name}") from exc
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (ours & set(processes())):
            time.sleep(0.2)  # the last children are being reaped
        left = {pid: cmd[:120] for pid, (_, cmd) in processes().items() if pid in ours}
        if left or neo4j_pids(self.clone):
            raise Failed(
                f"after {signum.name}, processes of the run are left: {left or neo4j_pids(self.clone)}"
            )
        say(f"{signum.name} → exit {code}; API and Neo4j (java pid {', '.join(map(str, java))}) gone")

    def kill(self) -> None:
        """Last resort on failure: stop whatever is left of this run."""
        if self.proc.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def kill_clone_neo4j(clone: Path) -> None:
    """Stop any Java the clone's Neo4j left (only on failure)."""
    for pid in neo4j_pids(clone):
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def check_scripts_run(clone: Path, log: Path) -> None:
    """First run (install, fetch, demo import) stopped by SIGTERM, a second one by SIGINT."""
    for signum, group in ((signal.SIGTERM, False), (signal.SIGINT, True)):
        started = time.monotonic()
        proc = Run(clone, log, free_port())
        try:
            proc.wait_ready()
            say(f"./scripts/run: /readyz 200 on port {proc.port} after {time.monotonic() - started:.0f} s")
            proc.read_demo()
            proc.stop_with(signum, group)
        finally:
            proc.kill()


@contextmanager
def workspace() -> Iterator[Path]:
    """A temporary folder, removed afterwards (unless ALUMNI_GRAPH_NEWCOMER_KEEP=1)."""
    work = Path(tempfile.mkdtemp(prefix="alumni-graph-newcomer-"))
    try:
        yield work
    finally:
        kill_clone_neo4j(work / "clone")
        if os.environ.get("ALUMNI_GRAPH_NEWCOMER_KEEP") == "1":
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _terminated(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # so that the finally blocks stop what was started


def main() -> int:
    """Check the newcomer path; 0 when it works."""
    signal.signal(signal.SIGTERM, _terminated)
    with workspace() as work:
        clone, log = work / "clone", work / "run.log"
        log.touch()
        try:
            clean_clone(clone)
            check_runtime_install(work, clone)
            check_scripts_run(clone, log)
        except (Failed, subprocess.TimeoutExpired) as exc:
            say(f"FAILED: {exc}")
            print("----- output of ./scripts/run -----\n" + log.read_text(errors="replace"), flush=True)
            return 1
    say("OK: the newcomer path works")
    return 0


if __name__ == "__main__":
    sys.exit(main())
