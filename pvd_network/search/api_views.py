"""JSON search: ``GET /api/v1/search`` and ``GET /api/v1/search/suggest`` (blueprint ``search``).

Anonymous callers search public write-ups; a signed-in member (session cookie) also finds
members-only ones, as on the pages. Parameters are checked strictly (400 naming each one);
no usable index is a 503; a query the parser cannot read falls back to plain words.
"""

from __future__ import annotations

import logging

from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from pvd_network.core.database import as_utc
from pvd_network.core.errors import MESSAGES
from pvd_network.extensions import limiter
from pvd_network.search import completion, params
from pvd_network.search import services as search_services
from pvd_network.search.store import IndexUnavailable
from pvd_network.search.views import bp, nothing_to_search, run
from pvd_network.writeups.urls import writeup_url

log = logging.getLogger(__name__)
RATE_LIMIT = "300/minute"
MAX_SUGGEST_LENGTH = 100


def error_response(status: int, message: str, parameters: dict[str, str] | None = None):
    """The error body every JSON error of the site has (core/errors.py)."""
    title, _default = MESSAGES[status]
    body = {"code": status, "title": str(title), "message": message}
    if parameters:
        body["parameters"] = parameters
    return jsonify(error=body), status


def _unavailable():
    log.warning("Search API without an index: run `flask search rebuild`", exc_info=True)
    return error_response(
        503, _("La recherche est momentanément indisponible. Réessayez dans quelques minutes.")
    )


def _timestamp(value) -> str | None:
    value = as_utc(value)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def hit_json(hit: search_services.Hit) -> dict:
    writeup = hit.writeup
    commune = writeup.commune
    return {
        "id": writeup.id,
        "title": writeup.title,
        "url": writeup_url(writeup, _external=True),
        "summary": writeup.summary,
        "score": hit.score,
        "highlights": hit.highlights,
        "themes": [theme.slug for theme in writeup.themes],
        "commune": {
            "insee": commune.insee,
            "name": commune.name,
            "department": {"code": commune.department.code, "name": commune.department.name},
            "region": {"code": commune.region.code, "name": commune.region.name},
        },
        "published_at": _timestamp(writeup.published_at),
        "comment": _comment_json(writeup, hit) if hit.comment is not None else None,
    }


def _comment_json(writeup, hit: search_services.Hit) -> dict:
    """The comment of the write-up's discussion that matched best."""
    comment = hit.comment
    return {
        "id": comment.id,
        "url": writeup_url(writeup, _external=True) + f"#commentaire-{comment.id}",
        "author": comment.author.display_name if comment.author is not None else None,
        "highlights": hit.comment_highlights,
    }


@bp.get("/api/v1/search")
@limiter.limit(RATE_LIMIT)
def api_search():
    """Full-text search with facet counts and highlighted excerpts."""
    try:
        search = params.from_args(request.args, strict=True)
    except params.InvalidParameters as error:
        return error_response(400, _("Paramètres invalides."), error.errors)
    try:
        found = run(search, last_page_past_the_end=False)
    except IndexUnavailable:
        return _unavailable()
    return jsonify(
        query=found.query,
        total=found.total,
        page=found.page,
        per_page=found.per_page,
        results=[hit_json(hit) for hit in found.hits],
        facets={name: dict(counts) for name, counts in found.facets.items()},
        suggestion=found.suggestion,
        corrected_from=found.corrected_from,
    )


@bp.get("/api/v1/search/suggest")
@limiter.limit(RATE_LIMIT)
def api_suggest():
    """Titles completing what is typed in the header search box."""
    text = request.args.get("q") or ""
    if len(text) > MAX_SUGGEST_LENGTH:
        return error_response(
            400, _("Paramètres invalides."), {"q": _("%(n)s caractères au plus.", n=MAX_SUGGEST_LENGTH)}
        )
    try:
        found = completion.complete_titles(text, current_user)
    except IndexUnavailable:
        if not nothing_to_search():
            return _unavailable()
        found = []
    return jsonify(
        query=text,
        results=[{"id": w.id, "title": w.title, "url": writeup_url(w, _external=True)} for w in found],
    )
