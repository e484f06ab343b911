"""Bearer tokens: verified once per process, but every use is still checked against the clock and
the secret, issuer and audience of the settings that verify it."""

from __future__ import annotations

import dataclasses
import time

import pytest

from api.auth import TokenError, TokenRequest, VerifiedTokens, issue, verify
from api.settings import Secret, Settings
from schema.core.permissions import Principal, Role


def test_a_verified_token_proves_the_same_principal_again(settings: Settings) -> None:
    # given
    token = issue(settings, TokenRequest(role=Role.COLLEGE_OFFICER, college="CS", subject="officer"))
    # when
    first, again = verify(settings, token), verify(settings, token)
    # then
    assert first == again == Principal(subject="officer", role=Role.COLLEGE_OFFICER, college_code="CS")


def test_a_token_verified_under_one_secret_is_refused_under_another(settings: Settings) -> None:
    # given a token verified (and so remembered) by this process
    token = issue(settings, TokenRequest(role=Role.ADMIN, subject="admin"))
    verify(settings, token)
    # when the same token reaches settings with another secret, issuer or audience
    others = (
        dataclasses.replace(settings, jwt_secret=Secret("another-secret-" + "y" * 40)),
        dataclasses.replace(settings, jwt_issuer="someone-else"),
        dataclasses.replace(settings, jwt_audience="someone-else"),
    )
    # then each refuses it
    for other in others:
        with pytest.raises(TokenError):
            verify(other, token)


def test_an_expired_token_is_refused(settings: Settings) -> None:
    # given
    token = issue(settings, TokenRequest(role=Role.ADMIN, subject="old", days=-1))
    # when / then
    with pytest.raises(TokenError):
        verify(settings, token)


def test_a_remembered_token_is_used_only_inside_its_validity_window() -> None:
    # given a token remembered as valid from t=100 until t=200
    remembered = VerifiedTokens(maxsize=2)
    caller = Principal(subject="a", role=Role.ADMIN)
    key = ("token", "secret", "issuer", "audience")
    remembered.put(key, (caller, 100.0, 200.0))
    # when / then: inside the window it is the principal; at or after expiry it is forgotten
    assert remembered.get(key, 150.0) == caller
    assert remembered.get(key, 200.0) is None
    assert remembered.get(key, 150.0) is None  # dropped: the next use verifies the token afresh
    # and before the window it is not used either
    remembered.put(key, (caller, 100.0, 200.0))
    assert remembered.get(key, 99.0) is None


def test_remembered_tokens_are_bounded() -> None:
    # given room for two
    remembered = VerifiedTokens(maxsize=2)
    caller = Principal(subject="a", role=Role.ADMIN)
    keys = [(f"t{i}", "s", "i", "a") for i in range(3)]
    now = time.time()
    # when three are remembered, the first one used again in between
    remembered.put(keys[0], (caller, 0.0, now + 60))
    remembered.put(keys[1], (caller, 0.0, now + 60))
    remembered.get(keys[0], now)
    remembered.put(keys[2], (caller, 0.0, now + 60))
    # then the least recently used one is gone
    assert len(remembered.entries) == 2
    assert remembered.get(keys[1], now) is None and remembered.get(keys[0], now) == caller
