"""The industries aggregate."""
