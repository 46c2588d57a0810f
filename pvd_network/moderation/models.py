"""Reports by members and the audit log of every moderation action."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pvd_network.core.database import utcnow
from pvd_network.extensions import db

REPORT_REASONS = {
    "spam": _l("Spam"),
    "hors-sujet": _l("Hors sujet"),
    "inapproprie": _l("Propos inappropriés"),
    "donnees-personnelles": _l("Données personnelles"),
    "autre": _l("Autre"),
}


class Report(db.Model):
    """A member reports a write-up or a comment (one report per member per item)."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    writeup_id: Mapped[int | None] = mapped_column(ForeignKey("writeups.id", ondelete="CASCADE"), index=True)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(30), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    # Set when a moderator reviewed the item: "kept", "hidden", "deleted"…
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    outcome: Mapped[str] = mapped_column(String(20), nullable=False, default="")

    reporter = relationship("User", foreign_keys=[reporter_id], lazy="joined")
    resolved_by = relationship("User", foreign_keys=[resolved_by_id])
    writeup = relationship("Writeup")
    comment = relationship("Comment")

    __table_args__ = (
        UniqueConstraint("reporter_id", "writeup_id", name="uq_reports_reporter_writeup"),
        UniqueConstraint("reporter_id", "comment_id", name="uq_reports_reporter_comment"),
    )

    @property
    def reason_label(self) -> str:
        return str(REPORT_REASONS.get(self.reason, self.reason))


class ModerationAction(db.Model):
    """One line of the audit log: who did what to which item, when and why. Append-only."""

    __tablename__ = "moderation_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # NULL for automatic actions (hidden after N reports).
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(30), nullable=False, index=True)
    # What it was about: "writeup", "comment" or "user", and its id.
    target_type: Mapped[str] = mapped_column(String(20), nullable=False)
    target_id: Mapped[int] = mapped_column(Integer, nullable=False)
    # The région of the item (for moderators' scopes and the dashboard), when it has one.
    region_code: Mapped[str | None] = mapped_column(String(3), index=True)
    status_before: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    status_after: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    details: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, nullable=False, index=True
    )

    moderator = relationship("User", foreign_keys=[moderator_id], lazy="joined")

    __table_args__ = (Index("ix_moderation_actions_target", "target_type", "target_id"),)
