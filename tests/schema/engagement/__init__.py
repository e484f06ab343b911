"""Tests of schema/engagement."""
