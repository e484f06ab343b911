"""The memberships aggregate."""
