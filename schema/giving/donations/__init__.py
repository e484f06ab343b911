"""The donations aggregate."""
