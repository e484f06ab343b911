"""The dedup aggregate."""
