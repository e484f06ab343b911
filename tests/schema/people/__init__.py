"""Tests of schema/people."""
