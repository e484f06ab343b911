"""Chapters of the alumni association and their memberships."""
