"""Giving: funds, donations, gifts and the donation rules."""
