"""Commune pages and the commune autocompletion endpoint."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, render_template, request

from pvd_network.extensions import limiter
from pvd_network.geo import services

bp = Blueprint("geo", __name__)


@bp.get("/communes/<insee>")
def commune(insee: str):
    """A commune with its département, région and population."""
    commune = services.get_commune(insee.upper()) if len(insee) == 5 else None
    if commune is None:
        abort(404)
    return render_template("geo/commune.html", commune=commune)


@bp.get("/api/v1/communes")
@limiter.limit("120/minute")
def autocomplete():
    """Communes matching ``q`` (name prefix or postal code), for autocompletion."""
    try:
        communes = services.search_communes(request.args.get("q", ""))
    except services.InvalidQuery as error:
        return jsonify(error={"code": 400, "message": str(error)}), 400
    return jsonify(results=[c.to_dict() for c in communes])
