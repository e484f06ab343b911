"""The cooperations aggregate."""
