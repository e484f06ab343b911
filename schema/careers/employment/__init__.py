"""The employment aggregate."""
