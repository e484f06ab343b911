"""Compiled reads: a validated operation's read root fields answered by one statement each, passed
through graphql-core's execution as ready values (see `execution`)."""
