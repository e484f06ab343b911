"""The open needs aggregate."""
