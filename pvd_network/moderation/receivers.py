"""The audit log of decisions taken outside the moderation pages.

Moderators also decide from the write-up page (writeups/views/lifecycle.py) and the staff
pages of accounts (users/views/admin.py); trusted contributors publish without review and
suspensions run out on their own. Those features announce it through their signals: each
receiver here writes the audit line and tells the member concerned (``decided``). Decisions
taken through this package's services are recorded by them (audit.recorded_here).
"""
from __future__ import annotations

from pvd_network.auth import signals as auth_signals
from pvd_network.auth.models import STATUS_PENDING, STATUS_SUSPENDED, User
from pvd_network.auth.permissions import member_region_code
from pvd_network.moderation.actions import (
    APPROVE,
    ARCHIVE,
    AUTO_PUBLISH,
    AUTO_REACTIVATE,
    PUBLISH,
    REACTIVATE,
    REFUSE,
    REJECT,
    REQUEST_CHANGES,
    SUSPEND,
    USER,
    WRITEUP,
)
from pvd_network.moderation.audit import record, recorded_elsewhere
from pvd_network.moderation.decisions import tell, writeup_state
from pvd_network.moderation.sanctions import member_state
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups import signals as writeup_signals
from pvd_network.writeups.models import SUBMITTED, Writeup


def _writeup_line(writeup: Writeup, action: str, by, before: str, reason: str, details=None) -> None:
    record(action, WRITEUP, writeup.id, by=by, region_code=writeup.region_code, before=before,
           after=writeup_state(writeup), reason=reason, details=details)


def on_published(writeup: Writeup, by=None, **_kwargs) -> None:
    """A moderator published from the page, or a trusted contributor's write-up went out at once.
    Imports and demo content (``by=None``) are not moderation."""
    if by is None or recorded_elsewhere():
        return
    if by.id == writeup.author_id:
        # The author submitted; services.submit published at once because they are trusted.
        record(AUTO_PUBLISH, WRITEUP, writeup.id, by=None, region_code=writeup.region_code,
               before=SUBMITTED, after=writeup_state(writeup), details={"trusted_author_id": by.id})
        return
    _writeup_line(writeup, PUBLISH, by, SUBMITTED, writeup.moderation_message)
    tell(writeup, PUBLISH, by, writeup.moderation_message, writeup.author, emailed=True)


def on_changes_requested(writeup: Writeup, by=None, message: str = "", **_kwargs) -> None:
    if by is None or recorded_elsewhere():
        return
    _writeup_line(writeup, REQUEST_CHANGES, by, SUBMITTED, message,
                  details={"snapshot": writeup_services.snapshot(writeup)})
    tell(writeup, REQUEST_CHANGES, by, message, writeup.author, emailed=True)


def on_rejected(writeup: Writeup, by=None, reason: str = "", **_kwargs) -> None:
    if by is None or recorded_elsewhere():
        return
    _writeup_line(writeup, REJECT, by, SUBMITTED, reason)
    tell(writeup, REJECT, by, reason, writeup.author, emailed=True)


def on_archived(writeup: Writeup, by=None, **_kwargs) -> None:
    """Archiving is the author's own business, unless a moderator did it."""
    if by is None or by.id == writeup.author_id or recorded_elsewhere():
        return
    _writeup_line(writeup, ARCHIVE, by, "", "")
    tell(writeup, ARCHIVE, by, "", writeup.author, emailed=True)


def _account_line(user: User, action: str, by, before: str, reason: str = "", details=None) -> None:
    if recorded_elsewhere():
        return
    record(action, USER, user.id, by=by, region_code=member_region_code(user), before=before,
           after=member_state(user), reason=reason, details=details)
    tell(user, action, by, reason, user, emailed=True)  # auth/mails.py sent the mail


def on_approved(user: User, by=None, **_kwargs) -> None:
    _account_line(user, APPROVE, by, STATUS_PENDING)


def on_refused(user: User, by=None, reason: str = "", **_kwargs) -> None:
    _account_line(user, REFUSE, by, STATUS_PENDING, reason)


def on_suspended(user: User, by=None, reason: str = "", until=None, **_kwargs) -> None:
    details = {"until": until.isoformat()} if until else None
    _account_line(user, SUSPEND, by, "active", reason, details)


def on_reactivated(user: User, by=None, **_kwargs) -> None:
    # From the staff page the account was suspended or refused (unknown here); a running-out
    # suspension was a suspension.
    _account_line(user, REACTIVATE if by is not None else AUTO_REACTIVATE, by,
                  "" if by is not None else STATUS_SUSPENDED)


RECEIVERS = (
    (writeup_signals.published, on_published),
    (writeup_signals.changes_requested, on_changes_requested),
    (writeup_signals.rejected, on_rejected),
    (writeup_signals.archived, on_archived),
    (auth_signals.approved, on_approved),
    (auth_signals.refused, on_refused),
    (auth_signals.suspended, on_suspended),
    (auth_signals.reactivated, on_reactivated),
)


def connect() -> None:
    """Subscribe the receivers (idempotent: blinker keeps one connection per receiver)."""
    for signal, receiver in RECEIVERS:
        signal.connect(receiver)
