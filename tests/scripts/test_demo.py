"""The shipped demo bundle: what the generator makes, valid, small, documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.cli import DEMO_DIR
from scripts.seed import DEFAULT_SEED, generate
from tests.scripts.bundle_checks import check_bundle
from tests.scripts.bundle_rules import SPEC

pytestmark = pytest.mark.unit


def test_the_shipped_demo_is_what_the_generator_makes(tmp_path: Path) -> None:
    # when
    fresh = generate(tmp_path / "demo", 2000, DEFAULT_SEED)
    # then
    stale = [name for name in SPEC if (DEMO_DIR / name).read_bytes() != (fresh.out_dir / name).read_bytes()]
    assert stale == [], "demo/ is stale: run `alumni-graph seed --alumni 2000 --out demo`"


def test_the_demo_readme_says_how_it_was_made() -> None:
    readme = (DEMO_DIR / "README.md").read_text(encoding="utf-8")
    assert "alumni-graph seed --alumni 2000 --out demo" in readme
    assert "load-demo" in readme


def test_the_demo_is_valid_and_small() -> None:
    # when
    _, problems = check_bundle(DEMO_DIR)
    # then
    assert problems == []
    assert sum(p.stat().st_size for p in DEMO_DIR.iterdir()) < 3_000_000


def test_the_demo_readme_counts_the_rows_of_every_file() -> None:
    # given
    readme = (DEMO_DIR / "README.md").read_text(encoding="utf-8")
    cells = [c.strip() for line in readme.splitlines() if line.startswith("|") for c in line.split("|")]
    stated = {cells[i]: int(cells[i + 1].replace(",", "")) for i in range(len(cells) - 1) if cells[i] in SPEC}
    # when
    counted = {name: (DEMO_DIR / name).read_text(encoding="utf-8").count("\n") - 1 for name in SPEC}
    # then
    assert stated == counted
