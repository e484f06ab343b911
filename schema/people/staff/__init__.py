"""The staff aggregate."""
