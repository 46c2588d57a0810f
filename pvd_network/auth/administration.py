"""Accounts seen from the staff side: validation, suspension, roles, accounts made by the CLI."""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import Select, select

from pvd_network.auth import signals
from pvd_network.auth.models import (
    FUNCTIONS,
    ROLE_ADMIN,
    ROLE_MODERATOR,
    ROLES,
    STATUS_ACTIVE,
    STATUS_DELETED,
    STATUS_PENDING,
    STATUS_REFUSED,
    STATUS_SUSPENDED,
    User,
)
from pvd_network.auth.passwords import hash_password
from pvd_network.auth.services import FieldError, email_taken, normalize_email, set_names
from pvd_network.core.database import utcnow
from pvd_network.extensions import db
from pvd_network.geo.models import Commune, Region


class NotAllowed(Exception):
    """A change that the account's state does not permit (already active, last admin...)."""


def pending_accounts_query(region_codes: set[str] | None) -> Select:
    """Accounts waiting for validation, oldest first, within ``region_codes`` (None: all)."""
    statement = select(User).where(User.status == STATUS_PENDING).order_by(User.confirmed_at, User.id)
    if region_codes is not None:
        statement = statement.join(Commune, Commune.insee == User.commune_insee).where(
            Commune.region_code.in_(region_codes)
        )
    return statement


def _set_status(user: User, status: str, reason: str = "") -> None:
    user.status = status
    user.status_reason = reason.strip()
    user.status_changed_at = utcnow()


def approve(actor: User, user: User) -> None:
    """Validate a waiting account: it can sign in from now on."""
    if user.status != STATUS_PENDING:
        raise NotAllowed(_("Ce compte n'est pas en attente de validation."))
    _set_status(user, STATUS_ACTIVE)
    user.approved_at = utcnow()
    db.session.flush()
    signals.approved.send(user, by=actor)


def refuse(actor: User, user: User, reason: str) -> None:
    """Refuse a waiting account; its owner receives ``reason`` by mail."""
    if user.status != STATUS_PENDING:
        raise NotAllowed(_("Ce compte n'est pas en attente de validation."))
    _set_status(user, STATUS_REFUSED, reason)
    db.session.flush()
    signals.refused.send(user, by=actor, reason=user.status_reason)


def suspend(actor: User, user: User, reason: str, until: datetime | None = None) -> None:
    """Suspend an active account: it is signed out and told ``reason`` when signing in.
    With ``until`` the suspension lifts itself at that time (see services.lift_expired_suspension)."""
    if user.status != STATUS_ACTIVE:
        raise NotAllowed(_("Seul un compte actif peut être suspendu."))
    if user.role == ROLE_ADMIN and _other_admins(user) == 0:
        raise NotAllowed(_("Impossible de suspendre le dernier administrateur."))
    _set_status(user, STATUS_SUSPENDED, reason)
    user.suspended_until = until
    db.session.flush()
    signals.suspended.send(user, by=actor, reason=user.status_reason, until=until)


def reactivate(actor: User, user: User) -> None:
    """Lift a suspension (or a refusal): the account is active again."""
    if user.status not in (STATUS_SUSPENDED, STATUS_REFUSED):
        raise NotAllowed(_("Ce compte n'est ni suspendu ni refusé."))
    _set_status(user, STATUS_ACTIVE)
    user.suspended_until = None
    if user.approved_at is None:
        user.approved_at = utcnow()
    db.session.flush()
    signals.reactivated.send(user, by=actor)


def set_trusted(actor: User, user: User, trusted: bool) -> None:
    """Mark (or unmark) a member as "contributeur de confiance": their write-ups publish without review."""
    if user.status == STATUS_DELETED:
        raise NotAllowed(_("Ce compte a été supprimé."))
    if trusted == (user.trusted_at is not None):
        raise NotAllowed(_("Ce membre est déjà contributeur de confiance.") if trusted
                         else _("Ce membre n'est pas contributeur de confiance."))
    user.trusted_at = utcnow() if trusted else None
    db.session.flush()
    signals.trust_changed.send(user, by=actor, trusted=trusted)


def _other_admins(user: User) -> int:
    statement = select(User.id).where(
        User.role == ROLE_ADMIN, User.status == STATUS_ACTIVE, User.id != user.id
    )
    return len(db.session.scalars(statement).all())


def set_role(actor: User | None, user: User, role: str, region_codes: list[str] | None = None) -> None:
    """Give ``user`` a role; moderators may be limited to some régions (none: everywhere)."""
    if role not in ROLES:
        raise FieldError("role", _("Choisissez un rôle dans la liste."))
    if user.status == STATUS_DELETED:
        raise NotAllowed(_("Ce compte a été supprimé."))
    if user.role == ROLE_ADMIN and role != ROLE_ADMIN and _other_admins(user) == 0:
        raise NotAllowed(_("Impossible de retirer son rôle au dernier administrateur."))
    regions: list[Region] = []
    if role == ROLE_MODERATOR and region_codes:
        codes = sorted(set(region_codes))
        regions = list(db.session.scalars(select(Region).where(Region.code.in_(codes))))
        if len(regions) != len(codes):
            raise FieldError("regions", _("Région inconnue."))
    old_role = user.role
    user.role = role
    user.moderated_regions = regions
    db.session.flush()
    signals.role_changed.send(user, by=actor, old_role=old_role)


def create_confirmed_account(
    email: str,
    password: str,
    *,
    role: str = "member",
    first_name: str = "",
    last_name: str = "",
    function: str = "autre",
    organisation: str = "",
    commune_insee: str | None = None,
) -> User:
    """An account that is confirmed and active at once (CLI, demo content)."""
    address = normalize_email(email)
    if email_taken(address):
        raise FieldError("email", _("Un compte existe déjà avec cette adresse électronique."))
    if function not in FUNCTIONS:
        raise FieldError("function", _("Choisissez une fonction dans la liste."))
    if role not in ROLES:
        raise FieldError("role", _("Choisissez un rôle dans la liste."))
    now = utcnow()
    user = User(
        email=address,
        password_hash=hash_password(password),
        role=role,
        function=function,
        organisation=organisation,
        commune_insee=commune_insee,
        status=STATUS_ACTIVE,
        confirmed_at=now,
        approved_at=now,
        status_changed_at=now,
        terms_accepted_at=now,
    )
    set_names(user, first_name, last_name)
    db.session.add(user)
    db.session.flush()
    return user

