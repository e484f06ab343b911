"""Careers: industries, geography, companies, employment and needs."""
