"""The generated bundle: every row valid, every reference resolving, same bytes for the same seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.seed import FILES, MIN_ALUMNI, generate
from tests.scripts.bundle_rules import SPEC
from tests.scripts.conftest import Generated

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


def _bytes(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in SPEC}


def test_every_row_is_valid_and_every_reference_resolves(bundle: Generated) -> None:
    # then (the checker reads every file of DESIGN §3 with the graph.core.validation validators)
    assert bundle.problems == []


def test_every_file_of_the_interchange_format_is_written_with_exactly_its_columns(bundle: Generated) -> None:
    # when
    headers = {name: (bundle.folder / name).read_text(encoding="utf-8").split("\n", 1)[0] for name in SPEC}
    # then
    assert headers == SPEC
    assert {name: ",".join(cols) for name, cols in FILES.items()} == SPEC
    assert all(bundle.rows[name] for name in SPEC), "every file has rows"


def test_summary_reports_the_rows_written(bundle: Generated) -> None:
    # then
    assert bundle.summary.rows == {name: len(rows) for name, rows in bundle.rows.items()}
    assert bundle.summary.rows["alumni.csv"] == 2000
    assert bundle.summary.bytes == sum((bundle.folder / n).stat().st_size for n in SPEC)


def test_same_arguments_give_byte_identical_files(bundle: Generated, tmp_path: Path) -> None:
    # when
    again = generate(tmp_path / "again", 2000)
    # then
    assert _bytes(again.out_dir) == _bytes(bundle.folder)


def test_another_seed_gives_other_data(bundle: Generated, tmp_path: Path) -> None:
    # when
    other = generate(tmp_path / "other", 2000, seed=7)
    # then
    assert (other.out_dir / "alumni.csv").read_bytes() != (bundle.folder / "alumni.csv").read_bytes()


def test_output_does_not_depend_on_the_hash_seed_of_the_process(tmp_path: Path) -> None:
    # given two interpreters with different string hashing
    code = "import sys; from pathlib import Path; from scripts.seed import generate; generate(Path(sys.argv[1]), 300)"
    # when
    for n in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": n}
        subprocess.run([sys.executable, "-c", code, str(tmp_path / n)], cwd=ROOT, env=env, check=True)
    # then
    assert _bytes(tmp_path / "1") == _bytes(tmp_path / "2")


def test_too_few_alumni_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=str(MIN_ALUMNI)):
        generate(tmp_path, MIN_ALUMNI - 1)
