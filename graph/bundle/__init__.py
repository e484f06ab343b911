"""Bundles: the CSV/XLSX interchange format of DESIGN §3 — reading, validating, upserting, exporting."""
