"""Registration and confirmation of the address."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pvd_network.auth import services, tokens
from pvd_network.auth.forms import ConfirmForm, EmailOnlyForm, RegistrationForm
from pvd_network.auth.models import STATUS_PENDING
from pvd_network.auth.views import apply_errors, bp, rate, render_form
from pvd_network.extensions import db, limiter


@bp.route("/inscription", methods=["GET", "POST"])
@limiter.limit(rate("REGISTER"), methods=["POST"])
def register():
    """Create an account; a confirmation link is mailed to the address."""
    if current_user.is_authenticated:
        return redirect(url_for("auth.account"))
    form = RegistrationForm()
    if form.validate_on_submit():
        try:
            services.register(
                first_name=form.first_name.data,
                last_name=form.last_name.data,
                email=form.email.data,
                password=form.password.data,
                commune=form.commune.data,
                function=form.function.data,
                organisation=form.organisation.data,
            )
        except services.FieldErrors as error:
            apply_errors(form, error)
        else:
            db.session.commit()
            return redirect(url_for("auth.register_done"))
    return render_form("auth/register.html", form)


@bp.get("/inscription/verifiez-vos-courriels")
def register_done():
    """Tell the new member to follow the link mailed to them."""
    return render_template("auth/register_done.html")


@bp.route("/inscription/nouveau-lien", methods=["GET", "POST"])
@limiter.shared_limit(rate("PASSWORD_RESET"), scope="mail-links", methods=["POST"])
def resend_confirmation():
    """Mail a new confirmation link (the answer is the same whether the address is known or not)."""
    form = EmailOnlyForm()
    if form.validate_on_submit():
        services.request_confirmation(form.email.data)
        db.session.commit()
        flash(_("Si un compte non confirmé correspond à cette adresse, un nouveau lien vient d'y être "
                "envoyé. Il est valable 48 heures."), "info")
        return redirect(url_for("auth.login"))
    return render_form("auth/resend_confirmation.html", form)


def invalid_link(reason: str, kind: str):
    """The page shown for a tampered, expired or already used link."""
    return render_template("auth/invalid_link.html", reason=reason, kind=kind), 400


@bp.route("/inscription/confirmer/<token>", methods=["GET", "POST"])
def confirm_email(token: str):
    """Confirm the address with the mailed link (a button: mail scanners only follow links)."""
    try:
        data = tokens.read_token(tokens.CONFIRM, token)
    except tokens.InvalidToken as error:
        return invalid_link(error.reason, "confirm")
    form = ConfirmForm()
    if form.validate_on_submit():
        services.confirm_email(data.user)
        db.session.commit()
        if data.user.status == STATUS_PENDING:
            return render_template("auth/awaiting_approval.html")
        flash(_("Votre adresse électronique est confirmée. Vous pouvez maintenant vous connecter."),
              "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/confirm_email.html", form=form, user=data.user)


@bp.get("/conditions-generales-d-utilisation")
def terms():
    """The terms of use accepted at registration."""
    return render_template("auth/terms.html")
