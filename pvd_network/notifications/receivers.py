"""Signal receivers: follows of authors, and notifications created in the transaction of the change.

Services send their signals after flushing and before the view commits; the receivers
here add follows and notifications to that same transaction (so a rolled-back change
leaves no notification behind) and queue the immediate emails for after the commit.

One member, one notification per event: the receivers pick the most specific kind for each
member (mention, then reply, then new comment on a followed write-up; for a new write-up,
a followed theme, then a followed région — a saved search that matches later is skipped
for members already told, see :mod:`pvd_network.notifications.saved_searches`).
"""
from __future__ import annotations

from sqlalchemy import select

from pvd_network.auth import signals as account_signals
from pvd_network.auth.models import User
from pvd_network.discussions import signals as discussion_signals
from pvd_network.discussions.models import Comment
from pvd_network.extensions import db
from pvd_network.geo.models import Region
from pvd_network.moderation import signals as moderation_signals
from pvd_network.moderation.actions import told
from pvd_network.notifications import emails, follows, services
from pvd_network.notifications.models import (
    COMMENT_KINDS,
    FOLLOWED_REGION,
    FOLLOWED_THEME,
    MENTION,
    MODERATION,
    NEW_COMMENT,
    NEW_WRITEUP_KINDS,
    REPLY,
)
from pvd_network.writeups import signals as writeup_signals
from pvd_network.writeups.models import Writeup

EXPORT_SECTION = "notifications"


def _users(ids) -> list[User]:
    ids = list(ids)
    if not ids:
        return []
    return list(db.session.scalars(select(User).where(User.id.in_(ids)).order_by(User.id)))


# --- Write-ups ----------------------------------------------------------------------------------


def on_submitted(writeup: Writeup, **_kwargs) -> None:
    """The author follows the write-up they send for review (no "created" signal exists)."""
    if writeup.author is not None:
        follows.follow(writeup.author, writeup)


def on_published(writeup: Writeup, by=None, first: bool = False, **_kwargs) -> None:
    """The author follows; on a first publication, followers of its themes and région are told."""
    if writeup.author is not None:
        follows.follow(writeup.author, writeup)
    if not first or writeup.hidden_at is not None:
        return
    created = []
    for theme in writeup.themes:
        followers = _users(follows.follower_ids(theme_ids=[theme.id]))
        created += services.notify(
            services.pick((FOLLOWED_THEME, followers)),
            actor=writeup.author, writeup=writeup, message=theme.name, once_per=NEW_WRITEUP_KINDS,
        )
    region = db.session.get(Region, writeup.region_code)
    if region is not None:
        followers = _users(follows.follower_ids(region_code=region.code))
        created += services.notify(
            services.pick((FOLLOWED_REGION, followers)),
            actor=writeup.author, writeup=writeup, message=region.name, once_per=NEW_WRITEUP_KINDS,
        )
    emails.queue_immediate(created)


# --- Discussions --------------------------------------------------------------------------------


def on_comment_posted(comment: Comment, mentioned=(), replied_to: Comment | None = None, **_kwargs) -> None:
    """Mentioned members, the authors of the comments answered, then the write-up's followers."""
    if not comment.is_visible:
        return
    writeup = comment.writeup
    answered = [c.author for c in (replied_to, comment.parent) if c is not None and c.is_visible]
    followers = _users(follows.follower_ids(writeup=writeup))
    recipients = services.pick((MENTION, mentioned or ()), (REPLY, answered), (NEW_COMMENT, followers))
    created = services.notify(
        recipients, actor=comment.author, writeup=writeup, comment=comment, once_per=COMMENT_KINDS
    )
    emails.queue_immediate(created)


def on_comment_edited(comment: Comment, mentioned=(), **_kwargs) -> None:
    """Members newly mentioned by an edit (unless this comment already notified them)."""
    if not comment.is_visible or not mentioned:
        return
    created = services.notify(
        services.pick((MENTION, mentioned)),
        actor=comment.author, writeup=comment.writeup, comment=comment, once_per=COMMENT_KINDS,
    )
    emails.queue_immediate(created)


# --- Moderation ---------------------------------------------------------------------------------


def on_decided(item, action: str = "", by=None, reason: str = "", recipient=None, emailed: bool = False,
               **_kwargs) -> None:
    """The member a decision is told to; ``emailed``: a mail already went, in-app only."""
    if recipient is None:
        return
    writeup = comment = None
    if isinstance(item, Comment):
        writeup, comment = item.writeup, item
    elif isinstance(item, Writeup):
        writeup = item
    created = services.notify(
        {recipient.id: (recipient, MODERATION)},
        actor=by, writeup=writeup, comment=comment, message=told(action, reason or ""), emailed=emailed,
    )
    emails.queue_immediate(created)


# --- Personal data ------------------------------------------------------------------------------


def export_personal_data(user, **_kwargs):
    """("notifications", {...}) for the member's "Mes données" download."""
    return EXPORT_SECTION, {"abonnements": follows.export(user), **services.export(user)}


def erase_personal_data(user, **_kwargs) -> None:
    """An erased account keeps no follows, notifications nor preferences."""
    follows.erase(user)
    services.erase(user)


RECEIVERS = (
    (writeup_signals.submitted, on_submitted),
    (writeup_signals.published, on_published),
    (discussion_signals.comment_posted, on_comment_posted),
    (discussion_signals.comment_edited, on_comment_edited),
    (moderation_signals.decided, on_decided),
    (account_signals.personal_data_requested, export_personal_data),
    (account_signals.erasing, erase_personal_data),
)


def connect() -> None:
    """Subscribe the receivers (idempotent: blinker keeps one connection per receiver)."""
    for signal, receiver in RECEIVERS:
        signal.connect(receiver)
