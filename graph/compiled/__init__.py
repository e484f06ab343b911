"""Compiled reads: fixed tables (`kinds`) and the statements built from them (`statements`)."""

from graph.compiled.kinds import column_format, column_text, kinds, knows, link_kind, link_members, members
from graph.compiled.statements import (
    BY_ID,
    NotCompilable,
    Read,
    by_id_statement,
    node_projection,
    page_statement,
    reunion_statement,
    run,
)

__all__ = [
    "BY_ID",
    "NotCompilable",
    "Read",
    "by_id_statement",
    "column_format",
    "column_text",
    "kinds",
    "knows",
    "link_kind",
    "link_members",
    "members",
    "node_projection",
    "page_statement",
    "reunion_statement",
    "run",
]
