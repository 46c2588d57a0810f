"""Mails about accounts: each receiver renders its message now and sends it after the commit."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import or_, select

from pvd_network.auth import signals, tokens
from pvd_network.auth.models import ROLE_ADMIN, ROLE_MODERATOR, STATUS_ACTIVE, User
from pvd_network.auth.permissions import can_review_account
from pvd_network.core.mail import build_message, send_after_commit
from pvd_network.extensions import db


def _send(recipients: list[str], subject: str, template: str, **context) -> None:
    recipients = [address for address in recipients if address]
    if recipients:
        send_after_commit(build_message(subject, recipients, f"auth/mail/{template}", **context))


def on_registered(user: User, **_kwargs) -> None:
    token = tokens.make_token(tokens.CONFIRM, user)
    _send(
        [user.email],
        _("Confirmez votre adresse électronique"),
        "confirm",
        user=user,
        link=url_for("auth.confirm_email", token=token, _external=True),
    )


def on_confirmed(user: User, awaiting_approval: bool = False, **_kwargs) -> None:
    if not awaiting_approval:
        return
    staff = db.session.scalars(
        select(User).where(
            User.status == STATUS_ACTIVE, or_(User.role == ROLE_ADMIN, User.role == ROLE_MODERATOR)
        )
    )
    link = url_for("users.pending_accounts", _external=True)
    for reviewer in staff:  # one message each: staff addresses are not shown to one another
        if can_review_account(reviewer, user):
            subject = _("Une inscription attend votre validation")
            _send([reviewer.email], subject, "pending", user=user, link=link)


def on_approved(user: User, **_kwargs) -> None:
    _send([user.email], _("Votre compte est validé"), "approved", user=user,
          link=url_for("auth.login", _external=True))


def on_refused(user: User, reason: str = "", **_kwargs) -> None:
    _send([user.email], _("Votre inscription n'a pas été validée"), "refused", user=user, reason=reason)


def on_suspended(user: User, reason: str = "", until=None, **_kwargs) -> None:
    _send([user.email], _("Votre compte est suspendu"), "suspended", user=user, reason=reason, until=until)


def on_reactivated(user: User, **_kwargs) -> None:
    _send([user.email], _("Votre compte est de nouveau actif"), "reactivated", user=user,
          link=url_for("auth.login", _external=True))


def on_password_reset_requested(user: User, **_kwargs) -> None:
    token = tokens.make_token(tokens.RESET, user)
    _send(
        [user.email],
        _("Réinitialisation de votre mot de passe"),
        "reset",
        user=user,
        link=url_for("auth.reset_password", token=token, _external=True),
    )


def on_password_changed(user: User, **_kwargs) -> None:
    _send([user.email], _("Votre mot de passe a été modifié"), "password_changed", user=user,
          link=url_for("auth.forgot_password", _external=True))


def on_email_change_requested(user: User, new_email: str = "", **_kwargs) -> None:
    token = tokens.make_token(tokens.CHANGE_EMAIL, user, email=new_email)
    _send(
        [new_email],
        _("Confirmez votre nouvelle adresse électronique"),
        "change_email",
        user=user,
        new_email=new_email,
        link=url_for("auth.confirm_email_change", token=token, _external=True),
    )


def on_email_changed(user: User, old_email: str = "", **_kwargs) -> None:
    _send([old_email], _("Votre adresse électronique a été modifiée"), "email_changed", user=user,
          new_email=user.email)


def on_deleted(user: User, email: str = "", **_kwargs) -> None:
    _send([email], _("Votre compte a été supprimé"), "deleted")


RECEIVERS = (
    (signals.registered, on_registered),
    (signals.confirmation_requested, on_registered),
    (signals.confirmed, on_confirmed),
    (signals.approved, on_approved),
    (signals.refused, on_refused),
    (signals.suspended, on_suspended),
    (signals.reactivated, on_reactivated),
    (signals.password_reset_requested, on_password_reset_requested),
    (signals.password_changed, on_password_changed),
    (signals.email_change_requested, on_email_change_requested),
    (signals.email_changed, on_email_changed),
    (signals.deleted, on_deleted),
)


def connect() -> None:
    """Subscribe the receivers (idempotent: blinker keeps one connection per receiver)."""
    for signal, receiver in RECEIVERS:
        signal.connect(receiver)
