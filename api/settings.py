"""Settings, read once from the environment; secrets are typed so they never print."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from schema.core.admission import HeavyReads
from schema.core.limits import Limits


class SettingsError(ValueError):
    """An environment variable is missing or malformed."""


class Secret:
    """A string that does not show itself in logs, reprs or tracebacks."""

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret itself, for the one place that needs it."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    def __bool__(self) -> bool:
        return bool(self._value)


class Mode(StrEnum):
    """Development turns on GraphiQL, GET queries and field suggestions; production is the default."""

    DEVELOPMENT = "development"
    PRODUCTION = "production"


@dataclass(frozen=True)
class Settings:
    """Everything the process is configured with."""

    neo4j_uri: str
    neo4j_user: str
    neo4j_password: Secret
    neo4j_database: str
    mode: Mode = Mode.PRODUCTION
    jwt_secret: Secret = field(default_factory=lambda: Secret(""))
    jwt_issuer: str = "alumni-graph"
    jwt_audience: str = "alumni-graph"
    query_timeout_s: float = 15.0
    retry_s: float = 5.0
    limits: Limits = field(default_factory=Limits)
    explorer_dir: str = ""
    compiled_reads: bool = True
    heavy_reads: HeavyReads = field(default_factory=HeavyReads)
    access_log: bool = False

    @property
    def development(self) -> bool:
        """True in development mode."""
        return self.mode is Mode.DEVELOPMENT


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from exc


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be a number of seconds, got {raw!r}") from exc


def _on(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").lower()
    return default if raw == "" else raw not in ("off", "0", "false", "no")


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from the environment (or the mapping given)."""
    env = os.environ if env is None else env
    uri = env.get("NEO4J_URI")
    if not uri:
        raise SettingsError(
            "NEO4J_URI is not set: run `alumni-graph neo4j start` and "
            '`eval "$(alumni-graph neo4j env)"`, or point NEO4J_URI at your Neo4j'
        )
    mode_raw = env.get("ALUMNI_GRAPH_MODE", Mode.PRODUCTION.value)
    try:
        mode = Mode(mode_raw)
    except ValueError as exc:
        raise SettingsError(f"ALUMNI_GRAPH_MODE must be development or production, got {mode_raw!r}") from exc
    limits = Limits(
        max_depth=_int(env, "ALUMNI_GRAPH_MAX_DEPTH", Limits.max_depth),
        max_aliases=_int(env, "ALUMNI_GRAPH_MAX_ALIASES", Limits.max_aliases),
        max_tokens=_int(env, "ALUMNI_GRAPH_MAX_TOKENS", Limits.max_tokens),
        max_cost=_int(env, "ALUMNI_GRAPH_MAX_COST", Limits.max_cost),
        max_directives=_int(env, "ALUMNI_GRAPH_MAX_DIRECTIVES", Limits.max_directives),
        max_errors=_int(env, "ALUMNI_GRAPH_MAX_ERRORS", Limits.max_errors),
        max_batch=_int(env, "ALUMNI_GRAPH_MAX_BATCH", Limits.max_batch),
        max_body_bytes=_int(env, "ALUMNI_GRAPH_MAX_BODY_BYTES", Limits.max_body_bytes),
        max_upload_bytes=_int(env, "ALUMNI_GRAPH_MAX_UPLOAD_BYTES", Limits.max_upload_bytes),
    )
    return Settings(
        neo4j_uri=uri,
        neo4j_user=env.get("NEO4J_USER", "neo4j"),
        neo4j_password=Secret(env.get("NEO4J_PASSWORD", "")),
        neo4j_database=env.get("NEO4J_DATABASE", "neo4j"),
        mode=mode,
        jwt_secret=Secret(env.get("ALUMNI_GRAPH_JWT_SECRET", "")),
        query_timeout_s=float(_int(env, "ALUMNI_GRAPH_QUERY_TIMEOUT_S", 15)),
        retry_s=float(_int(env, "ALUMNI_GRAPH_RETRY_S", 5)),
        limits=limits,
        explorer_dir=env.get("ALUMNI_GRAPH_EXPLORER_DIR", ""),
        compiled_reads=_on(env, "ALUMNI_GRAPH_COMPILED_READS", True),
        heavy_reads=HeavyReads(
            concurrency=_int(env, "ALUMNI_GRAPH_HEAVY_READS", HeavyReads.concurrency),
            wait_s=_float(env, "ALUMNI_GRAPH_HEAVY_WAIT_S", HeavyReads.wait_s),
            queue=_int(env, "ALUMNI_GRAPH_HEAVY_QUEUE", HeavyReads.queue),
        ),
        access_log=_on(env, "ALUMNI_GRAPH_ACCESS_LOG", False),
    )
