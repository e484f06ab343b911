"""Tests of schema/cooperation."""
