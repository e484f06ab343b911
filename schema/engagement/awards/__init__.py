"""The awards aggregate."""
