"""The relationship queries of DESIGN §4: read-only, scoped, a small fixed number of statements each."""
