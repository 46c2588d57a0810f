"""Home page, legal pages, language choice and health check."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, session, url_for

from pvd_network.core.urls import safe_next
from pvd_network.extensions import csrf, limiter
from pvd_network.main import services

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    """What Réseau PVD is, for whom, with the programme's figures."""
    return render_template("main/index.html", figures=services.programme_figures())


@bp.get("/accessibilite")
def accessibility():
    """The accessibility declaration (RGAA)."""
    return render_template("main/accessibility.html")


@bp.get("/mentions-legales")
def legal_notice():
    """Legal notice."""
    return render_template("main/legal_notice.html")


@bp.get("/donnees-personnelles")
def personal_data():
    """What personal data is stored, why and for how long."""
    return render_template("main/personal_data.html")


@bp.get("/langue/<code>")
def set_language(code: str):
    """Remember the interface language chosen by the visitor, then go back."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = code
    return redirect(safe_next(request.args.get("next"), url_for("main.index")))


@bp.get("/healthz")
@limiter.exempt
@csrf.exempt
def healthz():
    """200 when the database answers, 503 otherwise (for load balancers and monitoring)."""
    if services.database_is_up():
        return jsonify(status="ok", database="ok")
    return jsonify(status="error", database="unreachable"), 503
