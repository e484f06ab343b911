"""A 2,000-alumni bundle generated once per test session (no database involved)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts.seed import Summary, generate
from tests.scripts.bundle_checks import check_bundle
from tests.scripts.bundle_rules import Row


@dataclass(frozen=True)
class Generated:
    """A generated bundle: what generate() reported, the rows read back, the problems found."""

    summary: Summary
    rows: dict[str, list[Row]]
    problems: list[str]

    @property
    def folder(self) -> Path:
        """Where the files are."""
        return self.summary.out_dir


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """2,000 alumni with the default seed (the size of the shipped demo)."""
    summary = generate(tmp_path_factory.mktemp("seed") / "bundle", 2000)
    rows, problems = check_bundle(summary.out_dir)
    return Generated(summary, rows, problems)
