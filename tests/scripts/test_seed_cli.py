"""`alumni-graph seed` (rows per file, elapsed time, default folder, bad arguments);
no database needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.cli import build_parser, main
from scripts.seed import DEFAULT_SEED
from tests.scripts.bundle_rules import SPEC

pytestmark = pytest.mark.unit


def test_seed_prints_rows_per_file_and_elapsed_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # when
    code = main(["seed", "--alumni", "300", "--seed", "5", "--out", str(tmp_path / "b")])
    # then
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert [line.split()[0] for line in out[:-1]] == list(SPEC)
    assert ["alumni.csv", "300"] in [line.split() for line in out]
    assert " s → " in out[-1]
    assert "alumni=300, seed=5" in out[-1]
    assert (tmp_path / "b" / "donations.csv").exists()


def test_seed_writes_to_out_seed_n_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    monkeypatch.setenv("ALUMNI_GRAPH_HOME", str(tmp_path))
    # when
    code = main(["seed", "--alumni", "200"])
    # then
    assert code == 0
    assert (tmp_path / "out" / "seed-200" / "alumni.csv").exists()
    assert str(tmp_path / "out" / "seed-200") in capsys.readouterr().out


def test_seed_refuses_too_few_alumni_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    # when
    code = main(["seed", "--alumni", "10"])
    # then
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "at least 200" in err


def test_seed_default_is_the_generator_default() -> None:
    args = build_parser().parse_args(["seed", "--alumni", "500"])
    assert args.seed == DEFAULT_SEED
    assert args.out is None
