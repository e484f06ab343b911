"""Tests of graph/core."""
