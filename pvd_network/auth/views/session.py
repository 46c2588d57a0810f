"""Signing in and out."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_datetime, format_time
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from pvd_network.auth import services
from pvd_network.auth.forms import LoginForm
from pvd_network.auth.models import STATUS_PENDING, STATUS_REFUSED, STATUS_SUSPENDED
from pvd_network.auth.views import INVALID_FORM, bp, rate
from pvd_network.core.urls import safe_next
from pvd_network.extensions import db, limiter

LOCKED = 429


def refusal(result: services.SignIn) -> tuple[str, str]:
    """(kind, French message) explaining why a sign-in was refused."""
    if result.outcome == services.LOCKED:
        return "locked", _(
            "Trop de tentatives de connexion ont échoué avec cette adresse. Par sécurité, la connexion "
            "est bloquée pendant 15 minutes (jusqu'à %(time)s). Réessayez ensuite, ou réinitialisez "
            "votre mot de passe.",
            time=format_time(result.locked_until, "short"),
        )
    if result.outcome == services.UNCONFIRMED:
        return "unconfirmed", _(
            "Votre adresse électronique n'est pas encore confirmée : suivez le lien reçu par courriel."
        )
    if result.outcome == services.INACTIVE:
        user = result.user
        if user.status == STATUS_PENDING:
            return "pending", _(
                "Votre compte est en attente de validation par l'équipe d'animation. "
                "Vous recevrez un courriel dès qu'il sera validé."
            )
        if user.status == STATUS_SUSPENDED and user.suspended_until:
            return "suspended", _("Votre compte est suspendu jusqu'au %(date)s. Motif : %(reason)s",
                                  date=format_datetime(user.suspended_until, _("d MMMM yyyy 'à' HH:mm")),
                                  reason=user.status_reason)
        if user.status == STATUS_SUSPENDED:
            return "suspended", _("Votre compte est suspendu. Motif : %(reason)s", reason=user.status_reason)
        if user.status == STATUS_REFUSED:
            return "refused", _("Votre inscription n'a pas été validée. Motif : %(reason)s",
                                reason=user.status_reason)
    return "invalid", _("Adresse électronique ou mot de passe incorrect.")


@bp.route("/connexion", methods=["GET", "POST"])
@limiter.limit(rate("SIGN_IN"), methods=["POST"])
def login():
    """Sign in with address and password; "se souvenir de moi" keeps the session 30 days."""
    fallback = url_for("main.index")
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next"), url_for("auth.account")))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next"), "")
    problem = None
    if form.validate_on_submit():
        result = services.authenticate(form.email.data, form.password.data)
        db.session.commit()  # failed attempts count even when the sign-in is refused
        if result.outcome == services.OK:
            login_user(result.user, remember=form.remember.data)
            flash(_("Bienvenue, %(name)s.", name=result.user.first_name), "success")
            return redirect(safe_next(form.next.data, fallback))
        problem = refusal(result)
    status = 200
    if form.is_submitted():
        status = LOCKED if problem and problem[0] == "locked" else INVALID_FORM
    return render_template("auth/login.html", form=form, problem=problem), status


@bp.post("/deconnexion")
def logout():
    """Sign out (POST only, with the form's CSRF token)."""
    if current_user.is_authenticated:
        logout_user()
        flash(_("Vous êtes déconnecté·e. À bientôt sur Réseau PVD."), "info")
    return redirect(url_for("main.index"))
