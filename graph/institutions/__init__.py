"""Institutions: colleges and classes."""
