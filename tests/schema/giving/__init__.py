"""Tests of schema/giving."""
