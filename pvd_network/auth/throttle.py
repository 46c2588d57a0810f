"""Lockout after repeated failed sign-ins on one address, whether or not an account has it."""
from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete

from pvd_network.auth.models import SignInThrottle
from pvd_network.core.database import as_utc, utcnow
from pvd_network.extensions import db

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)
# Rows untouched for this long tell nothing any more and are pruned.
RETENTION = timedelta(days=1)


def _key(email: str) -> str:
    # Keyed hash: the table never holds the addresses people typed.
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def locked_until(email: str, now: datetime | None = None) -> datetime | None:
    """When the lockout on ``email`` ends, or None when it may sign in."""
    now = now or utcnow()
    row = db.session.get(SignInThrottle, _key(email))
    if row is None or row.locked_until is None:
        return None
    until = as_utc(row.locked_until)
    return until if until > now else None


def record_failure(email: str, now: datetime | None = None) -> bool:
    """Count a failed sign-in on ``email``; True when this failure starts a lockout."""
    now = now or utcnow()
    key = _key(email)
    row = db.session.get(SignInThrottle, key)
    if row is None:
        row = SignInThrottle(key=key, failures=0, window_started_at=now, updated_at=now)
        db.session.add(row)
    if now - as_utc(row.window_started_at) > WINDOW:
        row.failures, row.window_started_at = 0, now
    row.failures += 1
    row.updated_at = now
    locked = row.failures >= MAX_FAILURES
    if locked:
        row.locked_until = now + LOCKOUT
        row.failures, row.window_started_at = 0, now
    db.session.execute(delete(SignInThrottle).where(SignInThrottle.updated_at < now - RETENTION))
    db.session.flush()
    return locked


def clear(email: str) -> None:
    """Forget the failures of ``email`` after a successful sign-in."""
    row = db.session.get(SignInThrottle, _key(email))
    if row is not None:
        db.session.delete(row)
        db.session.flush()
