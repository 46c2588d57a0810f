"""Territory pages: a région, a département, and the shortcut /departements/<code>."""
from __future__ import annotations

import re
from html import unescape

import pytest

from tests.catalogue.cases import assert_shows, make_cases
from tests.catalogue.test_listing import titles
from tests.factories import make_writeup


def figure(html: str, key: str) -> str:
    match = re.search(rf'id="chiffre-{key}">([^<]+)<', html)
    return unescape(match.group(1)) if match else ""


@pytest.fixture
def grand_est(app_ctx):
    make_writeup(title="Halle rénovée à Commercy", commune_insee="55122", themes=["commerce-centre-ville"])
    make_writeup(title="Épicerie solidaire à Commercy", commune_insee="55122", themes=["economie-emploi"],
                 stage="en-cours")
    make_writeup(title="Navette à Troyes", commune_insee="10387", themes=["mobilite"])
    make_writeup(title="Centre de santé à Rennes", commune_insee="35238", themes=["acces-aux-soins"])


def test_region_page(client, grand_est):
    response = client.get("/territoires/44")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Grand Est</h1>" in html
    assert figure(html, "retours") == "3"
    assert figure(html, "communes") == "2"
    # Its départements, linked, each with its count.
    assert 'href="/territoires/44/55">Meuse (55)</a>' in html
    assert 'href="/territoires/44/10">Aube (10)</a>' in html
    assert re.search(r"Meuse \(55\)</a>\s*<span[^>]*> — 2 retours</span>", html)
    assert re.search(r"Ardennes \(08\)</a>\s*<span[^>]*> — aucun retour</span>", html)
    assert set(titles(response)) == {"Halle rénovée à Commercy", "Épicerie solidaire à Commercy",
                                     "Navette à Troyes"}
    assert 'href="http://localhost/territoires/44/flux.atom"' in html


def test_region_page_filters_by_theme_and_stage(client, grand_est):
    assert titles(client.get("/territoires/44?theme=mobilite")) == ["Navette à Troyes"]
    assert titles(client.get("/territoires/44?stage=en-cours")) == ["Épicerie solidaire à Commercy"]
    # The figures describe the région, whatever the filters.
    assert figure(client.get("/territoires/44?theme=mobilite").get_data(as_text=True), "retours") == "3"
    # A région in the query string cannot widen the page to another région.
    assert "Centre de santé à Rennes" not in titles(client.get("/territoires/44?region=53"))


def test_department_page(client, grand_est):
    response = client.get("/territoires/44/55")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Meuse (55)</h1>" in html
    assert figure(html, "retours") == "2"
    assert figure(html, "communes") == "1"
    assert set(titles(response)) == {"Halle rénovée à Commercy", "Épicerie solidaire à Commercy"}
    assert 'href="/territoires/44">Grand Est</a>' in html  # breadcrumb


@pytest.mark.parametrize(
    "url, target",
    [
        ("/departements/55", "/territoires/44/55"),
        ("/departements/2a", "/territoires/94/2A"),
        ("/territoires/53/55", "/territoires/44/55"),  # wrong région in the address
        ("/territoires/94/2a", "/territoires/94/2A"),
    ],
)
def test_department_addresses_lead_to_the_canonical_one(client, url, target):
    response = client.get(url)
    assert response.status_code == 301
    assert response.headers["Location"] == target


@pytest.mark.parametrize(
    "url",
    ["/territoires/00", "/territoires/abcd", "/territoires/44/999", "/territoires/44/" + "9" * 300,
     "/departements/00", "/departements/%00", "/territoires/%C3%A9"],
)
def test_unknown_territories_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query", ["page=zz", "page=-1", "theme=%00", "stage=" + "x" * 500, "theme=" + "a" * 70]
)
def test_malformed_parameters_are_ignored(client, grand_est, query):
    assert client.get("/territoires/44?" + query).status_code == 200
    assert client.get("/territoires/44/55?" + query).status_code == 200


def test_empty_region(client):
    response = client.get("/territoires/94")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert figure(html, "retours") == "0"
    assert "Aucun retour d'expérience" in unescape(html)


@pytest.mark.parametrize("url", ["/territoires/44", "/territoires/44/55"])
def test_visibility_on_territory_pages(app, client, login_as, url):
    # Data made in its own context: requests must not share the test's (and its signed-in user).
    with app.app_context():
        make_cases()
    html = client.get(url).get_data(as_text=True)
    assert_shows(html, members=False)
    assert figure(html, "retours") == "1"
    login_as("member")
    html = client.get(url).get_data(as_text=True)
    assert_shows(html, members=True)
    assert figure(html, "retours") == "2"


def test_region_counts_per_department_follow_visibility(app, client, login_as):
    with app.app_context():
        make_cases()
    meuse = r"Meuse \(55\)</a>\s*<span[^>]*> — {}</span>"
    assert re.search(meuse.format("1 retour"), client.get("/territoires/44").get_data(as_text=True))
    login_as("member")
    assert re.search(meuse.format("2 retours"), client.get("/territoires/44").get_data(as_text=True))
