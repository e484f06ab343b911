"""Tests of graph/bundle."""
