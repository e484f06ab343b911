"""The colleges aggregate."""
