"""The me aggregate."""
