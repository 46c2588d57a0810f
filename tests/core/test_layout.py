"""Shared layout pieces: flash messages, error pages, pagination and breadcrumb macros."""

from __future__ import annotations

import pytest
from flask import Blueprint, abort, flash, redirect, render_template_string

from pvd_network.core.pagination import Page, parse_page

FR = {"Accept-Language": "fr"}


@pytest.fixture
def probe(app):
    """A blueprint of probe routes, registered before the first request."""
    bp = Blueprint("probe", __name__)

    @bp.get("/sonde/flash")
    def with_flash():
        flash("Votre brouillon a été enregistré.", "success")
        flash("Attention : <script>alert(1)</script>", "warning")
        return redirect("/")

    @bp.get("/sonde/<int:code>")
    def error(code):
        abort(code)

    @bp.get("/sonde/pagination")
    def pagination():
        page = Page(items=list(range(20)), number=6, per_page=20, total=400)
        return render_template_string(
            '{% from "_macros/ui.html" import pagination, breadcrumb %}'
            '{{ breadcrumb([("Accueil", "/"), ("Région", None), ("Commercy", "/x")]) }}'
            "{{ pagination(page, url_for_page) }}",
            page=page,
            url_for_page=lambda n: f"/liste?page={n}",
        )

    app.register_blueprint(bp)
    return app


def test_flash_messages_are_dsfr_alerts_and_escaped(probe, client):
    response = client.get("/sonde/flash", follow_redirects=True, headers=FR)
    html = response.get_data(as_text=True)
    assert 'class="fr-alert fr-alert--success fr-alert--sm fr-mb-2w"' in html
    assert "Votre brouillon a été enregistré." in html
    assert "fr-alert--warning" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("code", "title"),
    [
        (400, "Requête incorrecte"),
        (403, "Accès refusé"),
        (404, "Page non trouvée"),
        (429, "Trop de requêtes"),
        (413, "Fichier trop volumineux"),
        (500, "Erreur inattendue"),
    ],
)
def test_error_pages_in_french(probe, client, code, title):
    response = client.get(f"/sonde/{code}", headers=FR)
    assert response.status_code == code
    html = response.get_data(as_text=True)
    assert f"<h1>{title}</h1>" in html
    assert f"Erreur {code}" in html
    assert 'class="fr-header"' in html


def test_api_errors_are_json(client):
    response = client.get("/api/v1/inconnu")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == 404


@pytest.mark.parametrize("app_config", [{"RATELIMIT_ENABLED": True}])
def test_rate_limit_gives_the_429_page_or_json(client, app_config):
    statuses = [client.get("/api/v1/communes?q=com").status_code for _ in range(125)]
    assert statuses.count(429) >= 1
    response = client.get("/api/v1/communes?q=com")
    assert response.status_code == 429
    assert response.get_json()["error"]["title"] == "Trop de requêtes"


def test_pagination_and_breadcrumb_macros(probe, client):
    html = client.get("/sonde/pagination", headers=FR).get_data(as_text=True)
    assert 'aria-current="page" title="Page 6">6<' in html
    for n in (1, 4, 5, 7, 8, 20):
        assert f'href="/liste?page={n}"' in html
    assert 'href="/liste?page=10"' not in html
    assert "…" in html
    # The breadcrumb keeps linked items and the current page, and drops unlinked middles.
    assert '<a class="fr-breadcrumb__link" href="/">Accueil</a>' in html
    assert "Région" not in html
    assert '<a class="fr-breadcrumb__link" aria-current="page">Commercy</a>' in html


@pytest.mark.parametrize(
    ("raw", "expected"), [(None, 1), ("3", 3), ("-2", 1), ("abc", 1), ("1e9", 1), ("99999999", 10000)]
)
def test_parse_page_tolerates_junk(raw, expected):
    assert parse_page(raw) == expected


def test_page_window():
    assert Page(items=[], number=1, per_page=10, total=0).pages == 1
    assert Page(items=[], number=3, per_page=10, total=50).window() == [1, 2, 3, 4, 5]
    assert Page(items=[], number=10, per_page=10, total=200).window() == [1, None, 8, 9, 10, 11, 12, None, 20]


def test_paginate_counts_only_when_the_page_does_not_tell_the_total(app_ctx):
    from sqlalchemy import event, select

    from pvd_network.core.pagination import paginate
    from pvd_network.extensions import db
    from pvd_network.geo.models import Commune

    statements = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    total = db.session.query(Commune).count()
    statement = select(Commune).order_by(Commune.insee)
    statements.clear()
    # The last page, neither empty nor full: its items tell the total, no count.
    last = paginate(statement, page=3, per_page=50)
    assert len(statements) == 1
    assert (last.number, last.pages, last.total) == (3, 3, total)
    # A full page: its items and a count.
    statements.clear()
    first = paginate(statement, page=1, per_page=50)
    assert len(statements) == 2
    assert (first.number, first.pages, first.total, len(first.items)) == (1, 3, total, 50)
    # A page past the end: brought back to the last one (items, count, items).
    statements.clear()
    page = paginate(statement, page=999, per_page=50)
    assert len(statements) == 3
    assert page.number == page.pages == 3
    assert page.total == total
    assert [c.insee for c in page.items] == [c.insee for c in last.items]
