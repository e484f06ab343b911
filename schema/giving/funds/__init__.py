"""The funds aggregate."""
