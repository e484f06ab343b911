"""The scorecards aggregate."""
