"""Typos: "Vouliez-vous dire … ?", results for the corrected spelling, and never a word the
reader may not see."""

from __future__ import annotations

import re

import pytest

from pvd_network.search.services import search
from pvd_network.search.spelling import spell_form
from pvd_network.writeups.models import MEMBERS


def titles(page) -> list[str]:
    return [hit.writeup.title for hit in page.hits]


@pytest.fixture
def corpus(publish, drained):
    publish(
        "Une médiathèque tiers-lieu au cœur du bourg",
        themes=["culture-tourisme"],
        summary="La médiathèque accueille aussi un espace numérique.",
    )
    publish("Réseau des bibliothèques", summary="Les bibliothèques des villages partagent leurs livres.")
    publish("Équipement sportif couvert", summary="Un gymnase pour les clubs et les écoles.")
    publish(
        "Ludothèque pour les familles",
        summary="Une ludothèque ouverte le samedi, réservée aux membres du réseau.",
        visibility=MEMBERS,
    )
    drained()


def test_no_result_shows_the_corrected_querys_results(corpus):
    page = search("mediateque")
    assert page.corrected_from == "mediateque"
    assert page.query == "médiathèque"
    assert titles(page) == ["Une médiathèque tiers-lieu au cœur du bourg"]
    assert page.suggestion is None


def test_the_query_as_typed_can_still_be_searched(corpus):
    page = search("mediateque OU ludothèque")
    assert page.corrected_from == "mediateque OU ludothèque"
    assert page.literal_query == '"mediateque" OU ludothèque'
    literal = search(page.literal_query)
    assert literal.total == 0 and literal.corrected_from is None and literal.suggestion is None


def test_few_results_suggest_a_corrected_query_in_natural_words(corpus):
    page = search("bibliothèque OU mediateque")
    assert page.total == 1
    assert page.corrected_from is None
    assert page.suggestion == "bibliothèque OU médiathèque"
    assert search(page.suggestion).total == 2


def test_correct_queries_get_no_suggestion(corpus):
    page = search("médiathèque")
    assert page.suggestion is None and page.corrected_from is None
    assert search("mediatheque").suggestion is None  # accents are not typos


def test_the_rest_of_the_query_is_kept_as_typed(corpus):
    page = search("l'equipment theme:services-publics")
    assert page.corrected_from == "l'equipment theme:services-publics"
    assert page.query == "l'équipement theme:services-publics"
    assert titles(page)[0] == "Équipement sportif couvert"  # ("équipe", in every write-up, shares its stem)


def test_excluded_and_prefix_words_are_never_corrected(corpus):
    assert search("bibliothèque -mediateque").suggestion is None
    page = search("mediateq*")
    assert page.suggestion is None and page.corrected_from is None


def test_nothing_close_enough_means_no_correction(corpus):
    page = search("zzxyqw")
    assert page.total == 0 and page.suggestion is None and page.corrected_from is None


def test_acronyms_of_the_vocabulary_are_not_typos(corpus):
    page = search("ANCT")
    assert page.suggestion is None and page.corrected_from is None


def test_a_members_only_word_is_never_suggested_to_a_visitor(corpus, author):
    # "ludothèque" is only in a members-only write-up.
    page = search("ludotheqe")
    assert page.total == 0
    assert page.suggestion is None and page.corrected_from is None
    page = search("bibliothèque OU ludotheqe")
    assert page.total == 1 and page.suggestion is None
    # A signed-in member may see it: the correction is theirs.
    page = search("ludotheqe", viewer=author)
    assert page.corrected_from == "ludotheqe"
    assert titles(page) == ["Ludothèque pour les familles"]


def test_corrections_never_come_from_unpublished_write_ups(publish, drained):
    from pvd_network.writeups.models import SUBMITTED

    publish("Une conciergerie rurale", status=SUBMITTED)
    drained()
    page = search("concergerie")
    assert page.total == 0 and page.suggestion is None and page.corrected_from is None


def test_spell_form_is_folded_and_singular():
    assert spell_form("Médiathèques") == "mediatheque"
    assert spell_form("le") is None


def test_the_search_page_says_which_query_it_shows_and_links_the_typed_one(client, corpus):
    from html import unescape
    from urllib.parse import parse_qs, urlsplit

    html = unescape(client.get("/recherche?q=mediateque").get_data(as_text=True))
    assert "Résultats pour « médiathèque »" in html
    assert "ne correspond à « mediateque » : voici les résultats pour « médiathèque »." in html
    assert "Une médiathèque tiers-lieu au cœur du bourg" in html
    link = re.search(r'<a href="([^"]+)">Rechercher quand même « mediateque »</a>', html)
    assert link and parse_qs(urlsplit(link.group(1)).query) == {"q": ['"mediateque"']}
    typed = unescape(client.get(link.group(1)).get_data(as_text=True))
    assert "voici les résultats pour" not in typed and "Une médiathèque tiers-lieu" not in typed
