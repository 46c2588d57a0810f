"""Notification emails: immediate ones after the commit, retries, digests, one-click unsubscribe.

A notification's ``email_state`` says where its email stands: ``due`` (to send now),
``daily``/``weekly`` (waiting for that digest), ``sent`` or ``none``. Sending never blocks
the change that caused it and never loses a notification:

* immediate mails are sent after the commit of the request (or command) that created the
  notifications, from a fresh application context (so a fresh database session);
* each attempt first *claims* the row (``email_attempts + 1`` where the count is still the
  one read) and commits, so two processes never send the same mail; a failed send leaves
  the row ``due`` with its attempt counted, and ``flask notifications retry`` (or
  ``send-digests``) tries again until :data:`MAX_ATTEMPTS`;
* a digest claims its rows by marking them ``sent`` before sending, and puts them back
  (attempt counted) when the send fails — so running it twice mails each notification once.

Every mail carries a signed one-click unsubscribe link (RFC 8058 ``List-Unsubscribe`` and
``List-Unsubscribe-Post`` headers) for its kind, or for the digest's frequency.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask import current_app, has_request_context, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_mail import Message
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select, update

from pvd_network.auth.models import STATUS_ACTIVE, User
from pvd_network.core.database import utcnow
from pvd_network.core.mail import build_message, deliver
from pvd_network.core.transactions import after_commit, after_rollback
from pvd_network.extensions import db
from pvd_network.notifications import presenting, services
from pvd_network.notifications.models import (
    DAILY,
    EMAIL_DAILY,
    EMAIL_DUE,
    EMAIL_NONE,
    EMAIL_SENT,
    EMAIL_WEEKLY,
    IMMEDIATE,
    KINDS,
    STATE_FOR_FREQUENCY,
    WEEKLY,
    Notification,
)

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
PERIODS = {DAILY: EMAIL_DAILY, WEEKLY: EMAIL_WEEKLY}
UNSUBSCRIBE_SALT = "pvd-notifications-unsubscribe"
# Links in old mails keep working for a year (a person may unsubscribe from an old message).
UNSUBSCRIBE_MAX_AGE = 366 * 24 * 3600
_QUEUE = "pvd_notifications_due"


# --- Unsubscribe links ----------------------------------------------------------------------


class InvalidUnsubscribeLink(Exception):
    """A tampered, expired or unknown unsubscribe link."""


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user_id: int, scope: str) -> str:
    """A signed token for ``user_id`` and ``scope``: a kind of notification, or "daily" /
    "weekly" (every kind the member receives in that digest)."""
    return _serializer().dumps({"u": user_id, "k": scope})


def read_unsubscribe_token(token: str) -> tuple[User, str]:
    """The member and scope of a valid token, else :class:`InvalidUnsubscribeLink`."""
    try:
        data = _serializer().loads(token, max_age=UNSUBSCRIBE_MAX_AGE)
    except BadSignature as error:  # SignatureExpired is a BadSignature
        raise InvalidUnsubscribeLink(str(error)) from error
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise InvalidUnsubscribeLink("malformed")
    scope = data.get("k")
    if scope not in KINDS and scope not in PERIODS:
        raise InvalidUnsubscribeLink("unknown scope")
    user = db.session.get(User, data["u"])
    if user is None or user.is_deleted:
        raise InvalidUnsubscribeLink("unknown member")
    return user, scope


def scope_kinds(user, scope: str) -> list[str]:
    """The kinds an unsubscribe link stops: its kind, or every kind mailed in that digest."""
    if scope in KINDS:
        return [scope]
    return [kind for kind, frequency in services.frequencies_of(user).items() if frequency == scope]


def scope_label(scope: str) -> str:
    """What an unsubscribe link stops, in words ("le résumé quotidien des notifications")."""
    if scope == DAILY:
        return _("le résumé quotidien des notifications")
    if scope == WEEKLY:
        return _("le résumé hebdomadaire des notifications")
    return _("les courriels « %(kind)s »", kind=KINDS[scope])


def unsubscribe_url(user_id: int, scope: str) -> str:
    """The absolute unsubscribe link for ``user_id`` and ``scope`` (needs a request or SERVER_NAME)."""
    return url_for("notifications.unsubscribe", token=unsubscribe_token(user_id, scope), _external=True)


def _with_unsubscribe(message: Message, link: str) -> Message:
    message.extra_headers = {
        **(message.extra_headers or {}),
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return message


# --- Building messages ------------------------------------------------------------------------


def build_immediate(notification: Notification) -> Message:
    """The email about one notification, with its unsubscribe link."""
    user = notification.user
    link = unsubscribe_url(user.id, notification.kind)
    message = build_message(
        presenting.subject(notification),
        [user.email],
        "_mail/notifications/immediate",
        user=user,
        item=presenting.describe(notification, _external=True),
        unsubscribe_link=link,
        unsubscribe_label=scope_label(notification.kind),
        preferences_link=url_for("notifications.preferences", _external=True),
    )
    return _with_unsubscribe(message, link)


def build_digest(user: User, notifications: list[Notification], period: str) -> Message:
    """One email listing ``notifications`` (oldest first) for the ``period`` digest."""
    count = len(notifications)
    if period == DAILY:
        subject = ngettext("Votre résumé du jour : %(num)s notification",
                           "Votre résumé du jour : %(num)s notifications", count)
    else:
        subject = ngettext("Votre résumé de la semaine : %(num)s notification",
                           "Votre résumé de la semaine : %(num)s notifications", count)
    link = unsubscribe_url(user.id, period)
    message = build_message(
        subject,
        [user.email],
        "_mail/notifications/digest",
        user=user,
        items=[presenting.describe(n, _external=True) for n in notifications],
        period=period,
        unsubscribe_link=link,
        unsubscribe_label=scope_label(period),
        preferences_link=url_for("notifications.preferences", _external=True),
        list_link=url_for("notifications.index", _external=True),
    )
    return _with_unsubscribe(message, link)


# --- Immediate mails ----------------------------------------------------------------------------


def queue_immediate(notifications: Iterable[Notification]) -> None:
    """Send the due emails of ``notifications`` once the current transaction commits."""
    ids = [n.id for n in notifications if n.email_state == EMAIL_DUE]
    if not ids:
        return
    if not has_request_context() and not current_app.config.get("SERVER_NAME"):
        # A command without the site's address cannot build the mails' links: they stay due
        # for `flask notifications retry --base-url …` (or the next digest run).
        log.info("%s notification email(s) left due: no request and no SERVER_NAME", len(ids))
        return
    session = db.session()
    queued = session.info.get(_QUEUE)
    if queued is None:
        queued = session.info[_QUEUE] = []
        app = current_app._get_current_object()

        def send_queued() -> None:
            due = session.info.pop(_QUEUE, [])
            # A fresh application context: a fresh session (this one has just committed).
            with app.app_context():
                send_due(due)

        after_commit(send_queued)
        after_rollback(lambda: session.info.pop(_QUEUE, None))
    queued.extend(ids)


@dataclass
class Report:
    """What a sending run did."""

    sent: int = 0
    failed: int = 0
    dropped: int = 0  # no longer to be mailed: content hidden, member gone, preference changed


def _set(notification_ids: list[int], expected_state: str | None = None, **values) -> int:
    statement = update(Notification).where(Notification.id.in_(notification_ids))
    if expected_state is not None:
        statement = statement.where(Notification.email_state == expected_state)
    result = db.session.execute(statement.values(**values).execution_options(synchronize_session=False))
    return result.rowcount or 0


def _mailable(notification: Notification) -> bool:
    user = notification.user
    return user.status == STATUS_ACTIVE and bool(user.email) and services.is_shown(notification)


def send_due(ids: list[int] | None = None) -> Report:
    """Send the immediate emails that are due (those of ``ids``, or all below the attempt cap)."""
    report = Report()
    statement = select(Notification).where(
        Notification.email_state == EMAIL_DUE, Notification.email_attempts < MAX_ATTEMPTS
    )
    if ids is not None:
        if not ids:
            return report
        statement = statement.where(Notification.id.in_(ids))
    for notification in db.session.scalars(statement.order_by(Notification.id)).all():
        _send_one(notification, report)
    return report


def _send_one(notification: Notification, report: Report) -> None:
    frequency = services.frequencies_of(notification.user)[notification.kind]
    if not _mailable(notification) or frequency != IMMEDIATE:
        # Hidden since, member gone, or they changed their mind: a digest or nothing.
        state = STATE_FOR_FREQUENCY[frequency] if _mailable(notification) else EMAIL_NONE
        _set([notification.id], EMAIL_DUE, email_state=state)
        db.session.commit()
        report.dropped += 1
        return
    attempts = notification.email_attempts
    claimed = db.session.execute(
        update(Notification)
        .where(Notification.id == notification.id, Notification.email_state == EMAIL_DUE,
               Notification.email_attempts == attempts)
        .values(email_attempts=attempts + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if not claimed:  # another process is on it
        return
    try:
        sent = deliver(build_immediate(notification))
    except Exception:  # noqa: BLE001 - a broken message must not stop the others
        log.exception("Notification %s: the email could not be built", notification.id)
        sent = False
    if sent:
        _set([notification.id], email_state=EMAIL_SENT, emailed_at=utcnow())
        db.session.commit()
        report.sent += 1
    else:
        report.failed += 1
        if attempts + 1 >= MAX_ATTEMPTS:
            log.warning("Notification %s: email given up after %s attempts", notification.id, MAX_ATTEMPTS)


# --- Digests ------------------------------------------------------------------------------------


def digest_recipients(period: str) -> list[int]:
    """Ids of the members with notifications waiting for the ``period`` digest."""
    return list(
        db.session.scalars(
            select(Notification.user_id)
            .where(Notification.email_state == PERIODS[period], Notification.email_attempts < MAX_ATTEMPTS)
            .distinct()
            .order_by(Notification.user_id)
        )
    )


def send_digest(user_id: int, period: str, report: Report) -> None:
    """Mail ``user_id`` one digest of their notifications waiting for ``period``."""
    state = PERIODS[period]
    waiting = list(
        db.session.scalars(
            select(Notification)
            .where(Notification.user_id == user_id, Notification.email_state == state,
                   Notification.email_attempts < MAX_ATTEMPTS)
            .order_by(Notification.created_at, Notification.id)
        )
    )
    shown = [n for n in waiting if _mailable(n)]
    dropped = [n.id for n in waiting if n not in shown]
    if dropped:
        _set(dropped, state, email_state=EMAIL_NONE)
        report.dropped += len(dropped)
    # Claim each row: whoever turns it "sent" first mails it (two runs never mail it twice).
    now = utcnow()
    mine = [n for n in shown if _set([n.id], state, email_state=EMAIL_SENT, emailed_at=now)]
    db.session.commit()
    if not mine:
        return
    ids = [n.id for n in mine]
    try:
        sent = deliver(build_digest(mine[0].user, mine, period))
    except Exception:  # noqa: BLE001 - one member's digest must not stop the others
        log.exception("Digest for member %s could not be built", user_id)
        sent = False
    if sent:
        report.sent += 1
        return
    db.session.execute(
        update(Notification)
        .where(Notification.id.in_(ids))
        .values(email_state=state, emailed_at=None, email_attempts=Notification.email_attempts + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    report.failed += 1


def send_digests(period: str, progress: Callable[[list[int]], Iterable[int]] | None = None) -> Report:
    """One digest per member with notifications waiting for ``period`` ("daily" or "weekly")."""
    report = Report()
    recipients = digest_recipients(period)
    for user_id in progress(recipients) if progress else recipients:
        send_digest(user_id, period, report)
    return report
