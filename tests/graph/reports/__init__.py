"""Tests of graph/reports."""
