"""Contract checks: the committed SDL matches the code; lint, types and layers are clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from graphql import GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType

from schema.schema import schema

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.unit


def test_committed_sdl_matches_strawberry_export_schema() -> None:
    # given
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    # when
    done = subprocess.run(
        [str(BIN / "strawberry"), "export-schema", "schema.schema:schema"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    # then
    assert committed.strip() == done.stdout.strip(), (
        "schema.graphql is stale: run `strawberry export-schema schema.schema:schema --output schema.graphql`"
    )


def test_every_type_field_and_argument_has_a_description() -> None:
    # given
    missing: list[str] = []
    # when
    for name, gtype in schema._schema.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Boolean", "ID", "Float"}:
            continue
        if not getattr(gtype, "description", None):
            missing.append(name)
        if isinstance(gtype, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            missing += [f"{name}.{f}" for f, d in gtype.fields.items() if not d.description]
        if isinstance(gtype, GraphQLObjectType | GraphQLInterfaceType):
            missing += [
                f"{name}.{f}({a})"
                for f, d in gtype.fields.items()
                for a, arg in d.args.items()
                if not arg.description
            ]
    # then
    assert missing == []


@pytest.mark.parametrize(
    "command",
    [["ruff", "check", "."], ["ruff", "format", "--check", "."], ["mypy", "."], ["lint-imports"]],
    ids=["ruff", "ruff-format", "mypy", "import-layers"],
)
def test_tooling_is_clean(command: list[str]) -> None:
    # when
    done = subprocess.run(
        [str(BIN / command[0]), *command[1:]], cwd=ROOT, capture_output=True, text=True, check=False
    )
    # then
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
