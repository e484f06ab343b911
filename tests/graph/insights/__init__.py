"""Tests of graph/insights."""
