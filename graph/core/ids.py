"""Stable UUIDs for rows whose only key is a free-form id (interactions, awards)."""

from __future__ import annotations

import uuid

NAMESPACE = uuid.UUID("6f1c1d8e-4b7a-5c3e-9a51-2f4d7c0b9e11")


def stable_id(label: str, raw: str) -> str:
    """`raw` itself when it is a UUID, else uuid5 of label and raw (same input, same id)."""
    text = raw.strip()
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return str(uuid.uuid5(NAMESPACE, f"{label}:{text}"))
