"""JSON API, read-only (blueprint ``api``, prefix ``/api/v1``).

Anonymous callers see public write-ups; a signed-in member (session cookie) also sees
members-only ones — the same rule as the pages (writeups.services.visible_condition).
Only GET routes: there is nothing to protect from cross-site requests.
"""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from pvd_network.api import openapi, params, serializers
from pvd_network.catalogue import services
from pvd_network.core.errors import MESSAGES
from pvd_network.extensions import db, limiter
from pvd_network.themes import services as theme_services
from pvd_network.writeups.models import Writeup

bp = Blueprint("api", __name__, url_prefix="/api/v1")

RATE_LIMIT = "300/minute"


def error_response(status: int, message: str, parameters: dict[str, str] | None = None):
    """The API's error body, shaped like every JSON error of the site (core/errors.py)."""
    title, _default = MESSAGES[status]
    body = {"code": status, "title": str(title), "message": message}
    if parameters:
        body["parameters"] = parameters
    return jsonify(error=body), status


@bp.get("/themes")
@limiter.limit(RATE_LIMIT)
def themes():
    """Every theme (archived ones flagged) with how many write-ups the caller can see."""
    counts = services.counts_by_theme(current_user)
    return jsonify(results=[serializers.theme(t, counts.get(t.id, 0)) for t in theme_services.all_themes()])


@bp.get("/writeups")
@limiter.limit(RATE_LIMIT)
def writeups():
    """Published write-ups visible to the caller, newest first, filtered and paginated."""
    try:
        query = params.listing_query(request.args)
    except params.InvalidParameters as error:
        return error_response(400, _("Paramètres invalides."), error.errors)
    total = services.count(current_user, query.filters)
    statement = (
        services.listing(current_user, query.filters)
        .limit(query.per_page)
        .offset((query.page - 1) * query.per_page)
    )
    items = db.session.scalars(statement).all()
    return jsonify(
        total=total,
        page=query.page,
        per_page=query.per_page,
        results=[serializers.writeup_summary(w) for w in items],
    )


# Ids beyond a 32-bit integer cannot exist (and would overflow the database driver): 404.
@bp.get("/writeups/<int(max=2147483647):writeup_id>")
@limiter.limit(RATE_LIMIT)
def writeup(writeup_id: int):
    """One write-up with its sections (Markdown and sanitised HTML)."""
    statement = services.listing(current_user, full=True).where(Writeup.id == writeup_id)
    found = db.session.scalars(statement).first()
    if found is None:
        abort(404)
    return jsonify(serializers.writeup_detail(found))


@bp.get("/openapi.json")
def openapi_document():
    """The OpenAPI 3.1 description of this API."""
    return jsonify(openapi.document())


