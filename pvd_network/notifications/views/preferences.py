"""Email preferences per kind of notification, and the one-click unsubscribe link of emails."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pvd_network.auth.permissions import can_read_notifications, permission_required
from pvd_network.core.errors import render_error
from pvd_network.extensions import csrf, db
from pvd_network.notifications import emails, services
from pvd_network.notifications.forms import ActionForm, PreferencesForm
from pvd_network.notifications.models import DEFAULT_FREQUENCIES, FREQUENCIES, KINDS
from pvd_network.notifications.views import bp


@bp.route("/compte/notifications", methods=["GET", "POST"])
@permission_required(can_read_notifications)
def preferences():
    """How the member is emailed about each kind of notification."""
    if request.method == "GET":
        form = PreferencesForm(data=services.frequencies_of(current_user))
    else:
        form = PreferencesForm()
        if form.validate_on_submit():
            for kind in KINDS:
                services.set_frequency(current_user, kind, form[kind].data)
            db.session.commit()
            flash(_("Vos préférences de notification sont enregistrées."), "success")
            return redirect(url_for("notifications.preferences"))
    status = 400 if form.errors else 200
    return render_template(
        "notifications/preferences.html",
        form=form,
        kinds=KINDS,
        defaults={kind: FREQUENCIES[frequency] for kind, frequency in DEFAULT_FREQUENCIES.items()},
    ), status


@bp.route("/notifications/desabonnement/<token>", methods=["GET", "POST"])
@csrf.exempt  # checked below, except for the RFC 8058 one-click POST of mail clients
def unsubscribe(token: str):
    """From an email's link, signed in or not: GET asks to confirm, POST stops those emails."""
    try:
        user, scope = emails.read_unsubscribe_token(token)
    except emails.InvalidUnsubscribeLink:
        return render_error(
            400,
            _("Ce lien de désabonnement est incomplet, a été modifié ou a expiré. Vous pouvez régler vos "
              "courriels depuis la page « Préférences de notification » de votre compte."),
        )
    label = emails.scope_label(scope)
    if request.method == "POST":
        one_click = request.form.get("List-Unsubscribe") == "One-Click"
        if not one_click:
            csrf.protect()
        services.unsubscribe(user, emails.scope_kinds(user, scope))
        db.session.commit()
        return render_template("notifications/unsubscribed.html", label=label)
    return render_template("notifications/unsubscribe.html", label=label, form=ActionForm(formdata=None))
