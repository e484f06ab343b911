"""The relationships aggregate."""
