"""The search aggregate."""
