"""The acquaintances aggregate."""
