"""Bearer tokens: signed JWTs issued by `alumni-graph token`, verified at the edge."""

from __future__ import annotations

import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass

import jwt

from api.settings import Settings
from schema.core.permissions import Principal, Role

ALGORITHM = "HS256"
# Verified tokens, remembered per process: a client sends the same token with every request, and
# checking its signature and claims is a good part of a small request. Only tokens that passed
# `verify` are kept, with the window they are valid in; a hit re-checks that window against the
# clock, so an expired token is refused exactly as before. Bounded (least recently used goes).
VERIFIED_TOKENS = 4096


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


class VerifiedTokens:
    """Tokens that passed `verify`: (token, secret, issuer, audience) → principal and validity window."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self.entries: OrderedDict[tuple[str, str, str, str], tuple[Principal, float, float]] = OrderedDict()

    def get(self, key: tuple[str, str, str, str], now: float) -> Principal | None:
        """The principal of a token verified before, if it is still inside its window."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        caller, valid_from, expires = entry
        if not valid_from <= now < expires:
            del self.entries[key]
            return None
        self.entries.move_to_end(key)
        return caller

    def put(self, key: tuple[str, str, str, str], entry: tuple[Principal, float, float]) -> None:
        """Remember one verified token, forgetting the least recently used one past `maxsize`."""
        self.entries[key] = entry
        if len(self.entries) > self.maxsize:
            self.entries.popitem(last=False)


_VERIFIED = VerifiedTokens(VERIFIED_TOKENS)


def verify(settings: Settings, token: str) -> Principal:
    """The principal a token proves, or TokenError (signature and claims checked once per process
    for each token; its validity window against the clock on every call)."""
    secret = settings.jwt_secret.reveal()
    key = (token, secret, settings.jwt_issuer, settings.jwt_audience)
    now = time.time()
    known = _VERIFIED.get(key, now) if secret else None
    if known is not None:
        return known
    caller, valid_from, expires = _decode(settings, token)
    _VERIFIED.put(key, (caller, valid_from, expires))
    return caller


def _decode(settings: Settings, token: str) -> tuple[Principal, float, float]:
    """Check the token's signature and claims: its principal and the window it is valid in."""
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
        valid_from = float(max(int(claims["iat"]), int(claims.get("nbf", claims["iat"]))))
        expires = float(int(claims["exp"]))
    except (jwt.PyJWTError, ValueError, TypeError) as exc:
        raise TokenError("invalid or expired token") from exc
    caller = Principal(
        subject=str(claims["sub"]),
        role=role,
        college_code=claims.get("college"),
        chapter_code=claims.get("chapter"),
        alumnus_id=claims.get("alumnus"),
    )
    return caller, valid_from, expires


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
