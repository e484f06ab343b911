"""Bearer tokens: signed JWTs issued by `alumni-graph token`, verified at the edge."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import jwt

from api.settings import Settings
from schema.core.permissions import Principal, Role

ALGORITHM = "HS256"


class TokenError(Exception):
    """The token is missing, malformed, expired or not ours."""


@dataclass(frozen=True)
class TokenRequest:
    """What a token grants."""

    role: Role
    college: str | None = None
    chapter: str | None = None
    alumnus: str | None = None
    subject: str | None = None
    days: float = 30.0


def issue(settings: Settings, req: TokenRequest) -> str:
    """A signed token for the request; scoped roles must name their scope."""
    if req.role is Role.COLLEGE_OFFICER and not req.college:
        raise TokenError("a COLLEGE_OFFICER token needs --college CODE")
    if req.role is Role.CHAPTER_ORGANIZER and not req.chapter:
        raise TokenError("a CHAPTER_ORGANIZER token needs --chapter CODE")
    if req.role is Role.ALUMNUS and not req.alumnus:
        raise TokenError("an ALUMNUS token needs --alumnus ID")
    secret = settings.jwt_secret.reveal()
    if len(secret) < 32:
        raise TokenError("ALUMNI_GRAPH_JWT_SECRET must be set to at least 32 characters")
    now = int(time.time())
    claims: dict[str, object] = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": req.subject or f"{req.role.value.lower()}-{uuid.uuid4().hex[:8]}",
        "iat": now,
        "nbf": now - 5,
        "exp": now + int(req.days * 86400),
        "role": req.role.value,
    }
    for key, value in (
        ("college", req.college),
        ("chapter", req.chapter),
        ("alumnus", req.alumnus),
    ):
        if value:
            claims[key] = value
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify(settings: Settings, token: str) -> Principal:
    """The principal a token proves, or TokenError."""
    secret = settings.jwt_secret.reveal()
    if not secret:
        raise TokenError("the server has no token secret configured")
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
        )
        role = Role(claims.get("role"))
    except (jwt.PyJWTError, ValueError) as exc:
        raise TokenError("invalid or expired token") from exc
    return Principal(
        subject=str(claims["sub"]),
        role=role,
        college_code=claims.get("college"),
        chapter_code=claims.get("chapter"),
        alumnus_id=claims.get("alumnus"),
    )


def bearer(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer …` header, if any."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def principal(settings: Settings, authorization: str | None) -> Principal | None:
    """The caller an `Authorization` header proves: None without a bearer token or with a bad one."""
    token = bearer(authorization)
    if token is None:
        return None
    try:
        return verify(settings, token)
    except TokenError:
        return None
