"""Follows, notifications and each member's email preferences per kind of notification."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pvd_network.core.database import utcnow
from pvd_network.extensions import db

# Kinds of notification (stored codes) -> what the preferences page calls them.
NEW_COMMENT = "new_comment"  # a new comment on a write-up I follow
REPLY = "reply"  # a reply to one of my comments
MENTION = "mention"
FOLLOWED_THEME = "followed_theme"  # a new write-up in a theme I follow
FOLLOWED_REGION = "followed_region"  # a new write-up in a région I follow
SAVED_SEARCH = "saved_search"  # a new write-up matching one of my saved searches
MODERATION = "moderation"  # a moderation decision about my content or account
KINDS = {
    NEW_COMMENT: _l("Nouveau commentaire sur un retour que je suis"),
    REPLY: _l("Réponse à l'un de mes commentaires"),
    MENTION: _l("Mention de mon nom"),
    FOLLOWED_THEME: _l("Nouveau retour dans une thématique que je suis"),
    FOLLOWED_REGION: _l("Nouveau retour dans une région que je suis"),
    SAVED_SEARCH: _l("Nouveau retour correspondant à une recherche enregistrée"),
    MODERATION: _l("Décision de modération me concernant"),
}

# Email frequency per kind.
IMMEDIATE, DAILY, WEEKLY, NEVER = "immediate", "daily", "weekly", "never"
FREQUENCIES = {
    IMMEDIATE: _l("Immédiatement"),
    DAILY: _l("Résumé quotidien"),
    WEEKLY: _l("Résumé hebdomadaire"),
    NEVER: _l("Jamais"),
}

# Where a notification's email stands: due now (immediate), waiting for a digest, sent, not sent.
EMAIL_DUE, EMAIL_DAILY, EMAIL_WEEKLY, EMAIL_SENT, EMAIL_NONE = "due", "daily", "weekly", "sent", "none"


class Follow(db.Model):
    """A member follows a write-up, a theme or a région (exactly one of them)."""

    __tablename__ = "follows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    writeup_id: Mapped[int | None] = mapped_column(ForeignKey("writeups.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), index=True)
    region_code: Mapped[str | None] = mapped_column(
        ForeignKey("regions.code", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)

    user = relationship("User")
    writeup = relationship("Writeup")
    theme = relationship("Theme")
    region = relationship("Region")

    __table_args__ = (
        UniqueConstraint("user_id", "writeup_id", name="uq_follows_user_writeup"),
        UniqueConstraint("user_id", "theme_id", name="uq_follows_user_theme"),
        UniqueConstraint("user_id", "region_code", name="uq_follows_user_region"),
        CheckConstraint(
            "(CASE WHEN writeup_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN theme_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN region_code IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_target",
        ),
    )


class Notification(db.Model):
    """Something a member should know about, shown in the app and emailed by preference."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    writeup_id: Mapped[int | None] = mapped_column(ForeignKey("writeups.id", ondelete="CASCADE"), index=True)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    saved_search_id: Mapped[int | None] = mapped_column(ForeignKey("saved_searches.id", ondelete="CASCADE"))
    # A free text that goes with it (the reason of a moderation decision…), plain text.
    message: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    email_state: Mapped[str] = mapped_column(String(10), nullable=False, default=EMAIL_NONE)
    email_attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user = relationship("User", foreign_keys=[user_id])
    actor = relationship("User", foreign_keys=[actor_id], lazy="joined")
    writeup = relationship("Writeup")
    comment = relationship("Comment")
    saved_search = relationship("SavedSearch")

    __table_args__ = (
        Index("ix_notifications_user_read", "user_id", "read_at", "created_at"),
        Index("ix_notifications_email", "email_state", "created_at"),
    )

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind, self.kind))


class NotificationPreference(db.Model):
    """How a member wants to be emailed about one kind of notification (default: immediately)."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    frequency: Mapped[str] = mapped_column(String(10), nullable=False, default=IMMEDIATE)


# What a member gets by email when they never chose (documented in the README): the
# conversations they take part in at once; new write-ups, which can be many, once a week.
DEFAULT_FREQUENCIES = {
    NEW_COMMENT: IMMEDIATE,
    REPLY: IMMEDIATE,
    MENTION: IMMEDIATE,
    MODERATION: IMMEDIATE,
    FOLLOWED_THEME: WEEKLY,
    FOLLOWED_REGION: WEEKLY,
    SAVED_SEARCH: WEEKLY,
}
# The email state a new notification starts in, by the member's frequency for its kind.
STATE_FOR_FREQUENCY = {IMMEDIATE: EMAIL_DUE, DAILY: EMAIL_DAILY, WEEKLY: EMAIL_WEEKLY, NEVER: EMAIL_NONE}
# Notifications about a comment, and about a new write-up.
COMMENT_KINDS = (NEW_COMMENT, REPLY, MENTION)
NEW_WRITEUP_KINDS = (FOLLOWED_THEME, FOLLOWED_REGION, SAVED_SEARCH)

