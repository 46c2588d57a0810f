"""Home page, legal pages, errors, language and health check."""

from __future__ import annotations

import pytest
from flask import Blueprint
from sqlalchemy import delete

from pvd_network.extensions import db
from pvd_network.geo.models import Commune, PostalCode

FR = {"Accept-Language": "fr-FR,fr;q=0.9"}


def test_home_page_shows_figures_from_the_database(app, client):
    html = client.get("/", headers=FR).get_data(as_text=True)
    assert "Réseau PVD, la communauté des chefs de projet Petites villes de demain" in html
    assert 'id="chiffre-regions">26<' in html
    with app.app_context():
        total = db.session.query(Commune).count()
        db.session.execute(delete(PostalCode).where(PostalCode.commune_insee == "55122"))
        db.session.execute(delete(Commune).where(Commune.insee == "55122"))
        db.session.commit()
    html = client.get("/", headers=FR).get_data(as_text=True)
    assert f'id="chiffre-communes">{total - 1}<' in html


def test_layout_is_dsfr_in_french(client):
    html = client.get("/", headers=FR).get_data(as_text=True)
    assert '<html lang="fr"' in html
    assert "vendor/dsfr/dsfr.min.css" in html
    assert 'class="fr-header"' in html
    assert "République<br>Française" in html
    assert 'class="fr-skiplinks"' in html
    assert 'aria-label="Menu principal"' in html
    for label in ("Accessibilité : partiellement conforme", "Mentions légales", "Données personnelles"):
        assert label in html


def test_navigation_has_no_broken_links(app, client):
    html = client.get("/", headers=FR).get_data(as_text=True)
    import re

    for href in set(re.findall(r'href="(/[^"]*)"', html)):
        if href.startswith("/static/"):
            continue
        status = client.get(href).status_code
        assert status in (200, 302), f"{href} answered {status}"


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/accessibilite", "Déclaration d'accessibilité"),
        ("/mentions-legales", "Mentions légales"),
        ("/donnees-personnelles", "Données personnelles"),
    ],
)
def test_legal_pages(client, path, heading):
    response = client.get(path, headers=FR)
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.get_data(as_text=True)


def test_english_from_accept_language_and_from_the_switch(client):
    html = client.get("/communes/55122", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en"' in html
    assert "5,350 inhabitants" in html
    response = client.get("/langue/fr?next=/communes/55122", headers={"Accept-Language": "en"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/communes/55122"
    html = client.get("/communes/55122", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="fr"' in html


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)"]
)
def test_language_switch_never_redirects_elsewhere(client, target):
    response = client.get("/langue/en", query_string={"next": target})
    assert response.headers["Location"] == "/"


def test_unknown_language_is_404(client):
    assert client.get("/langue/de").status_code == 404


def test_404_page_in_french(client):
    response = client.get("/nulle-part", headers=FR)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Page non trouvée" in html and "Erreur 404" in html


def test_405_page(client):
    response = client.post("/healthz")
    assert response.status_code == 405


def test_unexpected_error_is_a_french_500_page(app, client):
    broken = Blueprint("broken", __name__)

    @broken.get("/casse")
    def explode():
        raise RuntimeError("boom")

    app.register_blueprint(broken)
    response = client.get("/casse", headers=FR)
    assert response.status_code == 500
    assert "Erreur inattendue" in response.get_data(as_text=True)
    assert "boom" not in response.get_data(as_text=True)


def test_413_page(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 10
    probe = Blueprint("probe", __name__)

    @probe.post("/envoi")
    def upload():
        from flask import request

        return str(len(request.get_data()))

    app.register_blueprint(probe)
    response = client.post("/envoi", data={"f": "x" * 100}, headers=FR)
    assert response.status_code == 413
    assert "Fichier trop volumineux" in response.get_data(as_text=True)


def test_post_without_csrf_token_is_a_french_400(app, client):
    probe = Blueprint("csrf_probe", __name__)

    @probe.post("/formulaire")
    def submit():
        return "accepted"

    app.register_blueprint(probe)
    response = client.post("/formulaire", data={"name": "Commercy"}, headers=FR)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "jeton de sécurité manquant ou invalide" in html
    assert "accepted" not in html


def test_security_headers_on_every_response(client):
    for path in ("/", "/nulle-part", "/api/v1/communes?q=com", "/healthz"):
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_session_cookie_flags(client):
    response = client.get("/langue/en?next=/")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


@pytest.mark.parametrize("app_config", [{"HTTPS": True}])
def test_secure_cookies_and_https_redirect_when_pvd_https(client, app_config):
    response = client.get("/langue/en?next=/", base_url="https://localhost")
    assert "Secure" in response.headers["Set-Cookie"]
    assert "Strict-Transport-Security" in response.headers
    assert client.get("/", base_url="http://localhost").status_code in (301, 302)


def test_no_inline_script_or_style(client):
    import re

    for path in ("/", "/communes/55122", "/accessibilite", "/nulle-part"):
        html = client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert "<style" not in html and " style=" not in html, path
        assert not re.search(r"\son[a-z]+=", html), path


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_503_when_the_database_is_unreachable(tmp_path):
    from pvd_network import create_app

    app = create_app(
        {
            "INSTANCE_PATH": tmp_path,
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody:wrong@127.0.0.1:1/none?connect_timeout=1",
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"
