"""The geography aggregate."""
