"""Deterministic generator of realistic alumni bundles (DESIGN §3 CSV files) for demos and load tests."""

from scripts.seed.build import DEFAULT_SEED, MIN_ALUMNI, generate
from scripts.seed.writer import FILES, Summary

__all__ = ["DEFAULT_SEED", "FILES", "MIN_ALUMNI", "Summary", "generate"]
