"""Member accounts, their roles and the sign-in throttle."""
from __future__ import annotations

import hashlib
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pvd_network.core.database import TimestampMixin
from pvd_network.extensions import db
from pvd_network.geo.models import Commune, Region

# What a member does in the programme: stored code -> label shown in French.
FUNCTIONS = {
    "chef-projet": _l("Chef·fe de projet PVD"),
    "partenaire": _l("Partenaire"),
    "elu": _l("Élu·e"),
    "agent": _l("Agent de collectivité"),
    "autre": _l("Autre"),
}

ROLE_MEMBER, ROLE_MODERATOR, ROLE_ADMIN = "member", "moderator", "admin"
ROLES = {
    ROLE_MEMBER: _l("Membre"),
    ROLE_MODERATOR: _l("Modérateur·rice"),
    ROLE_ADMIN: _l("Administrateur·rice"),
}

# Account life cycle: unconfirmed -> (pending ->) active <-> suspended; refused; deleted.
STATUS_UNCONFIRMED = "unconfirmed"
STATUS_PENDING = "pending"
STATUS_ACTIVE = "active"
STATUS_SUSPENDED = "suspended"
STATUS_REFUSED = "refused"
STATUS_DELETED = "deleted"
STATUSES = {
    STATUS_UNCONFIRMED: _l("Adresse non confirmée"),
    STATUS_PENDING: _l("En attente de validation"),
    STATUS_ACTIVE: _l("Actif"),
    STATUS_SUSPENDED: _l("Suspendu"),
    STATUS_REFUSED: _l("Refusé"),
    STATUS_DELETED: _l("Supprimé"),
}

FORMER_MEMBER = _l("Ancien membre")


def member_display_name(first_name: str | None, last_name: str | None, status: str) -> str:
    """"Prénom Nom", or "Ancien membre" once the account is deleted (also for rows read
    without loading the account, catalogue/cards.py)."""
    if status == STATUS_DELETED:
        return str(FORMER_MEMBER)
    return f"{first_name or ''} {last_name or ''}".strip()


moderator_regions = Table(
    "moderator_regions",
    db.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("region_code", ForeignKey("regions.code", ondelete="CASCADE"), primary_key=True),
)


class User(TimestampMixin, db.Model):
    """A member of Réseau PVD; personal data is erased (the row kept) when the account is deleted."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Stored stripped and lowercased; NULL once the account is deleted.
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    first_name: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    last_name: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    # "prénom nom" folded (no case, no accents): what the directory's name search matches.
    search_name: Mapped[str] = mapped_column(String(201), nullable=False, default="", index=True)
    function: Mapped[str] = mapped_column(String(20), nullable=False, default="autre")
    organisation: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    commune_insee: Mapped[str | None] = mapped_column(
        ForeignKey("communes.insee", ondelete="SET NULL"), index=True
    )
    bio: Mapped[str] = mapped_column(Text, nullable=False, default="")
    bio_html: Mapped[str] = mapped_column(Text, nullable=False, default="")
    avatar: Mapped[str | None] = mapped_column(String(80))
    locale: Mapped[str | None] = mapped_column(String(5))

    role: Mapped[str] = mapped_column(String(20), nullable=False, default=ROLE_MEMBER)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default=STATUS_UNCONFIRMED, index=True)
    # Why the account was suspended or refused, shown to its owner.
    status_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    status_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    terms_accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # A suspension with an end date lifts itself then (NULL: until a moderator reactivates).
    suspended_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # "Contributeur de confiance": their write-ups publish without review (moderation).
    trusted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    commune: Mapped[Commune | None] = relationship(lazy="joined")
    moderated_regions: Mapped[list[Region]] = relationship(
        secondary=moderator_regions, order_by="Region.name", lazy="selectin"
    )

    # --- Flask-Login ---------------------------------------------------------------------

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.status == STATUS_ACTIVE

    @property
    def is_anonymous(self) -> bool:
        return False

    @property
    def session_stamp(self) -> str:
        """Changes with the password: sessions and remember cookies made before stop working."""
        return hashlib.sha256((self.password_hash or "").encode()).hexdigest()[:12]

    def get_id(self) -> str:
        return f"{self.id}:{self.session_stamp}"

    # --- Display -------------------------------------------------------------------------

    @property
    def is_deleted(self) -> bool:
        return self.status == STATUS_DELETED

    @property
    def display_name(self) -> str:
        """"Prénom Nom", or "Ancien membre" once the account is deleted."""
        return member_display_name(self.first_name, self.last_name, self.status)

    @property
    def initials(self) -> str:
        if self.is_deleted:
            return "?"
        return ((self.first_name[:1] + self.last_name[:1]) or "?").upper()

    @property
    def function_label(self) -> str:
        return str(FUNCTIONS.get(self.function, ""))

    @property
    def role_label(self) -> str:
        return str(ROLES.get(self.role, self.role))

    @property
    def status_label(self) -> str:
        return str(STATUSES.get(self.status, self.status))

    def __repr__(self) -> str:
        return f"<User {self.id} {self.status} {self.role}>"


class SignInThrottle(db.Model):
    """Failed sign-ins per submitted address (hashed), whether or not an account has it.

    Keying on the address rather than on the account locks unknown addresses the same way
    as real ones, so the lockout message tells nothing about which addresses exist.
    """

    __tablename__ = "sign_in_throttles"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    window_started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
