"""Accounts: registration, confirmation, sign-in, passwords and addresses.

Services change data, flush and send a signal; they never commit (the view does, once).
Errors a visitor can fix are raised as :class:`FieldError`, naming the form field.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import distinct, func, select

from pvd_network.auth import signals, throttle
from pvd_network.auth.models import (
    FUNCTIONS,
    STATUS_ACTIVE,
    STATUS_PENDING,
    STATUS_SUSPENDED,
    STATUS_UNCONFIRMED,
    User,
)
from pvd_network.auth.passwords import hash_password, verify_password
from pvd_network.core.changes import record_change
from pvd_network.core.database import as_utc, utcnow
from pvd_network.core.text import fold
from pvd_network.extensions import db
from pvd_network.geo import services as geo_services
from pvd_network.geo.models import Commune


class FieldErrors(ValueError):
    """Input that is well-formed but refused (address taken, unknown commune...), by form field."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class FieldError(FieldErrors):
    """One refused field."""

    def __init__(self, field: str, message: str):
        super().__init__({field: message})
        self.field = field
        self.message = message


def normalize_email(email: str | None) -> str:
    """Addresses are compared and stored stripped and lowercased."""
    return (email or "").strip().lower()


def find_by_email(email: str) -> User | None:
    """The account with this address (any status), or None."""
    address = normalize_email(email)
    if not address:
        return None
    return db.session.scalar(select(User).where(User.email == address))


def email_taken(email: str, except_id: int | None = None) -> bool:
    user = find_by_email(email)
    return user is not None and user.id != except_id


# Entity name of accounts in the search change log (an author's name is indexed).
USER_ENTITY = "user"


def set_names(user: User, first_name: str, last_name: str) -> None:
    """Set the names and the folded form the directory searches."""
    renamed = (user.first_name, user.last_name) != (first_name.strip(), last_name.strip())
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.search_name = fold(f"{user.first_name} {user.last_name}")
    if renamed and user.id is not None:
        # Their write-ups are found by author name: search re-indexes them.
        record_change(USER_ENTITY, user.id)


def find_commune(text: str) -> Commune:
    """The commune typed in a form (see :func:`geo.services.resolve_commune`), else FieldError."""
    try:
        return geo_services.resolve_commune(text)
    except geo_services.CommuneNotFound as error:
        raise FieldError("commune", str(error)) from error


def register(
    *,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    commune: str,
    function: str,
    organisation: str,
) -> User:
    """Create an unconfirmed account and announce it (the confirmation mail follows the commit)."""
    address = normalize_email(email)
    errors = {}
    if email_taken(address):
        errors["email"] = _("Un compte existe déjà avec cette adresse électronique.")
    if function not in FUNCTIONS:
        errors["function"] = _("Choisissez une fonction dans la liste.")
    try:
        commune_insee = find_commune(commune).insee
    except FieldError as error:
        errors.update(error.errors)
    if errors:
        raise FieldErrors(errors)
    now = utcnow()
    user = User(
        email=address,
        password_hash=hash_password(password),
        function=function,
        organisation=organisation.strip(),
        commune_insee=commune_insee,
        status=STATUS_UNCONFIRMED,
        terms_accepted_at=now,
        status_changed_at=now,
    )
    set_names(user, first_name, last_name)
    db.session.add(user)
    db.session.flush()
    signals.registered.send(user)
    return user


def request_confirmation(email: str) -> None:
    """Send a new confirmation link if an unconfirmed account has this address (silently otherwise)."""
    user = find_by_email(email)
    if user is not None and user.status == STATUS_UNCONFIRMED:
        signals.confirmation_requested.send(user)


def confirm_email(user: User) -> None:
    """Mark the address confirmed; the account is active, or waits for validation if required."""
    now = utcnow()
    user.confirmed_at = now
    awaiting = bool(current_app.config.get("REQUIRE_APPROVAL"))
    user.status = STATUS_PENDING if awaiting else STATUS_ACTIVE
    user.status_changed_at = now
    if not awaiting:
        user.approved_at = now
    db.session.flush()
    signals.confirmed.send(user, awaiting_approval=awaiting)


# --- Sign-in --------------------------------------------------------------------------------

OK, INVALID, LOCKED, UNCONFIRMED, INACTIVE = "ok", "invalid", "locked", "unconfirmed", "inactive"


@dataclass
class SignIn:
    """Outcome of a sign-in attempt: ``outcome`` is one of the constants above."""

    outcome: str
    user: User | None = None
    locked_until: datetime | None = None


def authenticate(email: str, password: str) -> SignIn:
    """Check the credentials, counting failures per address (flushes; the view commits)."""
    address = normalize_email(email)
    until = throttle.locked_until(address)
    if until is not None:
        return SignIn(LOCKED, locked_until=until)
    user = find_by_email(address)
    if not verify_password(user.password_hash if user else None, password):
        if throttle.record_failure(address):
            return SignIn(LOCKED, locked_until=throttle.locked_until(address))
        return SignIn(INVALID)
    throttle.clear(address)
    lift_expired_suspension(user)
    if user.status == STATUS_UNCONFIRMED:
        return SignIn(UNCONFIRMED, user=user)
    if user.status != STATUS_ACTIVE:
        return SignIn(INACTIVE, user=user)
    user.last_login_at = utcnow()
    db.session.flush()
    return SignIn(OK, user=user)


# --- Passwords and addresses --------------------------------------------------------------


def request_password_reset(email: str) -> None:
    """Send a reset link when an account (not deleted) has this address; say nothing otherwise."""
    user = find_by_email(email)
    if user is not None and user.password_hash:
        signals.password_reset_requested.send(user)


def set_password(user: User, password: str) -> None:
    """Replace the password: older reset links, sessions and remember cookies stop working."""
    user.password_hash = hash_password(password)
    db.session.flush()
    signals.password_changed.send(user)


def reset_password(user: User, password: str) -> None:
    """Set a new password from a reset link; following the link also proves the address."""
    if user.status == STATUS_UNCONFIRMED:
        confirm_email(user)
    set_password(user, password)


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change the password of a signed-in member, who proves it with the current one."""
    if not verify_password(user.password_hash, current_password):
        raise FieldError("current_password", _("Le mot de passe actuel est incorrect."))
    set_password(user, new_password)


def request_email_change(user: User, new_email: str, password: str) -> str:
    """Send a confirmation link to the new address; nothing changes until it is followed."""
    if not verify_password(user.password_hash, password):
        raise FieldError("password", _("Le mot de passe est incorrect."))
    address = normalize_email(new_email)
    if address == user.email:
        raise FieldError("email", _("C'est déjà votre adresse électronique."))
    if email_taken(address, except_id=user.id):
        raise FieldError("email", _("Un compte existe déjà avec cette adresse électronique."))
    signals.email_change_requested.send(user, new_email=address)
    return address


def change_email(user: User, new_email: str) -> None:
    """Switch to the confirmed new address (checked again: it may have been taken meanwhile)."""
    address = normalize_email(new_email)
    if email_taken(address, except_id=user.id):
        raise FieldError("email", _("Un compte existe déjà avec cette adresse électronique."))
    old_email = user.email
    user.email = address
    db.session.flush()
    signals.email_changed.send(user, old_email=old_email)


# --- Figures ---------------------------------------------------------------------------------


def membership_counts() -> dict[str, int]:
    """Active members, and the distinct communes and régions they come from."""
    active = User.status == STATUS_ACTIVE
    members = db.session.scalar(select(func.count()).select_from(User).where(active)) or 0
    communes = db.session.scalar(select(func.count(distinct(User.commune_insee))).where(active)) or 0
    regions = (
        db.session.scalar(
            select(func.count(distinct(Commune.region_code)))
            .select_from(User)
            .join(Commune, Commune.insee == User.commune_insee)
            .where(active)
        )
        or 0
    )
    return {"members": members, "communes_represented": communes, "regions_represented": regions}


def lift_expired_suspension(user: User) -> bool:
    """Reactivate ``user`` when their suspension had an end date that has passed (flushes)."""
    until = as_utc(user.suspended_until)
    if user.status != STATUS_SUSPENDED or until is None or until > utcnow():
        return False
    user.status = STATUS_ACTIVE
    user.status_reason = ""
    user.status_changed_at = utcnow()
    user.suspended_until = None
    db.session.flush()
    signals.reactivated.send(user, by=None)
    return True


def load_user(user_id: str) -> User | None:
    """Flask-Login's loader: ``<id>:<stamp>``; stale stamps and inactive accounts sign out.

    A suspension whose end date has passed is lifted here, on the member's first request
    after it ran out (committed at once: it happens before the view does anything)."""
    ident, _sep, stamp = (user_id or "").partition(":")
    if not ident.isdigit():
        return None
    user = db.session.get(User, int(ident))
    if user is not None and user.suspended_until is not None and lift_expired_suspension(user):
        db.session.commit()
    if user is None or not user.is_active or stamp != user.session_stamp:
        return None
    return user
