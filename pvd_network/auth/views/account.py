""""Mon compte": passwords, address, personal data; and the forgotten password."""
from __future__ import annotations

import json

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from pvd_network.auth import personal_data, services, tokens
from pvd_network.auth.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    ConfirmForm,
    DeleteAccountForm,
    EmailOnlyForm,
    ResetPasswordForm,
)
from pvd_network.auth.permissions import member_required
from pvd_network.auth.views import apply_errors, bp, rate, render_form
from pvd_network.auth.views.registration import invalid_link
from pvd_network.extensions import db, limiter


def _stay_signed_in() -> None:
    """The session names the password it was opened with: renew it after a change."""
    cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    login_user(current_user._get_current_object(), remember=cookie in request.cookies)


@bp.get("/compte")
@member_required
def account():
    """The member's account: identity, security, personal data."""
    return render_template("auth/account.html")


@bp.route("/compte/mot-de-passe", methods=["GET", "POST"])
@member_required
def change_password():
    """Change the password, proving the current one."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data, form.password.data)
        except services.FieldErrors as error:
            apply_errors(form, error)
        else:
            db.session.commit()
            _stay_signed_in()
            flash(_("Votre mot de passe a été modifié."), "success")
            return redirect(url_for("auth.account"))
    return render_form("auth/change_password.html", form)


@bp.route("/compte/adresse-electronique", methods=["GET", "POST"])
@member_required
def change_email():
    """Ask for a new address; it takes effect once the link mailed to it is followed."""
    form = ChangeEmailForm()
    if form.validate_on_submit():
        try:
            address = services.request_email_change(current_user, form.email.data, form.password.data)
        except services.FieldErrors as error:
            apply_errors(form, error)
        else:
            db.session.commit()
            flash(_("Un lien de confirmation a été envoyé à %(email)s. Votre adresse changera quand vous "
                    "l'aurez suivi (il est valable 48 heures).", email=address), "info")
            return redirect(url_for("auth.account"))
    return render_form("auth/change_email.html", form)


@bp.route("/compte/adresse-electronique/confirmer/<token>", methods=["GET", "POST"])
def confirm_email_change(token: str):
    """Switch to the new address from the link mailed to it."""
    try:
        data = tokens.read_token(tokens.CHANGE_EMAIL, token)
    except tokens.InvalidToken as error:
        return invalid_link(error.reason, "email")
    new_email = data.payload.get("email", "")
    form = ConfirmForm()
    problem = None
    if form.validate_on_submit():
        try:
            services.change_email(data.user, new_email)
        except services.FieldErrors as error:
            problem = error.errors.get("email")
        else:
            db.session.commit()
            if current_user.is_authenticated and current_user.id == data.user.id:
                _stay_signed_in()
            flash(_("Votre adresse électronique est désormais %(email)s.", email=new_email), "success")
            return redirect(url_for("auth.account" if current_user.is_authenticated else "auth.login"))
    status = 422 if problem else 200
    return render_template("auth/confirm_email_change.html", form=form, new_email=new_email,
                           problem=problem), status


@bp.route("/mot-de-passe-oublie", methods=["GET", "POST"])
@limiter.shared_limit(rate("PASSWORD_RESET"), scope="mail-links", methods=["POST"])
def forgot_password():
    """Mail a reset link (the answer is the same whether the address is known or not)."""
    form = EmailOnlyForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        flash(_("Si un compte correspond à %(email)s, un lien pour choisir un nouveau mot de passe vient "
                "d'y être envoyé. Il est valable 1 heure.", email=form.email.data), "info")
        return redirect(url_for("auth.login"))
    return render_form("auth/forgot_password.html", form)


@bp.route("/mot-de-passe-oublie/<token>", methods=["GET", "POST"])
@limiter.shared_limit(rate("PASSWORD_RESET"), scope="mail-links", methods=["POST"])
def reset_password(token: str):
    """Choose a new password from the mailed link (single use, valid 1 hour)."""
    try:
        data = tokens.read_token(tokens.RESET, token)
    except tokens.InvalidToken as error:
        return invalid_link(error.reason, "reset")
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.reset_password(data.user, form.password.data)
        db.session.commit()
        if current_user.is_authenticated:
            logout_user()
        flash(_("Votre mot de passe a été modifié. Vous pouvez vous connecter."), "success")
        return redirect(url_for("auth.login"))
    return render_form("auth/reset_password.html", form)


@bp.get("/compte/mes-donnees")
@member_required
def export_data():
    """Download everything stored about me, as JSON."""
    data = personal_data.export(current_user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": 'attachment; filename="reseau-pvd-mes-donnees.json"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/compte/supprimer", methods=["GET", "POST"])
@member_required
def delete_account():
    """Erase my personal data, after confirming with the password."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            personal_data.delete_account(current_user, form.password.data)
        except services.FieldErrors as error:
            apply_errors(form, error)
        else:
            db.session.commit()
            logout_user()
            flash(_("Votre compte a été supprimé et vos données personnelles effacées."), "success")
            return redirect(url_for("main.index"))
    return render_form("auth/delete_account.html", form)
