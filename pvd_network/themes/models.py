"""Themes: stable slugs (the import contract), French names, a DSFR pictogram each."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pvd_network.core.database import TimestampMixin
from pvd_network.extensions import db


class Theme(TimestampMixin, db.Model):
    """A theme; admins rename and archive themes, the slug never changes."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    description: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    # A DSFR pictogram, "<folder>/<name>" under artwork/pictograms (see templates/_macros/ui.html).
    pictogram: Mapped[str] = mapped_column(String(80), nullable=False, default="document/document")
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def to_dict(self) -> dict:
        return {"slug": self.slug, "name": self.name, "description": self.description}

    def __repr__(self) -> str:
        return f"<Theme {self.slug}>"
