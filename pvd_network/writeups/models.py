"""Write-ups, their revisions and attachments."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pvd_network.core.database import TimestampMixin, utcnow
from pvd_network.core.moderation import HideableMixin
from pvd_network.extensions import db

# Life cycle (DESIGN.md §5): draft → submitted → published | changes_requested | rejected;
# published → hidden (moderation, through HideableMixin) → published; archived.
DRAFT = "draft"
SUBMITTED = "submitted"
PUBLISHED = "published"
CHANGES_REQUESTED = "changes_requested"
REJECTED = "rejected"
ARCHIVED = "archived"
STATUSES = {
    DRAFT: _l("Brouillon"),
    SUBMITTED: _l("En attente de relecture"),
    PUBLISHED: _l("Publié"),
    CHANGES_REQUESTED: _l("Modifications demandées"),
    REJECTED: _l("Refusé"),
    ARCHIVED: _l("Archivé"),
}

# Stages, keyed by the slugs of the import contract (shared/IMPORT_FORMAT.md).
STAGES = {
    "idee": _l("Idée"),
    "en-cours": _l("En cours"),
    "realise": _l("Réalisé"),
}

PUBLIC, MEMBERS = "public", "members"
VISIBILITIES = {PUBLIC: _l("Tout le monde"), MEMBERS: _l("Membres connectés uniquement")}

# The Markdown sections, in page order: (field, French title).
SECTIONS = (
    ("context", _l("Contexte")),
    ("actions", _l("Actions menées")),
    ("results", _l("Résultats")),
    ("lessons", _l("Difficultés et enseignements")),
)

writeup_themes = Table(
    "writeup_themes",
    db.metadata,
    Column("writeup_id", ForeignKey("writeups.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Writeup(TimestampMixin, HideableMixin, db.Model):
    """A retour d'expérience. Markdown sections are stored with their sanitised HTML."""

    __tablename__ = "writeups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(90), nullable=False, default="")
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    summary: Mapped[str] = mapped_column(String(600), nullable=False, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    commune_insee: Mapped[str] = mapped_column(ForeignKey("communes.insee"), nullable=False, index=True)
    # Copied from the commune on save: listings filter on them without a join.
    department_code: Mapped[str] = mapped_column(String(3), nullable=False, index=True)
    region_code: Mapped[str] = mapped_column(String(3), nullable=False, index=True)

    context: Mapped[str] = mapped_column(Text, nullable=False, default="")
    context_html: Mapped[str] = mapped_column(Text, nullable=False, default="")
    actions: Mapped[str] = mapped_column(Text, nullable=False, default="")
    actions_html: Mapped[str] = mapped_column(Text, nullable=False, default="")
    results: Mapped[str] = mapped_column(Text, nullable=False, default="")
    results_html: Mapped[str] = mapped_column(Text, nullable=False, default="")
    lessons: Mapped[str] = mapped_column(Text, nullable=False, default="")
    lessons_html: Mapped[str] = mapped_column(Text, nullable=False, default="")

    budget_eur: Mapped[int | None] = mapped_column(Integer)
    funders: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    partners: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    stage: Mapped[str | None] = mapped_column(String(10))
    year: Mapped[int | None] = mapped_column(Integer)
    cover: Mapped[str | None] = mapped_column(String(80))  # file name under <instance>/uploads/covers/
    visibility: Mapped[str] = mapped_column(String(10), nullable=False, default=PUBLIC)

    status: Mapped[str] = mapped_column(String(20), nullable=False, default=DRAFT)
    # The last moderation message (changes requested, rejection reason), shown to the author.
    moderation_message: Mapped[str] = mapped_column(Text, nullable=False, default="")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Idempotency key of `flask writeups import`.
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    # Kept by the discussions feature: visible comments and "utile" reactions, for listings.
    comment_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    useful_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    # A moderator locked the discussion: no new comments.
    discussion_locked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    author = relationship("User", foreign_keys=[author_id], lazy="joined")
    commune = relationship("Commune", lazy="joined", innerjoin=True)
    themes = relationship("Theme", secondary=writeup_themes, order_by="Theme.position", lazy="selectin")
    revisions: Mapped[list[WriteupRevision]] = relationship(
        back_populates="writeup", order_by="WriteupRevision.number", cascade="all, delete-orphan",
        lazy="select",
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="writeup", order_by="Attachment.id", cascade="all, delete-orphan", lazy="selectin"
    )

    __table_args__ = (
        Index("ix_writeups_status_published_at", "status", "published_at"),
        Index("ix_writeups_visible_listing", "status", "hidden_at", "visibility", "published_at"),
        # Territory listings and their counts read only these columns (benchmarks/pages.py).
        Index("ix_writeups_region_listing", "region_code", "status", "visibility", "hidden_at",
              "published_at"),
        Index("ix_writeups_department_listing", "department_code", "status", "visibility", "hidden_at",
              "published_at"),
    )

    @property
    def is_published(self) -> bool:
        return self.status == PUBLISHED

    @property
    def is_visible_to_public(self) -> bool:
        return self.status == PUBLISHED and self.hidden_at is None and self.visibility == PUBLIC

    @property
    def status_label(self) -> str:
        return str(STATUSES.get(self.status, self.status))

    @property
    def stage_label(self) -> str:
        return str(STAGES.get(self.stage, "")) if self.stage else ""

    def __repr__(self) -> str:
        return f"<Writeup {self.id} {self.status} {self.slug}>"


class WriteupRevision(db.Model):
    """A snapshot of a write-up's content each time it is published or edited once published."""

    __tablename__ = "writeup_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    writeup_id: Mapped[int] = mapped_column(ForeignKey("writeups.id", ondelete="CASCADE"), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    # Every content field as it was: title, summary, sections, budget, funders, partners,
    # stage, year, commune_insee, themes (slugs), visibility.
    content: Mapped[dict] = mapped_column(JSON, nullable=False)
    note: Mapped[str] = mapped_column(String(300), nullable=False, default="")

    writeup: Mapped[Writeup] = relationship(back_populates="revisions")
    editor = relationship("User", foreign_keys=[editor_id], lazy="joined")

    __table_args__ = (Index("ix_writeup_revisions_writeup_number", "writeup_id", "number", unique=True),)


class Attachment(TimestampMixin, db.Model):
    """A PDF or image attached to a write-up, stored under <instance>/uploads/attachments/."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    writeup_id: Mapped[int] = mapped_column(
        ForeignKey("writeups.id", ondelete="CASCADE"), nullable=False, index=True
    )
    stored_name: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)  # random
    original_name: Mapped[str] = mapped_column(String(200), nullable=False)
    content_type: Mapped[str] = mapped_column(String(80), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)

    writeup: Mapped[Writeup] = relationship(back_populates="attachments")
