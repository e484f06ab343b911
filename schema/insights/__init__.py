"""Insights: the relationship queries of DESIGN §4."""
