"""The ties aggregate."""
