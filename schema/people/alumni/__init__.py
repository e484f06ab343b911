"""The alumni aggregate."""
