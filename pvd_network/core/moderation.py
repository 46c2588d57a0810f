"""Moderation state carried by content (write-ups, comments) through a mixin."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column


class HideableMixin:
    """``hidden_at`` / ``hidden_by_id`` / ``hidden_reason``: hidden content stays in the
    database but is shown to nobody except its author and moderators."""

    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    hidden_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")

    @declared_attr
    def hidden_by_id(cls) -> Mapped[int | None]:  # noqa: N805 (SQLAlchemy declared_attr)
        return mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None
