"""The events aggregate."""
