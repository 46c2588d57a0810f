"""Follow buttons (write-up, theme, région) and "Mes abonnements"."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pvd_network.auth.permissions import can_follow, can_follow_writeup, can_view_writeup, permission_required
from pvd_network.core.urls import safe_next
from pvd_network.extensions import db
from pvd_network.geo.models import Region
from pvd_network.notifications import follows
from pvd_network.notifications.forms import FollowForm
from pvd_network.notifications.views import bp
from pvd_network.themes import services as theme_services
from pvd_network.writeups.models import Writeup
from pvd_network.writeups.urls import writeup_url


def _toggle(target, name: str, fallback: str, may_follow: bool = True):
    """Follow or stop following ``target`` as the form says, then back to the page."""
    form = FollowForm()
    if not form.validate_on_submit():
        abort(400)
    if form.follow.data == "1":
        if not may_follow:
            abort(403)
        follows.follow(current_user, target)
        message = _("Vous suivez « %(name)s ». Réglez vos courriels dans vos préférences de notification.",
                    name=name)
    else:
        follows.unfollow(current_user, target)
        message = _("Vous ne suivez plus « %(name)s ».", name=name)
    db.session.commit()
    flash(message, "success")
    return redirect(safe_next(form.next.data, fallback))


@bp.post("/abonnements/retours/<int:writeup_id>")
@permission_required(can_follow)
def follow_writeup(writeup_id: int):
    """Follow a write-up (new comments) or stop following it."""
    writeup = db.session.get(Writeup, writeup_id)
    if writeup is None or not can_view_writeup(current_user, writeup):
        abort(404)
    return _toggle(writeup, writeup.title, writeup_url(writeup), can_follow_writeup(current_user, writeup))


@bp.post("/abonnements/thematiques/<slug>")
@permission_required(can_follow)
def follow_theme(slug: str):
    """Follow a theme (new write-ups) or stop following it."""
    theme = theme_services.get_by_slug(slug) if len(slug) <= 60 else None
    if theme is None:
        abort(404)
    return _toggle(theme, theme.name, url_for("themes.show", slug=theme.slug))


@bp.post("/abonnements/territoires/<code>")
@permission_required(can_follow)
def follow_region(code: str):
    """Follow a région (new write-ups) or stop following it."""
    region = db.session.get(Region, code) if len(code) <= 3 else None
    if region is None:
        abort(404)
    return _toggle(region, region.name, url_for("catalogue.region", code=region.code))


@bp.get("/compte/abonnements")
@permission_required(can_follow)
def subscriptions():
    """What the member follows: write-ups, themes, régions, each with a button to stop."""
    return render_template(
        "notifications/subscriptions.html",
        found=follows.subscriptions_of(current_user),
        form=FollowForm(formdata=None, follow="0", next=url_for("notifications.subscriptions")),
    )
