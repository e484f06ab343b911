"""Roles, the authenticated principal, its data scope, and field permission classes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

import strawberry
from strawberry.permission import BasePermission

from graph.core.scope import Scope
from schema.core.errors import ApiError, ErrorCode


@strawberry.enum(description="What a token holder is allowed to do (DESIGN §6).")
class Role(Enum):
    """Roles of the security model."""

    ADMIN = "ADMIN"
    COLLEGE_OFFICER = "COLLEGE_OFFICER"
    FUNDRAISER = "FUNDRAISER"
    CHAPTER_ORGANIZER = "CHAPTER_ORGANIZER"
    ALUMNUS = "ALUMNUS"


@dataclass(frozen=True)
class Principal:
    """The caller, as proven by a bearer token."""

    subject: str
    role: Role
    college_code: str | None = None
    chapter_code: str | None = None
    alumnus_id: str | None = None

    def scope(self) -> Scope:
        """The data this caller may read, as statement parameters."""
        if self.role is Role.ADMIN:
            return Scope(all_alumni=True, directory=True, giving=True)
        if self.role is Role.FUNDRAISER:
            return Scope(all_alumni=True, directory=True, giving=True)
        if self.role is Role.COLLEGE_OFFICER:
            return Scope(college_code=self.college_code, directory=True)
        if self.role is Role.CHAPTER_ORGANIZER:
            return Scope(chapter_code=self.chapter_code, directory=True)
        return Scope(alumnus_id=self.alumnus_id, directory=True)


def principal_of(info: Any) -> Principal:
    """The caller, or UNAUTHENTICATED."""
    principal: Principal | None = info.context.principal
    return admit(principal, frozenset(Role))


class IsAuthenticated(BasePermission):
    """Any valid token."""

    message = "a valid bearer token is required"

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        """Raise UNAUTHENTICATED without a principal."""
        principal_of(info)
        return True


def admit(principal: Principal | None, roles: frozenset[Role]) -> Principal:
    """The caller if their role is one of `roles`; UNAUTHENTICATED or FORBIDDEN otherwise.

    The one role check: `require_roles` fields run it, and so do the HTTP routes outside GraphQL.
    """
    if principal is None:
        raise ApiError(ErrorCode.UNAUTHENTICATED, "a valid bearer token is required")
    if principal.role not in roles:
        raise ApiError(ErrorCode.FORBIDDEN, "your role may not do this")
    return principal


def require_roles(*roles: Role) -> type[BasePermission]:
    """A permission class admitting only the given roles (FORBIDDEN otherwise)."""
    allowed = frozenset(roles)

    class HasRole(BasePermission):
        message = "your role may not do this"

        def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
            admit(info.context.principal, allowed)
            return True

    HasRole.__name__ = "HasRole_" + "_".join(sorted(r.value for r in allowed))
    return HasRole
