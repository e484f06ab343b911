"""The interactions aggregate."""
