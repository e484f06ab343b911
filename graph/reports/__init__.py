"""Yearly giving and evaluation reports (DESIGN §4): exact money in fen, scoped, read-only."""
