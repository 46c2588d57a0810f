"""Signed links (confirmation, password reset, email change): timed, single use.

Each token carries the account id and a fingerprint of the state the link acts on
(address and status, or password hash). Once that state has changed — the address is
confirmed, the password is reset — the fingerprint no longer matches and the link is dead.
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from pvd_network.auth.models import User
from pvd_network.extensions import db

CONFIRM = "confirm-email"
RESET = "reset-password"
CHANGE_EMAIL = "change-email"
MAX_AGES = {CONFIRM: 48 * 3600, RESET: 3600, CHANGE_EMAIL: 48 * 3600}


class InvalidToken(Exception):
    """A link that is tampered with, expired or already used; ``reason`` says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "invalid", "expired" or "used"


@dataclass
class TokenData:
    user: User
    payload: dict


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"pvd-{purpose}")


def _fingerprint(purpose: str, user: User, extra: str = "") -> str:
    if purpose == CONFIRM:
        state = f"{user.email}|{user.status}|{user.confirmed_at}"
    else:  # reset and email change both die with the password or the address
        state = f"{user.email}|{user.password_hash}"
    return hashlib.sha256(f"{purpose}|{state}|{extra}".encode()).hexdigest()[:24]


def make_token(purpose: str, user: User, **payload) -> str:
    """A signed token for ``purpose`` bound to the current state of ``user``."""
    extra = "|".join(f"{k}={payload[k]}" for k in sorted(payload))
    data = {"id": user.id, "fp": _fingerprint(purpose, user, extra), **payload}
    return _serializer(purpose).dumps(data)


def read_token(purpose: str, token: str) -> TokenData:
    """The account and payload of a valid token, else :class:`InvalidToken`."""
    try:
        data = _serializer(purpose).loads(token, max_age=MAX_AGES[purpose])
    except SignatureExpired as error:
        raise InvalidToken("expired") from error
    except BadSignature as error:
        raise InvalidToken("invalid") from error
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        raise InvalidToken("invalid")
    user = db.session.get(User, data["id"])
    if user is None:
        raise InvalidToken("invalid")
    payload = {k: v for k, v in data.items() if k not in ("id", "fp")}
    extra = "|".join(f"{k}={payload[k]}" for k in sorted(payload))
    if not hmac.compare_digest(str(data.get("fp", "")), _fingerprint(purpose, user, extra)):
        raise InvalidToken("used")
    return TokenData(user=user, payload=payload)
