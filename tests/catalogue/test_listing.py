"""The listing /retours: filters, pagination, cards, visibility and its number of queries."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
from sqlalchemy import event

from pvd_network.extensions import db
from pvd_network.themes.services import archive_theme, get_by_slug
from tests.catalogue.cases import MEMBERS_ONLY, PUBLIC, assert_shows, make_cases
from tests.factories import make_user, make_writeup


def titles(response) -> list[str]:
    """Card titles in page order."""
    html = response.get_data(as_text=True)
    return [unescape(t) for t in re.findall(r'class="fr-card__title"><a href="[^"]+">([^<]+)</a>', html)]


def count_line(response) -> str:
    match = re.search(r'id="nombre-retours"[^>]*>([^<]+)<', response.get_data(as_text=True))
    return unescape(match.group(1)).replace("\u202f", " ").replace("\xa0", " ") if match else ""


@pytest.fixture
def spread(app_ctx):
    """Write-ups over several themes, territories and stages, published on distinct days."""
    base = datetime(2024, 1, 10, tzinfo=UTC)
    rows = [
        ("Maison de santé de Commercy", "55122", ["acces-aux-soins"], "realise"),
        ("Navette solidaire à Troyes", "10387", ["mobilite"], "en-cours"),
        ("Boutique à l'essai à Charleville", "08105", ["commerce-centre-ville", "economie-emploi"], "idee"),
        ("Vélo-école à Rennes", "35238", ["mobilite", "transition-ecologique"], "realise"),
        ("Tiers-lieu numérique à Ajaccio", "2A004", ["numerique"], "en-cours"),
    ]
    made = {}
    for day, (title, insee, themes, stage) in enumerate(rows):
        made[title] = make_writeup(title=title, commune_insee=insee, themes=themes, stage=stage,
                                   published_at=base + timedelta(days=day))
    db.session.commit()
    return made


def test_newest_first_with_count_and_cards(client, spread):
    response = client.get("/retours")
    assert response.status_code == 200
    assert titles(response) == [
        "Tiers-lieu numérique à Ajaccio",
        "Vélo-école à Rennes",
        "Boutique à l'essai à Charleville",
        "Navette solidaire à Troyes",
        "Maison de santé de Commercy",
    ]
    assert count_line(response) == "5 retours d'expérience"
    html = response.get_data(as_text=True)
    # A card: canonical link, summary, commune and département, themes as tags, stage, French date.
    first = spread["Maison de santé de Commercy"]
    assert f'href="/retours/{first.id}-maison-de-sante-de-commercy"' in html
    assert "Comment une petite ville a attiré trois médecins" in html
    assert "Commercy · Meuse (55)" in html
    assert '<p class="fr-tag fr-tag--sm">Accès aux soins</p>' in html
    assert "Réalisé</p>" in html
    assert "Publié le 10 janvier 2024" in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("theme=mobilite", {"Navette solidaire à Troyes", "Vélo-école à Rennes"}),
        ("region=44", {"Maison de santé de Commercy", "Navette solidaire à Troyes",
                       "Boutique à l'essai à Charleville"}),
        ("department=55", {"Maison de santé de Commercy"}),
        ("department=2a", {"Tiers-lieu numérique à Ajaccio"}),
        ("stage=en-cours", {"Navette solidaire à Troyes", "Tiers-lieu numérique à Ajaccio"}),
        ("theme=mobilite&region=53&stage=realise", {"Vélo-école à Rennes"}),
        ("theme=mobilite&region=44", {"Navette solidaire à Troyes"}),
        ("region=52", set()),  # Pays de la Loire: nothing there (and not the département 44)
    ],
)
def test_filters(client, spread, query, expected):
    response = client.get("/retours?" + query)
    assert response.status_code == 200
    assert set(titles(response)) == expected


def test_filters_are_reflected_in_the_form(client, spread):
    html = client.get("/retours?theme=mobilite&region=44&stage=idee").get_data(as_text=True)
    assert re.search(r'<option selected value="mobilite">Mobilité</option>', html)
    assert re.search(r'<option selected value="44">Grand Est</option>', html)
    assert re.search(r'<option selected value="idee">Idée</option>', html)
    # With a région chosen, only its départements are offered.
    assert 'value="55"' in html and 'value="35"' not in html
    assert "Effacer les filtres" in html
    assert "Effacer les filtres" not in client.get("/retours").get_data(as_text=True)


@pytest.mark.parametrize(
    "query",
    [
        "theme=n-existe-pas", "theme=" + "x" * 5000, "region=999", "region=%00", "department=ZZ",
        "stage=fini", "page=abc", "page=-3", "page=0", "page=99999999999999999999", "page=1.5",
        "theme=mobilite&theme=numerique", "region=44&department=35",  # département outside the région
        "department=%F0%9F%98%80", "page=%C2%B2",
    ],
)
def test_malformed_filters_are_ignored(client, spread, query):
    response = client.get("/retours?" + query)
    assert response.status_code == 200
    assert len(titles(response)) >= 1


def test_unknown_filter_values_fall_back_to_everything(client, spread):
    assert len(titles(client.get("/retours?theme=inconnue&stage=fini&region=999"))) == 5
    # A département outside the chosen région is dropped, the région stays.
    assert set(titles(client.get("/retours?region=44&department=35"))) == {
        "Maison de santé de Commercy", "Navette solidaire à Troyes", "Boutique à l'essai à Charleville"}


def test_archived_theme_is_not_offered_as_a_filter(client, spread):
    archive_theme(get_by_slug("numerique"))
    db.session.commit()
    html = client.get("/retours").get_data(as_text=True)
    assert 'value="numerique"' not in html
    assert 'value="mobilite"' in html
    # Its slug in the URL is ignored rather than filtering.
    assert len(titles(client.get("/retours?theme=numerique"))) == 5


def test_pagination_keeps_the_filters(client, app_ctx):
    for n in range(20):
        make_writeup(title=f"Retour numéro {n:02d}", themes=["mobilite"],
                     published_at=datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=n))
    make_writeup(title="Autre thème", themes=["numerique"])
    first = client.get("/retours?theme=mobilite")
    assert count_line(first) == "20 retours d'expérience"
    assert len(titles(first)) == 18
    html = first.get_data(as_text=True)
    assert 'href="/retours?page=2&amp;theme=mobilite"' in html
    second = client.get("/retours?theme=mobilite&page=2")
    assert titles(second) == ["Retour numéro 01", "Retour numéro 00"]
    # Beyond the last page: the last page.
    assert titles(client.get("/retours?theme=mobilite&page=40")) == titles(second)


def test_empty_listing(client):
    response = client.get("/retours")
    assert response.status_code == 200
    assert count_line(response) == "Aucun retour d'expérience"
    assert "Aucun retour d'expérience ne correspond" in response.get_data(as_text=True)


# --- Visibility ---------------------------------------------------------------------------


def test_anonymous_visitors_see_public_write_ups_only(client, app_ctx):
    make_cases()
    response = client.get("/retours")
    assert_shows(response.get_data(as_text=True), members=False)
    assert count_line(response) == "1 retour d'expérience"


@pytest.mark.parametrize("role", ["member", "moderator", "admin"])
def test_members_also_see_members_only_write_ups(client, app_ctx, login_as, role):
    make_cases()
    login_as(role)
    response = client.get("/retours")
    assert_shows(response.get_data(as_text=True), members=True)
    assert count_line(response) == "2 retours d'expérience"


def test_a_suspended_member_is_an_anonymous_visitor(client, app_ctx, login_as):
    make_cases()
    login_as("suspended")
    assert_shows(client.get("/retours").get_data(as_text=True), members=False)


def test_authors_do_not_see_their_own_drafts_in_the_listing(client, app_ctx, login_as):
    author = login_as("member")
    make_cases(author=db.session.get(type(author), author.id))
    assert_shows(client.get("/retours").get_data(as_text=True), members=True)
    assert PUBLIC in client.get("/retours").get_data(as_text=True)
    assert MEMBERS_ONLY in client.get("/retours").get_data(as_text=True)


# --- Navigation and feed link -------------------------------------------------------------


def test_main_navigation_links_the_listing_and_themes(client):
    html = client.get("/").get_data(as_text=True)
    assert '<a class="fr-nav__link" href="/retours">Retours d&#39;expérience</a>' in html \
        or '<a class="fr-nav__link" href="/retours">Retours d\'expérience</a>' in html
    assert '<a class="fr-nav__link" href="/thematiques">Thématiques</a>' in html
    listing = client.get("/retours").get_data(as_text=True)
    assert re.search(r'href="/retours" aria-current="page"', listing)


def test_the_page_announces_its_feed(client):
    html = client.get("/retours").get_data(as_text=True)
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="http://localhost/retours/flux.atom"' in html


# --- Number of queries ----------------------------------------------------------------------


class QueryCounter:
    """Counts the SQL statements the application sends while active."""

    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def _count(self, *_args, **_kwargs):
        self.count += 1

    def __enter__(self):
        self.count = 0
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *_exc):
        event.remove(self.engine, "before_cursor_execute", self._count)


def _many(n: int, start: int = 0) -> None:
    communes = ["55122", "10387", "08105", "35238", "2A004", "44109"]
    themes = ["mobilite", "numerique", "acces-aux-soins", "logement-habitat"]
    for i in range(start, start + n):
        author = make_user(first_name=f"Auteur{i}")
        make_writeup(author, title=f"Retour {i}", commune_insee=communes[i % len(communes)],
                     themes=[themes[i % 4], themes[(i + 1) % 4]],
                     visibility="members" if i % 3 == 1 else "public")


@pytest.mark.parametrize("role", [None, "member"])
def test_listing_queries_do_not_grow_with_the_number_of_items(app, client, login_as, role):
    app.config["PAGE_CACHE_SIZE"] = 0  # rendering is measured here, not the anonymous cache
    if role:
        login_as(role)
    # Data is made in its own application context, so requests start from an empty session
    # (nothing already loaded that would spare them a query).
    with app.app_context():
        _many(1)
        engine = db.engine
    client.get("/retours")  # warm-up: first-request work is not what we measure
    with QueryCounter(engine) as one:
        assert len(titles(client.get("/retours"))) == 1
    with app.app_context():
        _many(30, start=1)
    with QueryCounter(engine) as full_page:
        assert len(titles(client.get("/retours"))) == 18
    with QueryCounter(engine) as filtered:
        assert titles(client.get("/retours?theme=mobilite&region=44&stage=realise"))
    # A full page adds the count query (a page neither empty nor full tells the total itself).
    assert one.count <= full_page.count <= one.count + 1, (one.count, full_page.count)
    assert filtered.count <= one.count + 3  # looking the theme, région and département up


def test_cards_show_the_cover_thumbnail(app, client):
    with app.app_context():
        with_cover = make_writeup(title="Avec couverture")
        with_cover.cover = "couverture-au-hasard.webp"
        db.session.commit()
        writeup_id = with_cover.id
        make_writeup(title="Sans couverture")
    html = client.get("/retours").get_data(as_text=True)
    assert f'src="/uploads/covers/{writeup_id}/couverture-au-hasard.webp" alt=""' in html
    assert html.count('class="fr-card__img"') == 1
