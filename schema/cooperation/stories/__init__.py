"""The stories aggregate."""
