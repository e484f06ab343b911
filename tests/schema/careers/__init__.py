"""Tests of schema/careers."""
