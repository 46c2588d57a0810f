"""What makes search fast must not change what it finds: the memoised analyzer, the set-based
evaluation and its ranking, and the per-searcher caches (invalidated when the index changes,
never shared between a visitor and a member)."""

from __future__ import annotations

import pytest

from pvd_network.search import evaluate, matching, services
from pvd_network.search.analysis import french_analyzer, reference_analyzer
from pvd_network.search.services import Filters, search
from pvd_network.writeups.models import MEMBERS

TEXTS = [
    "L'école d'aujourd'hui, jusqu'au cœur de l'Œuvre : le la les été à où — vélos, bureaux !",
    "Les Médiathèques du réseau intercommunal accueillent qu'ils soient jeunes ou âgés.",
    "de la",
    "",
    "OPAH-RU : 12 logements rénovés, rue de l'Église ; tiers-lieux et espaces de coworking.",
]


def tokens(analyzer, text, **options):
    return [
        (
            t.text,
            t.pos if options.get("positions") else None,
            t.startchar if options.get("chars") else None,
            t.stopped,
        )
        for t in analyzer(text, **options)
    ]


@pytest.mark.parametrize(
    "options",
    [{}, {"positions": True, "chars": True}, {"positions": True, "removestops": False}, {"no_morph": True}],
)
def test_the_memoised_analyzer_is_the_chain_of_filters(options):
    for text in TEXTS * 2:  # twice: the second pass is served from the memo
        assert tokens(french_analyzer(), text, **options) == tokens(reference_analyzer(), text, **options)


@pytest.fixture
def corpus(publish, drained):
    for n in range(12):
        publish(
            f"Commerces vacants de la grand-rue, étape {n}",
            summary="Des boutiques à l'essai contre la vacance commerciale." * (1 + n % 3),
            themes=["commerce-centre-ville"] if n % 2 else ["commerce-centre-ville", "mobilite"],
            actions="Un manager de centre-ville et une foncière commerciale." + " Vélo." * (n % 4),
            year=2020 + n % 4,
        )
    publish("Maison de santé pluriprofessionnelle", summary="Dans le centre ancien, près de la gare.")
    publish("Centre ancien : ravalement des façades", summary="Une campagne aidée par la commune.")
    publish("Un ancien centre de tri devenu tiers-lieu", summary="Le centre de tri ancien revit.")
    drained()


QUERIES = [
    "commerce vacant",
    "vacance commerciale",
    '"centre ancien"',
    "centre ancien",
    "vélo OU santé",
    "commerce -vélo",
    "boutiq*",
    "tiers-lieu",
    "MSP",
    "grand-rue étape",
]


@pytest.mark.parametrize("query", QUERIES)
def test_set_evaluation_finds_and_ranks_as_whoosh_does(corpus, query):
    searcher, memo = services._open()
    text_query, _ = services.parse(query)
    allowed = memo.allowed(services._filter_query(Filters(), None))
    whoosh_matched, whoosh_best = matching.ranked(searcher, text_query, allowed, 10)
    evaluator = evaluate.Evaluator(searcher, None, {})
    matched = evaluator.docs(text_query) & allowed
    assert matched == set(whoosh_matched)
    best = evaluator.best(text_query, matched, 10)
    assert [docnum for docnum, _ in best] == [docnum for docnum, _ in whoosh_best]
    assert [round(score, 9) for _, score in best] == [round(score, 9) for _, score in whoosh_best]


def test_ranking_a_large_match_set_scores_exactly_a_few(corpus, monkeypatch):
    monkeypatch.setattr(evaluate, "EXACT_AT_MOST", 3)
    searcher, memo = services._open()
    text_query, _ = services.parse("NOT santé")  # Not: the exact scores come from Whoosh's matchers
    allowed = memo.allowed(services._filter_query(Filters(), None))
    evaluator = evaluate.Evaluator(searcher, None, {})
    matched = evaluator.docs(text_query) & allowed
    assert len(evaluator.best(text_query, matched, 2)) == 2


def test_the_facet_counts_and_pages_are_those_of_whoosh(corpus):
    page = search("commerce", per_page=5)
    assert page.total == 12
    assert page.facets["theme"] == {"commerce-centre-ville": 12, "mobilite": 6}
    assert sum(page.facets["year"].values()) == 12
    second = search("commerce", page=2, per_page=5)
    assert not {h.writeup.id for h in page.hits} & {h.writeup.id for h in second.hits}
    by_date = search("commerce", sort="date", per_page=20)
    dates = [hit.writeup.published_at for hit in by_date.hits]
    assert dates == sorted(dates, reverse=True)


# --- The result cache -----------------------------------------------------------------------


@pytest.fixture
def computed(monkeypatch):
    """Count the pages actually computed (not served from the cache)."""
    calls = []
    original = services._compute

    def counting(*args, **kwargs):
        calls.append(args[2])
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "_compute", counting)
    return calls


def test_a_repeated_search_is_served_from_the_cache(corpus, computed):
    first = search("commerce vacant")
    again = search("commerce vacant")
    assert computed == ["commerce vacant"]
    assert [h.writeup.id for h in again.hits] == [h.writeup.id for h in first.hits]
    assert again.facets == first.facets and again.total == first.total
    again.facets["theme"].clear()  # callers may change what they get
    assert search("commerce vacant").facets == first.facets
    search("commerce vacant", Filters(year=[2021]))
    search("commerce vacant", page=2, per_page=5)
    assert len(computed) == 3


def test_the_cache_is_forgotten_when_the_index_changes(corpus, publish, drained, computed):
    assert search("navette").total == 0
    publish("Une navette électrique gratuite")
    drained()
    assert search("navette").total == 1
    assert computed == ["navette", "navette"]


def test_the_cache_never_serves_a_members_page_to_a_visitor(corpus, publish, drained, author):
    publish("Ludothèque intercommunale", visibility=MEMBERS)
    drained()
    assert search("ludothèque", viewer=author).total == 1
    assert search("ludothèque").total == 0
    assert search("ludothèque", viewer=author).total == 1
    assert search("").total == 15 and search("", viewer=author).total == 16


def test_a_vocabulary_change_is_a_new_cache_key(corpus, computed):
    from pvd_network.extensions import db
    from pvd_network.search import synonyms

    assert search("PCC").total == 0
    synonyms.add_group("PCC\nmaison de santé pluriprofessionnelle")
    db.session.commit()
    assert search("PCC").total == 1


@pytest.mark.parametrize("app_config", [{"SEARCH_RESULT_CACHE_SIZE": 0}])
def test_with_the_cache_off_every_search_is_computed(corpus, computed, app_config):
    search("commerce vacant")
    search("commerce vacant")
    assert computed == ["commerce vacant", "commerce vacant"]


def test_filters_that_allow_nothing_find_nothing(corpus):
    # (Whoosh reads an empty set of allowed documents as "no filter".)
    assert search("commerce", Filters(region=["__none__"])).total == 0
    assert search("", Filters(year=[1999])).total == 0


def test_boosted_terms_and_unscored_fields_rank_as_whoosh_does(corpus):
    # The shape of the "similar write-ups" query: boosted terms, theme terms in a keyword field.
    from whoosh.query import Or, Term

    searcher, memo = services._open()
    query = Or(
        [Term("title", "commerc", boost=2.0), Term("body", "vel", boost=1.5), Term("summary", "vacanc")]
        + [Term("theme", "mobilite", boost=0.5)]
    )
    allowed = memo.allowed(services._filter_query(Filters(), None))
    whoosh_matched, whoosh_best = matching.ranked(searcher, query, allowed, 8)
    evaluator = evaluate.Evaluator(searcher, None, {})
    matched = evaluator.docs(query) & allowed
    assert matched == set(whoosh_matched)
    assert evaluator.best(query, matched, 8) == [(d, pytest.approx(s)) for d, s in whoosh_best]
