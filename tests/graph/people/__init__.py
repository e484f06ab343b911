"""Tests of graph/people."""
