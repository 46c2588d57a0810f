"""The write-up page: canonical address, content in French format, who sees what, hooks."""
from __future__ import annotations

from datetime import UTC, datetime
from html import unescape

import pytest

from pvd_network.core.signals import template_hook
from pvd_network.extensions import db
from pvd_network.writeups.models import Writeup
from tests.factories import make_user
from tests.writeups.conftest import main_html, new_writeup


@pytest.fixture
def owner(app):
    with app.app_context():
        return make_user(first_name="Claire", last_name="Martin", organisation="Mairie de Commercy",
                         function="chef-projet")


@pytest.fixture
def writeup(app, owner):
    return new_writeup(
        app, owner,
        title="Une halle gourmande dans l'ancienne caserne",
        summary="Un marché couvert ouvert six jours sur sept.",
        themes=["commerce-centre-ville", "patrimoine-cadre-de-vie"],
        context="Une caserne **vide** depuis 2010.",
        actions="1. Rachat\n2. Travaux",
        results="Vingt emplois.",
        lessons="Associer les commerçants dès le début.",
        budget_eur=1_250_000,
        funders=["Banque des territoires", "Région Grand Est"],
        partners=["CCI Meuse Haute-Marne"],
        stage="en-cours",
        year=2023,
        published_at=datetime(2024, 3, 5, 10, 0, tzinfo=UTC),
    )


def url(writeup) -> str:
    return f"/retours/{writeup.id}-{writeup.slug}"


def test_the_canonical_address_shows_the_writeup(client, writeup):
    response = client.get(url(writeup))
    assert response.status_code == 200
    assert writeup.slug == "une-halle-gourmande-dans-l-ancienne-caserne"
    html = response.get_data(as_text=True)
    assert f'<link rel="canonical" href="http://localhost{url(writeup)}">' in html


@pytest.mark.parametrize("path", ["/retours/{id}-ancien-titre", "/retours/{id}", "/retours/{id}-"])
def test_a_stale_or_missing_slug_redirects_permanently(client, writeup, path):
    response = client.get(path.format(id=writeup.id))
    assert response.status_code == 301
    assert response.headers["Location"] == url(writeup)


def test_an_unknown_writeup_is_404(client):
    assert client.get("/retours/424242-inconnu").status_code == 404
    assert client.get("/retours/424242").status_code == 404


def test_the_page_shows_every_part_in_french_format(client, writeup):
    html = unescape(main_html(client.get(url(writeup))))
    assert "<h1 id=\"titre-retour\">Une halle gourmande dans l'ancienne caserne</h1>" in html
    assert "Un marché couvert ouvert six jours sur sept." in html
    # Commune, département and région, with links to the pages that exist.
    assert 'href="/communes/55122">Commercy</a>' in html
    assert "Meuse (55)" in html and "Grand Est" in html
    # Themes as DSFR tags.
    assert html.count('class="fr-tag"') == 2
    assert "Commerce de centre-ville" in html and "Patrimoine et cadre de vie" in html
    # Figures in French: narrow no-break spaces between thousands, the euro sign after.
    assert "1\u202f250\u202f000\u00a0€" in html
    assert "Banque des territoires" in html and "Région Grand Est" in html and "CCI Meuse Haute-Marne" in html
    assert "En cours" in html and "2023" in html
    # The four sections, as stored (sanitised) HTML.
    for title in ("Contexte", "Actions menées", "Résultats", "Difficultés et enseignements"):
        assert f">{title}</h2>" in html
    assert "<strong>vide</strong>" in html and "<ol>" in html
    # Dates in French, history link, author card.
    assert "Publié le 5 mars 2024" in html
    assert f'href="{url(writeup)}/historique"' in html
    assert "Claire Martin" in html and "Chef·fe de projet PVD" in html and "Mairie de Commercy" in html


def test_theme_and_territory_links_follow_the_pages_that_exist(app, client, writeup):
    html = main_html(client.get(url(writeup)))
    if "themes.show" in app.view_functions:
        assert 'href="/thematiques/commerce-centre-ville"' in html
    if "catalogue.region" in app.view_functions:
        assert 'href="/territoires/44"' in html


def test_empty_optional_parts_are_left_out(app, client, owner):
    bare = new_writeup(app, owner, results="", lessons="", budget_eur=None, funders=[], partners=[],
                       stage=None)
    html = main_html(client.get(url(bare)))
    assert ">Résultats</h2>" not in html and "Budget total" not in html and "Financeurs" not in html


def test_visitors_see_the_author_without_a_profile_link(client, writeup, owner):
    html = main_html(client.get(url(writeup)))
    assert f"/membres/{owner.id}" not in html
    assert "Connectez-vous pour voir le profil des membres" in html


def test_members_get_a_link_to_the_authors_profile(client, writeup, owner, login_as):
    login_as("member")
    html = main_html(client.get(url(writeup)))
    assert f'href="/membres/{owner.id}"' in html


def test_the_author_sees_the_management_buttons_and_others_do_not(client, writeup, login_as, app, owner):
    assert "Gérer ce retour" not in client.get(url(writeup)).get_data(as_text=True)
    from tests.factories import sign_in

    sign_in(client, owner)
    html = client.get(url(writeup)).get_data(as_text=True)
    assert "Gérer ce retour" in html and f"/retours/{writeup.id}/modifier" in html


def test_a_members_only_writeup_sends_visitors_to_sign_in(app, client, owner, login_as):
    private = new_writeup(app, owner, visibility="members")
    response = client.get(url(private))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/connexion?next=")
    login_as("member")
    response = client.get(url(private))
    assert response.status_code == 200
    assert "Réservé aux membres" in response.get_data(as_text=True)


@pytest.mark.parametrize("status", ["draft", "submitted", "changes_requested", "rejected", "archived"])
def test_an_unpublished_writeup_is_404_for_others(app, client, owner, login_as, status):
    hidden = new_writeup(app, owner, status=status)
    assert client.get(url(hidden)).status_code == 404
    login_as("member")
    assert client.get(url(hidden)).status_code == 404
    login_as("moderator")
    assert client.get(url(hidden)).status_code == 200


def test_an_unpublished_writeup_is_shown_to_its_author(app, client, owner):
    from tests.factories import sign_in

    draft = new_writeup(app, owner, status="draft")
    sign_in(client, owner)
    response = client.get(url(draft))
    assert response.status_code == 200
    assert "Brouillon" in response.get_data(as_text=True)


def test_a_hidden_writeup_is_404_for_all_but_its_author_and_moderators(app, client, owner, login_as):
    from tests.factories import sign_in

    hidden = new_writeup(app, owner, hidden=True)
    assert client.get(url(hidden)).status_code == 404
    login_as("member")
    assert client.get(url(hidden)).status_code == 404
    sign_in(client, owner)
    page = client.get(url(hidden)).get_data(as_text=True)
    assert "masqué par la modération" in page and "Contenu signalé." in page
    login_as("admin")
    assert client.get(url(hidden)).status_code == 200


def test_later_features_plug_blocks_into_the_page(app, client, writeup):
    def after_content(_name, writeup=None, **_kwargs):
        return f'<section id="discussion">Discussion de {writeup.id}</section>'

    def sidebar(_name, writeup=None, **_kwargs):
        return '<section id="similaires">Retours similaires</section>'

    template_hook.connect(after_content, sender="writeup-page-after-content")
    template_hook.connect(sidebar, sender="writeup-page-sidebar")
    try:
        html = client.get(url(writeup)).get_data(as_text=True)
    finally:
        template_hook.disconnect(after_content, sender="writeup-page-after-content")
        template_hook.disconnect(sidebar, sender="writeup-page-sidebar")
    assert f'<section id="discussion">Discussion de {writeup.id}</section>' in html
    assert '<section id="similaires">Retours similaires</section>' in html
    assert html.index('id="discussion"') < html.index('id="similaires"')


def test_the_updated_date_shows_once_edited_another_day(app, client, writeup, owner):
    with app.app_context():
        stored = db.session.get(Writeup, writeup.id)
        stored.updated_at = datetime(2025, 1, 20, 9, 0, tzinfo=UTC)
        db.session.commit()
    html = client.get(url(writeup)).get_data(as_text=True)
    assert "Mis à jour le 20 janvier 2025" in html
