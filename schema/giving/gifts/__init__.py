"""The gifts aggregate."""
