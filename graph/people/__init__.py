"""People: alumni, staff posts, ties, acquaintances, duplicates, self-service, search."""
