"""``GET /api/v1/members/suggest?q=``: members offered while typing "@" in a comment."""
from __future__ import annotations

from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from pvd_network.auth.permissions import can_suggest_members
from pvd_network.core.errors import render_error
from pvd_network.discussions import mentions
from pvd_network.discussions.views import bp
from pvd_network.extensions import limiter

MAX_QUERY = 100
RATE_LIMIT = "120/minute"


@bp.get("/api/v1/members/suggest")
@limiter.limit(RATE_LIMIT)
def suggest_members():
    """Up to 8 active members whose first or last name starts with ``q`` (members only)."""
    if not current_user.is_authenticated:
        return render_error(401, _("Connectez-vous pour mentionner des membres."))
    if not can_suggest_members(current_user):
        return render_error(403)
    query = request.args.get("q", "")
    if len(query) > MAX_QUERY:
        return render_error(400, _("Saisie trop longue : %(max)s caractères au plus.", max=MAX_QUERY))
    results = []
    for user in mentions.suggest(query, exclude_id=current_user.id):
        detail = " · ".join(part for part in (user.function_label, user.commune.name if user.commune else "")
                            if part)
        results.append({"id": user.id, "name": user.display_name, "detail": detail,
                         "url": mentions.profile_path(user)})
    return jsonify(query=query, results=results)
