"""Tests of schema/compiled."""
