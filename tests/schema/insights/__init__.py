"""Tests of schema/insights."""
