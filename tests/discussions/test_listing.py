"""Listings sorted by "utile": the /retours "Les plus utiles" order and the API's ``sort=useful``."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest

from pvd_network.auth.models import User
from pvd_network.discussions import services
from pvd_network.extensions import db
from pvd_network.writeups.models import Writeup
from tests.factories import make_user, make_writeup


@pytest.fixture
def ranked(app):
    """Three write-ups published on distinct days, marked "utile" 1, 3 and 2 times."""
    with app.app_context():
        base = datetime(2024, 3, 1, tzinfo=UTC)
        readers = [db.session.get(User, make_user().id) for _ in range(3)]
        for day, (title, votes) in enumerate([("Ancien et utile", 1), ("Le plus utile", 3), ("Récent", 2)]):
            writeup = make_writeup(title=title, published_at=base + timedelta(days=day))
            for reader in readers[:votes]:
                services.add_reaction(reader, writeup=db.session.get(Writeup, writeup.id))
        db.session.commit()


def card_titles(html: str) -> list[str]:
    return [unescape(t) for t in re.findall(r'class="fr-card__title"><a href="[^"]+">([^<]+)</a>', html)]


def test_listing_sorts_by_most_useful(client, ranked):
    assert card_titles(client.get("/retours").get_data(as_text=True)) == [
        "Récent", "Le plus utile", "Ancien et utile"]
    html = client.get("/retours?sort=utiles").get_data(as_text=True)
    assert card_titles(html) == ["Le plus utile", "Récent", "Ancien et utile"]
    # The order is a field of the filter form, kept in the URL and selected.
    assert re.search(r'<label class="fr-label" for="sort">Trier par', html)
    assert '<option selected value="utiles">Les plus utiles</option>' in html
    assert "3 utiles" in html and "1 utile" in html
    # Unknown orders are ignored, never an error.
    assert card_titles(client.get("/retours?sort=n%27importe").get_data(as_text=True))[0] == "Récent"


def test_api_sorts_by_most_useful(client, ranked):
    titles = [w["title"] for w in client.get("/api/v1/writeups?sort=useful").get_json()["results"]]
    assert titles == ["Le plus utile", "Récent", "Ancien et utile"]
    titles = [w["title"] for w in client.get("/api/v1/writeups?sort=date").get_json()["results"]]
    assert titles == ["Récent", "Le plus utile", "Ancien et utile"]
    response = client.get("/api/v1/writeups?sort=populaire")
    assert response.status_code == 400
    assert response.get_json()["error"]["parameters"] == {"sort": "Ordre inconnu : date ou useful."}
