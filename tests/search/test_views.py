"""The search page /recherche: results, excerpts, facets, sort, pagination, help, and failures."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pvd_network.search import services as search_services
from pvd_network.search.store import current_generation


@pytest.fixture
def corpus(publish, drained):
    publish(
        "Une médiathèque tiers-lieu au cœur du bourg",
        themes=["culture-tourisme"],
        summary="La médiathèque accueille aussi un espace numérique.",
        stage="realise",
        year=2022,
    )
    publish(
        "Reconquérir les commerces vacants de la grand-rue",
        themes=["commerce-centre-ville"],
        summary="Des boutiques à l'essai pour lutter contre la vacance commerciale.",
        stage="en-cours",
        year=2023,
        commune_insee="29019",
    )
    publish(
        "L'école de musique s'installe dans l'ancienne gare",
        themes=["culture-tourisme", "mobilite"],
        summary="Un bâtiment patrimonial reconverti près de la gare.",
        stage="realise",
        year=2021,
    )
    publish(
        "Maison de santé pluridisciplinaire près de la gare",
        themes=["acces-aux-soins"],
        summary="Six médecins et une pharmacie regroupés.",
        stage="realise",
        year=2020,
        commune_insee="29019",
    )
    drained()


def html_of(response) -> str:
    return response.get_data(as_text=True)


def result_titles(html: str) -> list[str]:
    block = re.search(r'<ol class="pvd-results".*?</ol>', html, re.S)
    if not block:
        return []
    return [
        unescape(t)
        for t in re.findall(r'<h3 class="fr-card__title"><a href="[^"]+">([^<]+)</a>', block.group(0))
    ]


def count_line(html: str) -> str:
    match = re.search(r'id="nombre-resultats"[^>]*>([^<]+)<', html)
    return unescape(match.group(1)).replace("\u202f", " ").replace("\xa0", " ") if match else ""


def checkbox(html: str, facet: str, value: str) -> str | None:
    tag = re.search(rf'<input type="checkbox" id="filtre-{facet}-{value.lower()}"[^>]*>', html)
    return tag.group(0) if tag else None


def facet_label(html: str, facet: str, value: str) -> str:
    match = re.search(
        rf'<label class="fr-label" for="filtre-{facet}-{value.lower()}">(.*?)</label>', html, re.S
    )
    assert match, (facet, value)
    return re.sub(r"<[^>]+>", "", unescape(match.group(1))).replace("\xa0", " ")


def test_results_show_count_cards_and_highlighted_excerpts(client, corpus):
    response = client.get("/recherche?q=mediatheque")
    assert response.status_code == 200
    html = html_of(response)
    assert count_line(html) == "1 retour d'expérience"
    assert result_titles(html) == ["Une médiathèque tiers-lieu au cœur du bourg"]
    assert '<p class="fr-card__desc pvd-excerpt">La <mark>médiathèque</mark> accueille' in html
    card = re.search(r'<ol class="pvd-results".*?</ol>', html, re.S).group(0)
    assert 'href="/retours/' in card
    assert "Commercy · Meuse (55)" in card
    assert '<p class="fr-tag fr-tag--sm">Culture et tourisme</p>' in card
    assert re.search(r'Publié le <time datetime="\d{4}-\d\d-\d\d">\d{1,2} \w+ \d{4}</time>', card)
    assert "<title>Recherche « mediatheque » — Réseau PVD</title>" in html


def test_plural_count_and_french_query_understanding(client, corpus):
    html = html_of(client.get("/recherche?q=gare"))
    assert count_line(html) == "2 retours d'expérience"
    assert set(result_titles(html)) == {
        "L'école de musique s'installe dans l'ancienne gare",
        "Maison de santé pluridisciplinaire près de la gare",
    }
    assert result_titles(html_of(client.get("/recherche?q=commerce+vacant"))) == [
        "Reconquérir les commerces vacants de la grand-rue"
    ]


def test_empty_query_lists_the_newest_write_ups_with_facets(client, corpus):
    html = html_of(client.get("/recherche"))
    assert count_line(html) == "4 retours d'expérience"
    assert result_titles(html)[0] == "Maison de santé pluridisciplinaire près de la gare"
    assert "Les retours d'expérience les plus récents" in html
    assert facet_label(html, "region", "44") == "Grand Est (2)"
    assert facet_label(html, "region", "53") == "Bretagne (2)"
    assert facet_label(html, "theme", "culture-tourisme") == "Culture et tourisme (2)"
    assert facet_label(html, "department", "29") == "Finistère (29) (2)"
    assert facet_label(html, "stage", "realise") == "Réalisé (3)"
    assert facet_label(html, "year", "2023") == "2023 (1)"
    # No sort choice without a query: the newest come first.
    assert 'id="tri"' not in html


def test_facets_count_the_filtered_results_and_round_trip_through_the_url(client, corpus):
    html = html_of(client.get("/recherche?q=gare&theme=culture-tourisme"))
    assert result_titles(html) == ["L'école de musique s'installe dans l'ancienne gare"]
    assert count_line(html) == "1 retour d'expérience"
    assert "checked" in checkbox(html, "theme", "culture-tourisme")
    assert "checked" not in checkbox(html, "theme", "mobilite")
    assert facet_label(html, "theme", "mobilite") == "Mobilité (1)"
    assert facet_label(html, "region", "44") == "Grand Est (1)"
    assert checkbox(html, "region", "53") is None  # no match left there
    # Every checkbox and the sort belong to the one GET form, with the query.
    assert 'id="form-recherche" class="fr-mb-3w" method="get" action="/recherche"' in html
    assert re.search(r'name="theme" value="culture-tourisme" form="form-recherche" checked', html)
    assert '<select class="fr-select" id="tri" name="sort" form="form-recherche">' in html
    assert re.search(
        r'<button class="fr-btn fr-icon-filter-line" type="submit" form="form-recherche">Filtrer</button>',
        html,
    )
    # Several values of a facet combine with OU, facets with ET.
    both = html_of(client.get("/recherche?theme=culture-tourisme&theme=acces-aux-soins"))
    assert count_line(both) == "3 retours d'expérience"
    assert all("checked" in checkbox(both, "theme", v) for v in ("culture-tourisme", "acces-aux-soins"))
    narrowed = html_of(client.get("/recherche?theme=culture-tourisme&theme=acces-aux-soins&region=53"))
    assert result_titles(narrowed) == ["Maison de santé pluridisciplinaire près de la gare"]
    # "Effacer les filtres" keeps the text and drops the facets.
    clear = re.search(
        r'<a class="fr-btn fr-btn--tertiary fr-icon-close-circle-line" href="([^"]+)">Effacer les filtres',
        html,
    )
    assert clear and unescape(clear.group(1)) == "/recherche?q=gare"
    assert "Effacer les filtres" not in html_of(client.get("/recherche?q=gare"))


def test_a_ticked_value_without_matches_stays_visible_to_be_unticked(client, corpus):
    html = html_of(client.get("/recherche?q=mediatheque&region=53"))
    assert count_line(html) == "Aucun retour d'expérience"
    assert "checked" in checkbox(html, "region", "53")
    assert facet_label(html, "region", "53") == "Bretagne (0)"
    assert "Aucun retour d'expérience ne correspond à votre recherche." in html
    assert "Retirez des filtres" in html


def test_facet_counts_equal_the_totals_they_lead_to(client, corpus):
    html = html_of(client.get("/recherche?q=gare+OU+mediatheque+OU+commerce"))
    for facet, values in (
        ("theme", ["culture-tourisme", "mobilite", "acces-aux-soins", "commerce-centre-ville"]),
        ("region", ["44", "53"]),
        ("stage", ["realise", "en-cours"]),
    ):
        for value in values:
            label = facet_label(html, facet, value)
            shown = int(re.search(r"\((\d+)\)$", label).group(1))
            narrowed = html_of(client.get(f"/recherche?q=gare+OU+mediatheque+OU+commerce&{facet}={value}"))
            assert count_line(narrowed).startswith(f"{shown} "), (facet, value)


def test_field_filters_typed_in_the_query(client, corpus):
    assert result_titles(html_of(client.get("/recherche?q=theme:mobilite"))) == [
        "L'école de musique s'installe dans l'ancienne gare"
    ]
    assert count_line(html_of(client.get('/recherche?q=region:"Grand Est"'))) == "2 retours d'expérience"
    assert count_line(html_of(client.get("/recherche?q=auteur:martin"))) == "4 retours d'expérience"


def test_sort_by_date_or_relevance(client, publish, drained):
    older = publish("Vélo-école pour les enfants", summary="Vélo, vélo, vélo : apprendre le vélo.")
    newer = publish("Marché de producteurs", summary="On vient au marché à vélo.")
    drained()
    relevance = result_titles(html_of(client.get("/recherche?q=velo")))
    assert relevance == [older.title, newer.title]
    by_date = html_of(client.get("/recherche?q=velo&sort=date"))
    assert result_titles(by_date) == [newer.title, older.title]
    assert '<option value="date" selected>' in by_date
    # The sort is kept by the pagination and the filters: it travels in the form.
    assert re.search(r'<select class="fr-select" id="tri" name="sort" form="form-recherche">', by_date)


def test_pagination_keeps_the_query_facets_and_sort(client, publish, drained):
    for n in range(23):
        publish(
            f"Atelier de réparation numéro {n}", themes=["numerique"], summary="Réparer plutôt que jeter."
        )
    drained()
    first = html_of(client.get("/recherche?q=reparation&theme=numerique&sort=date"))
    assert count_line(first) == "23 retours d'expérience"
    assert len(result_titles(first)) == 20
    links = re.findall(r'<a class="fr-pagination__link[^"]*" href="([^"]+)"', first)
    page_two = next(unescape(link) for link in links if "page=2" in link)
    query = parse_qs(urlsplit(page_two).query)
    assert query == {"q": ["reparation"], "theme": ["numerique"], "sort": ["date"], "page": ["2"]}
    second = html_of(client.get(page_two))
    assert len(result_titles(second)) == 3
    assert 'aria-current="page" title="Page 2"' in second
    assert '<ol class="pvd-results" id="resultats" start="21">' in second
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    assert "— page 2 — Réseau PVD</title>" in second
    # Past the last page: the last page; per_page is honoured within its bounds.
    assert result_titles(html_of(client.get("/recherche?q=reparation&page=99"))) == result_titles(
        html_of(client.get("/recherche?q=reparation&page=2"))
    )
    assert len(result_titles(html_of(client.get("/recherche?q=reparation&per_page=5")))) == 5


@pytest.mark.parametrize(
    "query_string",
    [
        "page=abc",
        "page=-3",
        "page=0",
        "page=1e9",
        "page=99999999999999",
        "page=²",
        "per_page=0",
        "per_page=100000",
        "per_page=x",
        "sort=zzz",
        "sort=",
        "theme=inconnue",
        "theme=<script>",
        "region=999",
        "department=zz",
        "stage=fini",
        "year=abcd",
        "year=12",
        "year=99999",
        "q=" + "a" * 2000,
        "theme=culture-tourisme&theme=culture-tourisme",
        "department=2a",
        "q=%00",
    ],
)
def test_malformed_parameters_are_ignored(client, corpus, query_string):
    response = client.get("/recherche?" + query_string)
    assert response.status_code == 200, query_string
    assert 'id="nombre-resultats"' in html_of(response)


def test_unknown_facet_values_are_dropped_not_applied(client, corpus):
    html = html_of(client.get("/recherche?theme=inconnue&region=999"))
    assert count_line(html) == "4 retours d'expérience"
    assert "Effacer les filtres" not in html


@pytest.mark.parametrize(
    "query",
    [
        '"non fermé',
        "(((",
        ")",
        "OR",
        "OU gare",
        "-",
        "*",
        "AND OR NOT",
        'theme:"',
        'region:"',
        "gare:",
        "^2",
        "~",
        "gare~",
        "a*b*c",
        "[a TO z]",
        "{}",
        "'",
        "’",
        "l'",
        "«»",
        "\\",
        "gare AND (",
        "NOT",
        "SAUF gare",
        "-gare",
        "+gare",
        "auteur:",
        "annee:abc",
        "etape:",
        "departement:xx",
        "**",
        "?",
    ],
)
def test_syntax_errors_never_raise(client, corpus, query):
    response = client.get("/recherche", query_string={"q": query})
    assert response.status_code == 200, query


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_typed_text_gives_a_page(client, corpus, query):
    response = client.get("/recherche", query_string={"q": query})
    assert response.status_code == 200, repr(query)


def test_exclusion_phrase_or_and_prefix_from_the_page(client, corpus):
    assert result_titles(html_of(client.get("/recherche?q=gare+-musique"))) == [
        "Maison de santé pluridisciplinaire près de la gare"
    ]
    assert result_titles(html_of(client.get('/recherche?q="ancienne+gare"'))) == [
        "L'école de musique s'installe dans l'ancienne gare"
    ]
    assert len(result_titles(html_of(client.get("/recherche?q=mediatheque+OU+pharmacie")))) == 2
    assert result_titles(html_of(client.get("/recherche?q=pluridisci*"))) == [
        "Maison de santé pluridisciplinaire près de la gare"
    ]


def test_the_help_panel_documents_the_query_syntax(client, corpus):
    html = html_of(client.get("/recherche"))
    help_panel = re.search(
        r'<section class="fr-accordion[^"]*" id="aide-syntaxe">.*?</section>', html, re.S
    ).group(0)
    assert 'aria-controls="aide-recherche"' in help_panel and "Comment écrire une recherche ?" in help_panel
    for syntax in (
        "<code>&#34;centre ancien&#34;</code>",
        "<code>commerce -marché</code>",
        "<code>vélo OU covoiturage</code>",
        "<code>revitalis*</code>",
        "<code>theme:mobilite</code>",
        "<code>region:&#34;Grand Est&#34;</code>",
        "<code>auteur:martin</code>",
        "OR",
    ):
        assert syntax in help_panel.replace('"', "&#34;") or syntax in help_panel, syntax


def test_the_spelling_suggestion_links_to_that_search(client, corpus, monkeypatch):
    original = search_services.search

    def with_suggestion(*args, **kwargs):
        page = original(*args, **kwargs)
        page.suggestion = "médiathèque"
        return page

    monkeypatch.setattr(search_services, "search", with_suggestion)
    html = html_of(client.get("/recherche?q=mediateque&theme=culture-tourisme"))
    match = re.search(
        r'<p class="fr-text--lg" id="suggestion-orthographe">Vouliez-vous dire <a href="([^"]+)">'
        r"médiathèque</a>&nbsp;\?</p>",
        html,
    )
    assert match
    assert parse_qs(urlsplit(unescape(match.group(1))).query) == {
        "q": ["médiathèque"],
        "theme": ["culture-tourisme"],
    }
    monkeypatch.undo()
    assert "Vouliez-vous dire" not in html_of(client.get("/recherche?q=mediateque"))


def test_a_missing_index_shows_a_french_message_with_503(app, client, corpus):
    shutil.rmtree(Path(app.instance_path) / "index")
    search_services.reset()
    response = client.get("/recherche?q=gare")
    assert response.status_code == 503
    html = html_of(response)
    assert '<div class="fr-alert fr-alert--error fr-mb-4w" id="recherche-indisponible">' in html
    assert "La recherche est momentanément indisponible" in html
    # The page itself still works: the form and the help are there, the header too.
    assert 'id="recherche-q"' in html and 'id="aide-syntaxe"' in html
    assert 'value="gare"' in html


def test_a_corrupt_index_shows_the_same_message(app, client, corpus):
    generation = current_generation()
    for path in generation.path.iterdir():
        if path.suffix in (".toc", ".seg") or path.name.startswith("_MAIN"):
            path.write_bytes(b"\x00garbage")
    search_services.reset()
    response = client.get("/recherche?q=gare")
    assert response.status_code == 503
    assert "La recherche est momentanément indisponible" in html_of(response)


def test_the_header_has_a_search_box_on_every_page(client, corpus):
    for path in ("/", "/recherche", "/communes/55122", "/nulle-part"):
        html = html_of(client.get(path))
        assert '<div class="fr-header__search fr-modal" id="recherche-entete-modale"' in html, path
        form = re.search(
            r'<form class="fr-search-bar pvd-header-search" id="recherche-entete" role="search" '
            r'method="get" action="/recherche">(.*?)</form>',
            html,
            re.S,
        )
        assert form, path
        assert 'name="q"' in form.group(1) and 'data-search-suggest="/api/v1/search/suggest"' in form.group(1)
        assert '<script type="module" src="/static/js/search-suggest.js"></script>' in html
        assert 'aria-controls="recherche-entete-modale"' in html  # the mobile search button
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert " style=" not in html and not re.search(r"\son[a-z]+=", html), path
    # The header box submits to the search page.
    assert result_titles(html_of(client.get("/recherche?q=gare")))


def test_the_main_navigation_lists_the_search_page(client, corpus):
    html = html_of(client.get("/recherche"))
    assert re.search(r'<a class="fr-nav__link" href="/recherche" aria-current="page">Recherche</a>', html)


def test_visitors_are_invited_to_sign_in_to_save_a_search(client, corpus):
    html = html_of(client.get("/recherche?q=gare"))
    assert 'action="/recherche/enregistrer"' not in html
    assert re.search(r'href="/connexion\?next=/recherche\?q%3Dgare"', html)


def test_members_get_the_save_form_with_the_search_in_hidden_fields(client, corpus, login_as):
    # Signed in before the first request: Flask-Login caches the user in ``g``, which the
    # ``app_ctx`` of the ``publish`` fixture keeps for the whole test.
    login_as("member")
    html = html_of(client.get("/recherche?q=gare&theme=mobilite&sort=date"))
    form = re.search(r'<form method="post" action="/recherche/enregistrer">(.*?)</form>', html, re.S).group(1)
    assert 'name="csrf_token"' in form
    assert '<input type="hidden" name="q" value="gare">' in form
    assert '<input type="hidden" name="theme" value="mobilite">' in form
    assert '<input type="hidden" name="sort" value="date">' in form
    assert 'id="name"' in form and "Enregistrer cette recherche" in form


def test_a_new_site_without_write_ups_nor_index_shows_no_result_not_an_outage(app, client):
    assert not (Path(app.instance_path) / "index" / "CURRENT").exists()
    response = client.get("/recherche?q=gare")
    assert response.status_code == 200
    html = html_of(response)
    assert count_line(html) == "Aucun retour d'expérience"
    assert "momentanément indisponible" not in html
