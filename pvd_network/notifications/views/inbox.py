"""The notification list: newest first, unread ones marked; open (marks read), mark read."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from pvd_network.auth.permissions import can_read_notification, can_read_notifications, permission_required
from pvd_network.core.pagination import parse_page
from pvd_network.core.urls import safe_next
from pvd_network.extensions import db
from pvd_network.notifications import presenting, services
from pvd_network.notifications.forms import ActionForm
from pvd_network.notifications.models import Notification
from pvd_network.notifications.views import bp, unread_notifications


def _own_or_404(notification_id: int) -> Notification:
    """The current member's notification, if it may still be shown; 404 for anything else
    (another member's notification exists for nobody but them)."""
    notification = db.session.get(Notification, notification_id)
    if (
        notification is None
        or not can_read_notification(current_user, notification)
        or not services.is_shown(notification)
    ):
        abort(404)
    return notification


@bp.get("/notifications")
@permission_required(can_read_notifications)
def index():
    """The member's notifications, newest first, 20 a page; unread ones marked."""
    page = services.page_of(current_user, parse_page(request.args.get("page")))
    return render_template(
        "notifications/index.html",
        page=page,
        items=[presenting.describe(notification) for notification in page.items],
        unread=unread_notifications(),
        form=ActionForm(formdata=None),
        page_url=lambda number: url_for("notifications.index", page=number),
    )


@bp.get("/notifications/<int:notification_id>")
@permission_required(can_read_notifications)
def open_notification(notification_id: int):
    """Mark the notification read and go where it leads (the comment, the write-up)."""
    notification = _own_or_404(notification_id)
    services.mark_read(notification)
    db.session.commit()
    return redirect(services.target_url(notification))


@bp.post("/notifications/<int:notification_id>/lu")
@permission_required(can_read_notifications)
def mark_read(notification_id: int):
    """Mark one notification read, back to the list."""
    notification = _own_or_404(notification_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    services.mark_read(notification)
    db.session.commit()
    flash(_("La notification est marquée comme lue."), "success")
    fallback = url_for("notifications.index")
    return redirect(safe_next(request.form.get("next"), fallback) + f"#notification-{notification.id}")


@bp.post("/notifications/tout-lu")
@permission_required(can_read_notifications)
def mark_all_read():
    """Mark every notification of the member read."""
    if not ActionForm().validate_on_submit():
        abort(400)
    count = services.unread_count(current_user)  # those shown: hidden content is not counted
    services.mark_all_read(current_user)
    db.session.commit()
    if count:
        flash(ngettext("%(num)s notification marquée comme lue.",
                       "%(num)s notifications marquées comme lues.", count), "success")
    else:
        flash(_("Vous n'aviez aucune notification non lue."), "info")
    return redirect(url_for("notifications.index"))
