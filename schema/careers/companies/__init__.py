"""The companies aggregate."""
