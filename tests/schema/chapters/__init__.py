"""Tests of schema/chapters."""
