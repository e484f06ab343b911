"""Tests of schema/core."""
