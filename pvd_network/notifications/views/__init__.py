"""Pages of follows and notifications: the bell, the list, "Mes abonnements", email preferences
and the unsubscribe link of emails."""
from __future__ import annotations

from flask import Blueprint, g
from flask_login import current_user

from pvd_network.auth.permissions import can_read_notifications
from pvd_network.notifications.services import unread_count

bp = Blueprint("notifications", __name__)


@bp.app_template_global()
def unread_notifications() -> int | None:
    """The signed-in member's unread count for the header bell (None for visitors): one
    query per request at most, remembered on ``g``."""
    if not can_read_notifications(current_user):
        return None
    if "pvd_unread_notifications" not in g:
        g.pvd_unread_notifications = unread_count(current_user)
    return g.pvd_unread_notifications


from pvd_network.notifications.views import inbox, preferences, subscriptions  # noqa: E402, F401
