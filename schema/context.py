"""The per-request context: database, caller, scope and DataLoaders."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from graph import alumni as alumni_repo
from graph import careers, chapters, geography, institutions
from graph.db import Database
from graph.nodes import fetch_by_ids
from graph.scope import Scope
from schema.permissions import Principal

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def _loader(fetch: Callable[[list[str]], Awaitable[dict[str, V]]], empty: Any = None) -> DataLoader[str, V]:
    async def load(keys: list[str]) -> list[V]:
        found = await fetch(list(dict.fromkeys(keys)))
        return [found.get(k, empty) for k in keys]

    return DataLoader(load_fn=load)


@dataclass
class Loaders:
    """One DataLoader per relationship read, so nested fields cost one statement per level."""

    db: Database
    scope: Scope
    _cache: dict[str, DataLoader[str, Any]] = field(default_factory=dict)

    def get(
        self, name: str, fetch: Callable[[list[str]], Awaitable[dict[str, Any]]], empty: Any = None
    ) -> DataLoader[str, Any]:
        """The request's loader called `name`, created on first use."""
        if name not in self._cache:
            self._cache[name] = _loader(fetch, empty)
        return self._cache[name]

    def clear(self) -> None:
        """Forget everything loaded so far (after a mutation changed the graph)."""
        self._cache.clear()

    @property
    def alumnus(self) -> DataLoader[str, alumni_repo.AlumnusRecord | None]:
        """Alumni by id, within scope."""
        return self.get(
            "alumnus",
            lambda ids: fetch_by_ids(self.db, alumni_repo.SPEC, ids, {"scope": self.scope.params()}),
        )

    @property
    def college(self) -> DataLoader[str, institutions.CollegeRecord | None]:
        """Colleges by id."""
        return self.get("college", lambda ids: fetch_by_ids(self.db, institutions.COLLEGES, ids))

    @property
    def class_(self) -> DataLoader[str, institutions.ClassRecord | None]:
        """Classes by id."""
        return self.get("class", lambda ids: fetch_by_ids(self.db, institutions.CLASSES, ids))

    @property
    def chapter(self) -> DataLoader[str, chapters.ChapterRecord | None]:
        """Chapters by id."""
        return self.get("chapter", lambda ids: fetch_by_ids(self.db, chapters.CHAPTERS, ids))

    @property
    def region(self) -> DataLoader[str, geography.RegionRecord | None]:
        """Regions by id."""
        return self.get("region", lambda ids: fetch_by_ids(self.db, geography.REGIONS, ids))

    @property
    def industry(self) -> DataLoader[str, careers.IndustryRecord | None]:
        """Industries by id."""
        return self.get("industry", lambda ids: fetch_by_ids(self.db, careers.INDUSTRIES, ids))

    @property
    def education(self) -> DataLoader[str, list[institutions.ClassRecord]]:
        """Classes of alumni."""
        return self.get("education", lambda ids: institutions.education_of(self.db, ids), [])

    @property
    def home(self) -> DataLoader[str, list[geography.RegionRecord]]:
        """Where alumni live."""
        return self.get("home", lambda ids: geography.home_of(self.db, ids), [])


@dataclass
class Context:
    """What every resolver gets in `info.context`."""

    db: Database
    principal: Principal | None
    request: Any = None
    response: Any = None
    loaders: Loaders = field(init=False)
    # Root field (response key) → "compiled" or "fallback", for the fields schema.compiled covers.
    answered: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.db, self.scope)

    @property
    def scope(self) -> Scope:
        """The caller's data scope (nothing at all without a principal)."""
        return self.principal.scope() if self.principal else Scope()
