"""The per-request context: database, caller, scope and DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.core.db import Database
from graph.core.scope import Scope
from schema.core.admission import Admission
from schema.core.loaders import Loaders
from schema.core.permissions import Principal


@dataclass
class Context:
    """What every resolver gets in `info.context`."""

    db: Database
    principal: Principal | None
    request: Any = None
    response: Any = None
    admission: Admission | None = None
    "The process's slots for heavy reads (`schema.core.admission`); None admits everything."
    loaders: Loaders = field(init=False)
    # Root field (response key) → "compiled" or "fallback", for the fields schema.compiled covers.
    answered: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.db, self.scope)

    @property
    def scope(self) -> Scope:
        """The caller's data scope (nothing at all without a principal)."""
        return self.principal.scope() if self.principal else Scope()
