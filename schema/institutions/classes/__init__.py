"""The classes aggregate."""
