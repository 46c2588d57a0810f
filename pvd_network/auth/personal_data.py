"""RGPD: everything stored about a member ("Mes données"), and erasing it ("Supprimer mon compte")."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from pvd_network.auth import signals
from pvd_network.auth.models import ROLE_MEMBER, STATUS_DELETED, STATUS_UNCONFIRMED, User
from pvd_network.auth.passwords import verify_password
from pvd_network.auth.services import USER_ENTITY, FieldError
from pvd_network.core import uploads
from pvd_network.core.changes import record_change
from pvd_network.core.database import as_utc, utcnow
from pvd_network.core.transactions import after_commit
from pvd_network.extensions import db

EXPORT_FORMAT = 1
# Retention periods, as stated on the "Données personnelles" page.
INACTIVE_RETENTION = timedelta(days=3 * 365)
UNCONFIRMED_RETENTION = timedelta(days=7)


def _iso(value: datetime | None) -> str | None:
    value = as_utc(value)
    return value.isoformat() if value else None


def export(user: User) -> dict:
    """The member's data as JSON-able dict: the account, then what each feature contributes."""
    commune = user.commune
    data = {
        "format": EXPORT_FORMAT,
        "exported_at": _iso(utcnow()),
        "account": {
            "id": user.id,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "function": user.function,
            "function_label": user.function_label,
            "organisation": user.organisation,
            "commune": None
            if commune is None
            else {
                "insee": commune.insee,
                "name": commune.name,
                "department": commune.department.name,
                "region": commune.region.name,
            },
            "bio_markdown": user.bio,
            "avatar": bool(user.avatar),
            "locale": user.locale,
            "role": user.role,
            "moderated_regions": [region.name for region in user.moderated_regions],
            "status": user.status,
            "status_reason": user.status_reason or None,
            "created_at": _iso(user.created_at),
            "terms_accepted_at": _iso(user.terms_accepted_at),
            "confirmed_at": _iso(user.confirmed_at),
            "approved_at": _iso(user.approved_at),
            "last_login_at": _iso(user.last_login_at),
        },
    }
    # Features holding content (write-ups, comments...) add their own sections.
    for _receiver, section in signals.personal_data_requested.send(user):
        if section:
            name, content = section
            data[name] = content
    return data


def delete_account(user: User, password: str) -> None:
    """The member erases their account, confirming with the password."""
    if not verify_password(user.password_hash, password):
        raise FieldError("password", _("Le mot de passe est incorrect."))
    erase(user)


def erase(user: User, *, notify: bool = True) -> None:
    """Erase the member's personal data; their contributions remain, signed "Ancien membre"."""
    signals.erasing.send(user)
    record_change(USER_ENTITY, user.id)  # their write-ups are now signed "Ancien membre"
    email, avatar = user.email, user.avatar
    now = utcnow()
    user.email = None
    user.password_hash = None
    user.first_name = user.last_name = user.search_name = ""
    user.organisation = ""
    user.function = "autre"
    user.commune_insee = None
    user.bio = user.bio_html = ""
    user.avatar = None
    user.locale = None
    user.role = ROLE_MEMBER
    user.moderated_regions = []
    user.status = STATUS_DELETED
    user.status_reason = ""
    user.status_changed_at = now
    user.last_login_at = None
    user.deleted_at = now
    db.session.flush()
    after_commit(lambda: uploads.remove("avatars", avatar))
    if notify:
        signals.deleted.send(user, email=email)


def purge(now: datetime | None = None) -> dict[str, int]:
    """Apply the retention periods of the "Données personnelles" page (run daily by cron).

    Accounts unused for 3 years are erased like a deletion; registrations never confirmed
    are erased after 7 days. Nobody is mailed: the addresses may be long dead.
    """
    now = now or utcnow()
    inactive = select(User).where(
        User.status != STATUS_DELETED,
        User.status != STATUS_UNCONFIRMED,
        func.coalesce(User.last_login_at, User.created_at) < now - INACTIVE_RETENTION,
    )
    unconfirmed = select(User).where(
        User.status == STATUS_UNCONFIRMED, User.created_at < now - UNCONFIRMED_RETENTION
    )
    counts = {"inactive": 0, "unconfirmed": 0}
    for key, statement in (("inactive", inactive), ("unconfirmed", unconfirmed)):
        for user in db.session.scalars(statement).all():
            erase(user, notify=False)
            counts[key] += 1
    return counts
