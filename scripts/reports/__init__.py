"""Yearly documents for the alumni office: fund reports to donors, scorecards, retention lists."""
