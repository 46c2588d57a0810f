"""The members directory: signed-in members only, filters, name search, pagination."""

from __future__ import annotations

import re

import pytest

from tests.factories import make_user


@pytest.fixture
def members(app):
    with app.app_context():
        people = [
            ("Claire", "Martin", "chef-projet", "55122"),  # Commercy, Meuse, Grand Est
            ("Thomas", "Lefèvre", "chef-projet", "63178"),  # Issoire, Puy-de-Dôme, ARA
            ("Nadia", "Benali", "elu", "19272"),  # Tulle, Corrèze, Nouvelle-Aquitaine
            ("Élodie", "Roux", "partenaire", "55029"),  # Bar-le-Duc, Meuse, Grand Est
            ("Julien", "Moreau", "agent", "52448"),  # Saint-Dizier, Haute-Marne, Grand Est
        ]
        for first, last, function, insee in people:
            make_user(first_name=first, last_name=last, function=function, commune_insee=insee)
        make_user(first_name="Suspendu", last_name="Sanspage", status="suspended")
        make_user(first_name="Pas", last_name="Confirmé", status="unconfirmed")
        make_user(first_name="Ancien", last_name="", status="deleted", email=None)


def names(response) -> list[str]:
    html = response.get_data(as_text=True)
    return re.findall(r'<h2 class="fr-card__title"><a href="/membres/\d+">([^<]+)</a>', html)


def test_directory_lists_active_members_by_last_name(client, login_as, members):
    login_as("member", first_name="Zoé", last_name="Zeller")
    response = client.get("/membres")
    assert response.status_code == 200
    assert names(response) == [
        "Nadia Benali",
        "Thomas Lefèvre",
        "Claire Martin",
        "Julien Moreau",
        "Élodie Roux",
        "Zoé Zeller",
    ]
    assert "6 membres" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"region": "44"}, ["Claire Martin", "Julien Moreau", "Élodie Roux"]),
        ({"department": "55"}, ["Claire Martin", "Élodie Roux"]),
        ({"function": "chef-projet"}, ["Thomas Lefèvre", "Claire Martin"]),
        ({"region": "44", "function": "agent"}, ["Julien Moreau"]),
        ({"q": "lefevre"}, ["Thomas Lefèvre"]),  # accents and case ignored
        ({"q": "ÉLO"}, ["Élodie Roux"]),
        ({"q": "claire martin"}, ["Claire Martin"]),
        ({"q": "%"}, []),
        (
            {"q": "x" * 10_000},
            ["Nadia Benali", "Thomas Lefèvre", "Claire Martin", "Julien Moreau", "Élodie Roux"],
        ),
        ({"region": "nulle-part", "page": "abc"}, []),
    ],
)
def test_filters_and_search(client, login_as, members, query, expected):
    login_as("admin", first_name="Anne", last_name="Zadmin", function="autre")
    response = client.get("/membres", query_string=query)
    assert response.status_code == 200
    found = [n for n in names(response) if n != "Anne Zadmin"]
    assert found == expected


def test_a_too_long_search_is_shown_as_an_error(client, login_as, members):
    login_as("member")
    html = client.get("/membres", query_string={"q": "x" * 10_000}).get_data(as_text=True)
    assert "Ce champ ne doit pas dépasser 100 caractères." in html


def test_pagination_keeps_the_filters(app, client, login_as):
    login_as("member", first_name="Aaron", last_name="Aaa", commune_insee="63178")
    with app.app_context():
        for n in range(30):
            make_user(first_name="Membre", last_name=f"Meuse{n:02d}", commune_insee="55122")
    first = client.get("/membres", query_string={"department": "55"})
    assert len(names(first)) == 24
    html = first.get_data(as_text=True)
    assert "30 membres" in html
    assert 'href="/membres?page=2&amp;department=55"' in html
    second = client.get("/membres", query_string={"department": "55", "page": "2"})
    assert len(names(second)) == 6
    far = client.get("/membres", query_string={"department": "55", "page": "999"})
    assert names(far) == names(second)  # clamped to the last page


def test_cards_link_to_profiles(client, login_as, members):
    login_as("member")
    html = client.get("/membres", query_string={"q": "benali"}).get_data(as_text=True)
    assert "fr-card" in html and "Élu·e" in html and "Tulle (19) · Nouvelle-Aquitaine" in html
