"""Comments under write-ups, the members they mention, and "utile" reactions."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pvd_network.core.database import TimestampMixin, utcnow
from pvd_network.core.moderation import HideableMixin
from pvd_network.extensions import db

# Entity name of comments in the search change log (core/changes.py).
COMMENT_ENTITY = "comment"

comment_mentions = Table(
    "comment_mentions",
    db.metadata,
    Column("comment_id", ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Comment(TimestampMixin, HideableMixin, db.Model):
    """A comment on a published write-up. Threads are one level deep: a reply's ``parent``
    is always a top-level comment; replying to a reply keeps the thread and sets ``quoted``."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    writeup_id: Mapped[int] = mapped_column(ForeignKey("writeups.id", ondelete="CASCADE"), nullable=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # The top-level comment this one answers (NULL for a top-level comment).
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    # The comment quoted (a reply to a reply, or an explicit quote).
    quoted_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    body_html: Mapped[str] = mapped_column(Text, nullable=False, default="")  # sanitised (core/markup)
    edited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Deleted by its author: the row stays as a "Commentaire supprimé" placeholder, body emptied.
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    useful_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    writeup = relationship("Writeup", lazy="select")
    author = relationship("User", foreign_keys=[author_id], lazy="joined")
    parent: Mapped[Comment | None] = relationship(
        "Comment", foreign_keys=[parent_id], remote_side="Comment.id", lazy="select"
    )
    quoted: Mapped[Comment | None] = relationship(
        "Comment", foreign_keys=[quoted_id], remote_side="Comment.id", lazy="select"
    )
    mentioned = relationship("User", secondary=comment_mentions, lazy="select")

    __table_args__ = (Index("ix_comments_writeup_created", "writeup_id", "created_at"),)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_visible(self) -> bool:
        """Shown to everyone who may see the write-up (not deleted, not hidden)."""
        return self.deleted_at is None and self.hidden_at is None

    def __repr__(self) -> str:
        return f"<Comment {self.id} on {self.writeup_id}>"


class Reaction(db.Model):
    """A member's "utile" on a write-up or on a comment: one per member per item."""

    __tablename__ = "reactions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    writeup_id: Mapped[int | None] = mapped_column(ForeignKey("writeups.id", ondelete="CASCADE"), index=True)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)

    __table_args__ = (
        UniqueConstraint("user_id", "writeup_id", name="uq_reactions_user_writeup"),
        UniqueConstraint("user_id", "comment_id", name="uq_reactions_user_comment"),
        CheckConstraint(
            "(writeup_id IS NULL) <> (comment_id IS NULL)", name="one_target"
        ),
    )
