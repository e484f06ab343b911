"""The CLI starts with the runtime dependencies only: building its parser imports no dev tooling,
and `bench` says in one line what it lacks. (The fresh-venv check of every `--help` is
tests/newcomer/check.py, run by ./scripts/test.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.bench.cli import missing_tools
from scripts.reports.cli import FORMATS, KINDS
from scripts.reports.commands import HANDLERS, WRITERS

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
DEV_ONLY = ("httpx", "pytest", "hypothesis", "mypy", "ruff", "importlinter")

_PROBE = """
import sys
from scripts.cli import build_parser
build_parser().parse_args(["serve"])
print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] in {modules!r})))
print(" ".join(sorted(m for m in sys.modules if m.startswith(("scripts.bench.", "scripts.reports.")))))
"""


def test_building_the_parser_imports_no_dev_tooling_nor_the_benchmark() -> None:
    # when a fresh interpreter builds the parser
    probe = _PROBE.format(modules=set(DEV_ONLY))
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    dev, ours = done.stdout.splitlines()
    # then nothing of the dev extras was imported, and of bench/report only their argument modules
    assert dev == ""
    assert set(ours.split()) <= {"scripts.bench.cli", "scripts.bench.plan", "scripts.reports.cli"}


def test_the_report_parser_offers_exactly_what_the_handlers_write() -> None:
    assert tuple(sorted(HANDLERS)) == KINDS
    assert tuple(sorted(WRITERS)) == FORMATS


def test_bench_says_in_one_line_that_node_is_missing(tmp_path: Path) -> None:
    # given a PATH on which there is no node nor npm (only this Python)
    env = {**os.environ, "PATH": str(tmp_path)}
    # when
    done = subprocess.run(
        [sys.executable, "-m", "scripts.cli", "bench", "--alumni", "200"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # then
    assert done.returncode == 1
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("alumni-graph: error: `bench` needs Node.js 20+ with npm")


def test_nothing_is_missing_for_bench_in_the_dev_environment() -> None:
    # the suite's own environment has httpx and Node.js (./scripts/test installs both)
    assert missing_tools() is None
