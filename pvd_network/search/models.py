"""Search tables: members' saved searches and the territorial vocabulary (synonyms)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pvd_network.core.database import TimestampMixin
from pvd_network.extensions import db


class SavedSearch(TimestampMixin, db.Model):
    """A query and facet selection a member saved; the notifications issue alerts on new matches."""

    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    query: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    # {"theme": [...], "region": [...], "department": [...], "stage": [...], "year": [...]}
    filters: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    # For the notifications issue: the last write-up already reported to the member.
    last_notified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user = relationship("User")


class Synonym(TimestampMixin, db.Model):
    """A group of equivalent expressions used at query time: "ORT" ↔ "opération de
    revitalisation de territoire". Editable by admins."""

    __tablename__ = "search_synonyms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The expressions of the group, one per line, as people write them (accents allowed).
    terms: Mapped[str] = mapped_column(Text, nullable=False)
    note: Mapped[str] = mapped_column(String(300), nullable=False, default="")

    @property
    def term_list(self) -> list[str]:
        return [line.strip() for line in self.terms.splitlines() if line.strip()]
