"""The attendance aggregate."""
