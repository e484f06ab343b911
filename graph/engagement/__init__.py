"""Engagement: events, attendance, interactions and awards."""
