"""The matchmaking aggregate."""
