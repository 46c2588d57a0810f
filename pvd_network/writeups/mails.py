"""Mails about write-ups: the author hears of each moderation decision, moderators of submissions.

Each receiver renders its message now (French, text + HTML) and sends it after the commit.
"""
from __future__ import annotations

import logging

from flask import current_app, has_request_context, url_for
from flask_babel import gettext as _
from sqlalchemy import or_, select

from pvd_network.auth.models import ROLE_ADMIN, ROLE_MODERATOR, STATUS_ACTIVE, User
from pvd_network.auth.permissions import can_moderate_writeup
from pvd_network.core.mail import build_message, send_after_commit
from pvd_network.extensions import db
from pvd_network.writeups import signals
from pvd_network.writeups.models import Writeup
from pvd_network.writeups.urls import writeup_url

log = logging.getLogger(__name__)


def _links_available() -> bool:
    """Mails carry absolute links: a request, or SERVER_NAME for commands, is needed to build them."""
    if has_request_context() or current_app.config.get("SERVER_NAME"):
        return True
    log.info("Write-up mail skipped: no request and no SERVER_NAME to build its links")
    return False


def _send(recipients: list[str | None], subject: str, template: str, **context) -> None:
    recipients = [address for address in recipients if address]
    if recipients:
        send_after_commit(build_message(subject, recipients, f"writeups/mail/{template}", **context))


def _author_to_tell(writeup: Writeup, by):
    """The author, unless nobody decided (imports), they acted themselves, or no link can be built."""
    author = writeup.author
    if by is None or author is None or author.email is None or getattr(by, "id", None) == author.id:
        return None
    return author if _links_available() else None


def _to_author(writeup: Writeup, author, subject: str, template: str, **context) -> None:
    _send([author.email], subject, template, writeup=writeup, author=author,
          link=writeup_url(writeup, _external=True), **context)


def on_submitted(writeup: Writeup, **_kwargs) -> None:
    if not _links_available():
        return
    staff = db.session.scalars(
        select(User).where(
            User.status == STATUS_ACTIVE, or_(User.role == ROLE_ADMIN, User.role == ROLE_MODERATOR)
        )
    )
    reviewers = [member.email for member in staff
                 if member.id != writeup.author_id and can_moderate_writeup(member, writeup)]
    _send(reviewers, _("Un retour d'expérience attend votre relecture"), "submitted", writeup=writeup,
          link=writeup_url(writeup, _external=True))


def on_published(writeup: Writeup, by=None, first: bool = False, **_kwargs) -> None:
    author = _author_to_tell(writeup, by)
    if author is not None:
        _to_author(writeup, author, _("Votre retour d'expérience est publié"), "published",
                   message=writeup.moderation_message, first=first)


def on_changes_requested(writeup: Writeup, by=None, message: str = "", **_kwargs) -> None:
    author = _author_to_tell(writeup, by)
    if author is not None:
        _to_author(writeup, author, _("Des modifications sont demandées sur votre retour d'expérience"),
                   "changes_requested", message=message,
                   edit_link=url_for("writeups.edit", writeup_id=writeup.id, _external=True))


def on_rejected(writeup: Writeup, by=None, reason: str = "", **_kwargs) -> None:
    author = _author_to_tell(writeup, by)
    if author is not None:
        _to_author(writeup, author, _("Votre retour d'expérience n'a pas été retenu"), "rejected",
                   reason=reason)


def on_archived(writeup: Writeup, by=None, **_kwargs) -> None:
    author = _author_to_tell(writeup, by)
    if author is not None:
        _to_author(writeup, author, _("Votre retour d'expérience a été archivé"), "archived")


RECEIVERS = (
    (signals.submitted, on_submitted),
    (signals.published, on_published),
    (signals.changes_requested, on_changes_requested),
    (signals.rejected, on_rejected),
    (signals.archived, on_archived),
)


def connect() -> None:
    """Subscribe the receivers (idempotent: blinker keeps one connection per receiver)."""
    for signal, receiver in RECEIVERS:
        signal.connect(receiver)
