"""What chefs de projet type finds what their peers wrote."""

from __future__ import annotations

import pytest

from pvd_network.search.services import Filters, search


def titles(page) -> list[str]:
    return [hit.writeup.title for hit in page.hits]


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
        summary="Des boutiques à l'essai pour lutter contre la vacance.",
        stage="en-cours",
        year=2023,
        commune_insee="29019",
    )
    publish(
        "L'école de musique s'installe dans l'ancienne gare",
        themes=["culture-tourisme", "mobilite"],
        summary="Un bâtiment patrimonial reconverti.",
        stage="realise",
        year=2021,
    )
    publish(
        "Restauration des façades du centre ancien",
        themes=["patrimoine-cadre-de-vie"],
        summary="Une campagne de ravalement aidée par la commune.",
        stage="en-cours",
        year=2023,
    )
    publish(
        "Maison de santé pluridisciplinaire",
        themes=["acces-aux-soins"],
        summary="Six médecins et une pharmacie regroupés près de la gare.",
        stage="realise",
        year=2020,
        commune_insee="29019",
    )
    drained()


def test_without_accents_finds_accents(corpus):
    assert titles(search("mediatheque")) == ["Une médiathèque tiers-lieu au cœur du bourg"]


def test_singular_finds_plural(corpus):
    assert "Reconquérir les commerces vacants de la grand-rue" in titles(search("commerce vacant"))


def test_elision(corpus):
    assert "L'école de musique s'installe dans l'ancienne gare" in titles(search("l'école"))
    assert "L'école de musique s'installe dans l'ancienne gare" in titles(search("ecole"))


def test_verb_finds_noun(corpus):
    assert "Restauration des façades du centre ancien" in titles(search("restaurer"))


def test_phrases_are_exact(corpus):
    assert titles(search('"centre ancien"')) == ["Restauration des façades du centre ancien"]
    assert titles(search('"ancien centre"')) == []


def test_exclusion(corpus):
    found = titles(search("gare"))
    assert len(found) == 2
    assert titles(search("gare -musique")) == ["Maison de santé pluridisciplinaire"]


def test_or_and_prefix(corpus):
    assert len(search("médiathèque OU façades").hits) == 2
    assert len(search("médiathèque OR façades").hits) == 2
    assert "Maison de santé pluridisciplinaire" in titles(search("pluridisci*"))


def test_field_filters_in_the_query(corpus):
    assert titles(search("theme:mobilite")) == ["L'école de musique s'installe dans l'ancienne gare"]
    assert titles(search("gare theme:acces-aux-soins")) == ["Maison de santé pluridisciplinaire"]
    assert search('region:"Grand Est"').total == 3
    assert search("region:bretagne").total == 2
    assert search("departement:29").total == 2
    assert search("region:atlantide").total == 0
    assert search("auteur:martin").total == 5
    assert search("auteur:durand").total == 0
    assert search("annee:2023 etape:en-cours").total == 2


def test_facet_counts_equal_filtered_totals(corpus):
    page = search("")
    assert page.total == 5
    for facet in ("theme", "region", "department", "stage"):
        for value, count in page.facets[facet].items():
            narrowed = search("", Filters(**{facet: [value]}))
            assert narrowed.total == count, (facet, value)
    assert search("", Filters(year=[2023])).total == page.facets["year"]["2023"] == 2


def test_empty_query_lists_newest_first(corpus):
    assert titles(search(""))[0] == "Maison de santé pluridisciplinaire"


def test_highlights_mark_matched_words_and_are_sanitised(publish, drained):
    publish("Atelier vélo solidaire", summary="Un <script>alert(1)</script> atelier de réparation de vélos.")
    drained()
    page = search("vélo")
    assert "<mark>vélos</mark>" in page.hits[0].highlights
    assert "<script" not in page.hits[0].highlights


def test_syntax_errors_never_raise(corpus):
    for query in ['"non fermé', "(((", "OR", "-", "*", "AND OR NOT", 'theme:"']:
        search(query)
