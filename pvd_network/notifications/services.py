"""Notifications: creating them (one per member per event), reading them, email preferences.

Flush, never commit (DESIGN.md §3.4). Content that was hidden or deleted after a
notification was made is filtered out when notifications are read (list, unread count,
emails): the notification rows stay, and come back if a moderator restores the content.
"""
from __future__ import annotations

from collections.abc import Iterable

from flask import url_for
from sqlalchemy import Select, and_, delete, func, or_, select, update

from pvd_network.auth.models import STATUS_ACTIVE, User
from pvd_network.auth.permissions import can_view_writeup
from pvd_network.core.database import utcnow
from pvd_network.core.pagination import Page, paginate
from pvd_network.discussions.models import Comment
from pvd_network.extensions import db
from pvd_network.notifications.models import (
    DEFAULT_FREQUENCIES,
    EMAIL_DAILY,
    EMAIL_DUE,
    EMAIL_NONE,
    EMAIL_WEEKLY,
    FREQUENCIES,
    IMMEDIATE,
    KINDS,
    MODERATION,
    NEVER,
    STATE_FOR_FREQUENCY,
    Notification,
    NotificationPreference,
)
from pvd_network.writeups.models import PUBLISHED, Writeup
from pvd_network.writeups.urls import writeup_url

PER_PAGE = 20
PENDING_STATES = (EMAIL_DUE, EMAIL_DAILY, EMAIL_WEEKLY)


# --- What a member may still see -------------------------------------------------------------


def shown_condition():
    """SQL: the notification's write-up is published and not hidden, its comment neither hidden
    nor deleted. Moderation decisions are always shown (they are about hidden content), but
    their links and texts never reveal it (see :func:`target_url`)."""
    writeup_ok = or_(
        Notification.writeup_id.is_(None), and_(Writeup.status == PUBLISHED, Writeup.hidden_at.is_(None))
    )
    comment_ok = or_(
        Notification.comment_id.is_(None), and_(Comment.hidden_at.is_(None), Comment.deleted_at.is_(None))
    )
    return or_(Notification.kind == MODERATION, and_(writeup_ok, comment_ok))


def _joined(statement: Select) -> Select:
    return statement.outerjoin(Writeup, Writeup.id == Notification.writeup_id).outerjoin(
        Comment, Comment.id == Notification.comment_id
    )


def visible_notifications(user) -> Select:
    """``user``'s notifications that may be shown, newest first."""
    return (
        _joined(select(Notification))
        .where(Notification.user_id == user.id, shown_condition())
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )


def unread_count(user) -> int:
    """How many of ``user``'s shown notifications are unread: one query."""
    statement = _joined(select(func.count(Notification.id))).where(
        Notification.user_id == user.id, Notification.read_at.is_(None), shown_condition()
    )
    return db.session.scalar(statement) or 0


def page_of(user, number: int, per_page: int = PER_PAGE) -> Page:
    """One page of ``user``'s notifications, newest first."""
    return paginate(visible_notifications(user), number, per_page)


def get_for(user, notification_id: int) -> Notification | None:
    """``user``'s notification with this id, if it may be shown (else None: another member's
    notifications, and those about hidden content, do not exist for them)."""
    statement = visible_notifications(user).where(Notification.id == notification_id)
    return db.session.scalars(statement).first()


def is_shown(notification: Notification) -> bool:
    """Python twin of :func:`shown_condition` for one loaded notification."""
    if notification.kind == MODERATION:
        return True
    writeup, comment = notification.writeup, notification.comment
    if writeup is not None and (writeup.status != PUBLISHED or writeup.hidden_at is not None):
        return False
    return comment is None or (comment.hidden_at is None and comment.deleted_at is None)


def reveals_content(notification: Notification) -> bool:
    """May the notification name its write-up and link to it? Only when its member may see the
    write-up now (a moderation decision may be about a write-up hidden since: its author and
    moderators still see it, a member who reported it does not)."""
    writeup = notification.writeup
    return writeup is not None and can_view_writeup(notification.user, writeup)


def target_url(notification: Notification, _external: bool = False) -> str:
    """Where the notification leads: the comment's anchor, the write-up, or the list itself."""
    if notification.writeup is None or not reveals_content(notification):
        return url_for("notifications.index", _external=_external)
    comment = notification.comment
    if comment is not None and comment.hidden_at is None and comment.deleted_at is None:
        return writeup_url(notification.writeup, _external=_external, _anchor=f"commentaire-{comment.id}")
    return writeup_url(notification.writeup, _external=_external)


def mark_read(notification: Notification) -> None:
    """Mark one notification read (no change when it already is)."""
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()


def mark_all_read(user) -> int:
    """Mark every unread notification of ``user`` read; how many changed."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


# --- Creating notifications --------------------------------------------------------------------


def pick(*groups: tuple[str, Iterable[User]]) -> dict[int, tuple[User, str]]:
    """One entry per member: ``groups`` are (kind, members) from the most specific kind to the
    least; a member found in several groups keeps the first kind only."""
    chosen: dict[int, tuple[User, str]] = {}
    for kind, users in groups:
        for user in users:
            if user is not None and user.id not in chosen:
                chosen[user.id] = (user, kind)
    return chosen


def notify(
    recipients: dict[int, tuple[User, str]],
    *,
    actor=None,
    writeup: Writeup | None = None,
    comment: Comment | None = None,
    saved_search=None,
    message: str = "",
    once_per: tuple[str, ...] = (),
    emailed: bool = False,
) -> list[Notification]:
    """Create a notification for each (member, kind) of ``recipients``, except the actor,
    members who are not active, who cannot see the write-up (decisions aside), and — with
    ``once_per`` — members who already have one of these kinds for the same comment (or
    write-up). ``emailed``: a mail already told them, so none is due."""
    actor_id = getattr(actor, "id", None)
    wanted = {
        user_id: (user, kind)
        for user_id, (user, kind) in recipients.items()
        if user_id != actor_id
        and user.status == STATUS_ACTIVE
        and (kind == MODERATION or writeup is None or can_view_writeup(user, writeup))
    }
    if once_per and wanted:
        if comment is not None:
            same_event = Notification.comment_id == comment.id
        else:
            same_event = Notification.writeup_id == writeup.id
        already = db.session.scalars(
            select(Notification.user_id).where(
                same_event, Notification.kind.in_(once_per), Notification.user_id.in_(list(wanted))
            )
        )
        for user_id in set(already):
            wanted.pop(user_id, None)
    if not wanted:
        return []
    frequencies = stored_frequencies(list(wanted))
    created = []
    for user_id, (_user, kind) in sorted(wanted.items()):
        frequency = frequencies.get((user_id, kind), DEFAULT_FREQUENCIES[kind])
        notification = Notification(
            user_id=user_id,
            kind=kind,
            actor_id=actor_id,
            writeup_id=writeup.id if writeup is not None else None,
            comment_id=comment.id if comment is not None else None,
            saved_search_id=saved_search.id if saved_search is not None else None,
            message=message or "",
            email_state=EMAIL_NONE if emailed else STATE_FOR_FREQUENCY[frequency],
        )
        db.session.add(notification)
        created.append(notification)
    db.session.flush()
    return created


# --- Email preferences --------------------------------------------------------------------------


def stored_frequencies(user_ids: list[int]) -> dict[tuple[int, str], str]:
    """The frequencies these members chose, by (user id, kind); defaults are not stored."""
    rows = db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id.in_(user_ids))
    )
    return {(row.user_id, row.kind): row.frequency for row in rows}


def frequencies_of(user) -> dict[str, str]:
    """Every kind's email frequency for ``user`` (their choice, else the default)."""
    stored = stored_frequencies([user.id])
    return {kind: stored.get((user.id, kind), DEFAULT_FREQUENCIES[kind]) for kind in KINDS}


def set_frequency(user, kind: str, frequency: str) -> bool:
    """Store ``user``'s frequency for ``kind``; False when it did not change. Notifications
    still waiting for an email follow the new choice: "never" drops them, a digest takes
    them; "immediately" leaves waiting ones to the digest they were meant for."""
    if kind not in KINDS or frequency not in FREQUENCIES:
        raise ValueError(f"{kind}={frequency}")
    row = db.session.get(NotificationPreference, (user.id, kind))
    current = row.frequency if row is not None else DEFAULT_FREQUENCIES[kind]
    if row is None:
        row = NotificationPreference(user_id=user.id, kind=kind, frequency=frequency)
        db.session.add(row)
    row.frequency = frequency
    if frequency != current and frequency != IMMEDIATE:
        db.session.execute(
            update(Notification)
            .where(
                Notification.user_id == user.id,
                Notification.kind == kind,
                Notification.email_state.in_(PENDING_STATES),
            )
            .values(email_state=STATE_FOR_FREQUENCY[frequency])
            .execution_options(synchronize_session=False)
        )
    db.session.flush()
    return frequency != current


def unsubscribe(user, kinds: Iterable[str]) -> list[str]:
    """Set ``kinds`` to "never" for ``user``; the kinds that changed."""
    return [kind for kind in kinds if set_frequency(user, kind, NEVER)]


# --- Personal data ------------------------------------------------------------------------------


def export(user) -> dict:
    """``user``'s notifications and preferences, for "Mes données"."""
    rows = db.session.scalars(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.created_at)
    )
    return {
        "preferences": frequencies_of(user),
        "notifications": [
            {
                "type": row.kind,
                "cree_le": row.created_at.isoformat(),
                "lu_le": row.read_at.isoformat() if row.read_at else None,
                "retour": row.writeup_id,
                "commentaire": row.comment_id,
                "message": row.message,
            }
            for row in rows
        ],
    }


def erase(user) -> None:
    """Delete ``user``'s notifications and preferences (their account is being erased)."""
    db.session.execute(delete(Notification).where(Notification.user_id == user.id))
    db.session.execute(delete(NotificationPreference).where(NotificationPreference.user_id == user.id))
