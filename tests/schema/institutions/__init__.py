"""Tests of schema/institutions."""
