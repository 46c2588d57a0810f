"""Theme pages: /thematiques (a card per active theme, with counts) and /thematiques/<slug>."""
from __future__ import annotations

import re
from html import unescape

import pytest

from pvd_network.extensions import db
from pvd_network.themes.services import archive_theme, get_by_slug
from tests.catalogue.cases import assert_shows, make_cases
from tests.catalogue.test_listing import titles
from tests.factories import make_writeup


def theme_count(html: str, slug: str) -> str:
    match = re.search(rf'id="thematique-{slug}".*?pvd-theme-tile__count">([^<]+)<', html, re.S)
    return unescape(match.group(1)).replace("\u202f", " ") if match else ""


def test_index_shows_every_active_theme_with_pictogram_and_count(client, app_ctx):
    make_writeup(themes=["mobilite", "numerique"])
    make_writeup(themes=["mobilite"])
    response = client.get("/thematiques")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.count('class="fr-tile ') == 12
    assert 'href="/thematiques/acces-aux-soins">Accès aux soins</a>' in html
    assert "Maisons de santé, installation de médecins" in html
    assert "artwork/pictograms/health/doctor.svg#artwork-major" in html
    assert theme_count(html, "mobilite") == "2 retours d'expérience"
    assert theme_count(html, "numerique") == "1 retour d'expérience"
    assert theme_count(html, "logement-habitat") == "Aucun retour d'expérience pour l'instant"


def test_archived_themes_leave_the_index(client, app_ctx):
    archive_theme(get_by_slug("numerique"))
    db.session.commit()
    html = client.get("/thematiques").get_data(as_text=True)
    assert html.count('class="fr-tile ') == 11
    assert 'id="thematique-numerique"' not in html


def test_theme_page(client, app_ctx):
    make_writeup(title="Navette à Troyes", commune_insee="10387", themes=["mobilite"], stage="en-cours")
    make_writeup(title="Vélo-école à Rennes", commune_insee="35238", themes=["mobilite"])
    make_writeup(title="Tiers-lieu", themes=["numerique"])
    response = client.get("/thematiques/mobilite")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Mobilité</h1>" in html
    assert set(titles(response)) == {"Navette à Troyes", "Vélo-école à Rennes"}
    assert 'href="http://localhost/thematiques/mobilite/flux.atom"' in html
    assert 'id="thematique-archivee"' not in html
    # Filters: région and stage; a theme in the query string cannot change the page's theme.
    assert titles(client.get("/thematiques/mobilite?region=44")) == ["Navette à Troyes"]
    assert titles(client.get("/thematiques/mobilite?stage=realise")) == ["Vélo-école à Rennes"]
    assert set(titles(client.get("/thematiques/mobilite?theme=numerique"))) == {
        "Navette à Troyes", "Vélo-école à Rennes"}
    assert 'name="theme"' not in html


def test_archived_theme_keeps_its_page(client, app_ctx):
    make_writeup(title="Tiers-lieu", themes=["numerique"])
    archive_theme(get_by_slug("numerique"))
    db.session.commit()
    response = client.get("/thematiques/numerique")
    assert response.status_code == 200
    assert 'id="thematique-archivee"' in response.get_data(as_text=True)
    assert titles(response) == ["Tiers-lieu"]


@pytest.mark.parametrize("slug", ["inconnue", "MOBILITE", "x" * 300, "%00", "mobilite%20"])
def test_unknown_theme_is_404(client, slug):
    assert client.get(f"/thematiques/{slug}").status_code == 404


@pytest.mark.parametrize("query", ["page=x", "region=zz", "stage=%FF", "page=0"])
def test_malformed_parameters_are_ignored(client, query):
    assert client.get("/thematiques/mobilite?" + query).status_code == 200


def test_visibility_on_theme_pages_and_counts(app, client, login_as):
    # Data made in its own context: requests must not share the test's (and its signed-in user).
    with app.app_context():
        make_cases(themes=["mobilite"])
    assert_shows(client.get("/thematiques/mobilite").get_data(as_text=True), members=False)
    index = client.get("/thematiques").get_data(as_text=True)
    assert theme_count(index, "mobilite") == "1 retour d'expérience"
    login_as("member")
    assert_shows(client.get("/thematiques/mobilite").get_data(as_text=True), members=True)
    index = client.get("/thematiques").get_data(as_text=True)
    assert theme_count(index, "mobilite") == "2 retours d'expérience"
