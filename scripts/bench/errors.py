"""The benchmark's one failure type: a problem reported as one line (plus a log tail) and exit 1."""


class BenchError(Exception):
    """The benchmark cannot go on (a server did not start, an install failed, no importer)."""
