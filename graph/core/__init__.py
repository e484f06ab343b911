"""Shared machinery every domain builds on."""
