"""The territorial vocabulary: acronyms find what is spelled out, and the other way round."""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, select

from pvd_network.extensions import db
from pvd_network.search import synonyms, vocabulary
from pvd_network.search.models import Synonym
from pvd_network.search.services import TEXT_FIELDS, parse, search
from pvd_network.search.vocabulary import INITIAL_SYNONYMS, Dictionary, analyse_expression, expand


def titles(query: str, viewer=None) -> set[str]:
    return {hit.writeup.title for hit in search(query, viewer=viewer).hits}


@pytest.fixture
def corpus(publish, drained):
    publish(
        "Convention ORT signée avec la communauté de communes",
        summary="Le périmètre couvre le centre ancien et le faubourg.",
    )
    publish(
        "Une opération de revitalisation de territoire pour le centre-bourg",
        summary="Signée en 2022 avec l'État et l'intercommunalité.",
    )
    publish(
        "Revitalisation du quartier de la gare",
        summary="Une opération sur les façades, puis un travail sur le territoire rural alentour.",
    )
    publish("Un tiers-lieu dans l'ancienne poste", summary="Ateliers, fablab et café associatif.")
    publish(
        "Espace de coworking à la médiathèque", summary="Douze postes de travail ouverts aux indépendants."
    )
    publish("OPAH-RU : rénover les logements du centre", summary="Des aides pour les propriétaires.")
    publish("Maison de santé pluriprofessionnelle", summary="Cinq médecins, deux kinés et une pharmacie.")
    drained()


def test_an_acronym_finds_what_is_spelled_out(corpus):
    assert titles("ORT") == {
        "Convention ORT signée avec la communauté de communes",
        "Une opération de revitalisation de territoire pour le centre-bourg",
    }


def test_the_spelled_out_form_finds_the_acronym(corpus):
    found = titles("opération de revitalisation du territoire")
    assert "Convention ORT signée avec la communauté de communes" in found
    assert "Une opération de revitalisation de territoire pour le centre-bourg" in found


def test_expansions_are_phrases_not_loose_words(corpus):
    # The third write-up has the three words, far apart: not an ORT.
    assert "Revitalisation du quartier de la gare" not in titles("ORT")


def test_accents_case_and_plural_do_not_matter(corpus):
    assert titles("epci") == titles("EPCI")
    assert "Convention ORT signée avec la communauté de communes" in titles("epci")
    assert "Une opération de revitalisation de territoire pour le centre-bourg" in titles("intercommunalite")


def test_a_hyphenated_term_is_one_expression_not_an_exclusion(corpus):
    assert titles("tiers-lieu") == {
        "Un tiers-lieu dans l'ancienne poste",
        "Espace de coworking à la médiathèque",
    }
    assert titles("tiers-lieux") == titles("tiers-lieu")
    assert titles("OPAH-RU") == {"OPAH-RU : rénover les logements du centre"}
    assert titles("coworking") == titles("tiers-lieu")


def test_expansion_combines_with_other_words_and_exclusions(corpus):
    assert titles("ORT centre-bourg") == {
        "Une opération de revitalisation de territoire pour le centre-bourg"
    }
    assert titles("ORT -faubourg") == {"Une opération de revitalisation de territoire pour le centre-bourg"}
    assert titles("médecins OR MSP") == {"Maison de santé pluriprofessionnelle"}
    assert titles("MSP") == {"Maison de santé pluriprofessionnelle"}


def test_highlights_mark_the_spelled_out_words(publish, drained):
    publish("Bilan à mi-parcours", summary="Notre opération de revitalisation de territoire avance bien.")
    drained()
    [hit] = search("ORT").hits
    assert "<mark>revitalisation</mark>" in hit.highlights


def test_queries_without_a_known_expression_are_left_as_parsed(app_ctx):
    from pvd_network.search.services import _parser

    for query in ["médiathèque OU façades", "gare -musique", '"centre ancien"']:
        assert parse(query)[0] == _parser().parse(query)


def test_initial_groups_compile_and_never_overlap():
    dictionary = Dictionary.compile([list(terms) for terms, _note in INITIAL_SYNONYMS])
    assert len(dictionary.groups) == len(INITIAL_SYNONYMS)
    seen: set[tuple[str, ...]] = set()
    for terms, note in INITIAL_SYNONYMS:
        assert note
        analysed = {analyse_expression(term).stems for term in terms}
        assert not analysed & seen, terms
        seen |= analysed


def test_expand_builds_phrases_through_the_french_analyzer():
    dictionary = Dictionary.compile([["ORT", "opération de revitalisation de territoire"]])
    from pvd_network.search.services import _parser

    expanded = expand(_parser().parse("ORT"), TEXT_FIELDS, dictionary)
    phrases = {(q.fieldname, tuple(q.words)) for q in expanded.leaves() if hasattr(q, "words")}
    assert ("body", ("oper", "revitalis", "territoir")) in phrases


# --- The table and its cache ---------------------------------------------------------------


def test_an_empty_table_uses_the_initial_groups_without_writing(corpus):
    assert db.session.scalar(select(func.count(Synonym.id))) == 0
    assert len(titles("ORT")) == 2
    assert db.session.scalar(select(func.count(Synonym.id))) == 0


def test_seeding_is_idempotent(app_ctx):
    assert vocabulary.seed_synonyms() == len(INITIAL_SYNONYMS)
    db.session.commit()
    assert vocabulary.seed_synonyms() == 0
    assert db.session.scalar(select(func.count(Synonym.id))) == len(INITIAL_SYNONYMS)


def test_seeding_skips_groups_an_admin_already_covers(app_ctx):
    synonyms.add_group("ORT\nopérations de revitalisation des territoires")
    db.session.commit()
    assert vocabulary.seed_synonyms() == len(INITIAL_SYNONYMS) - 1


def test_the_cli_seeds_the_table(app, runner):
    result = runner.invoke(args=["search", "synonyms", "seed"])
    assert result.exit_code == 0, result.output
    assert f"{len(INITIAL_SYNONYMS)} synonym group(s) added" in result.output
    assert "0 synonym group(s) added" in runner.invoke(args=["search", "synonyms", "seed"]).output


def test_an_admins_change_applies_at_once_in_their_process(corpus):
    assert titles("Petite Cité de Caractère") == set()
    group = synonyms.add_group("PCC\nPetite Cité de Caractère\nconvention ORT")
    db.session.commit()
    # Once the table has groups, they replace the initial ones.
    assert titles("PCC") == {"Convention ORT signée avec la communauté de communes"}
    synonyms.delete_group(group)
    db.session.commit()
    assert titles("PCC") == set()


def test_other_processes_see_a_change_within_the_ttl(corpus, monkeypatch):
    clock = [vocabulary.time.monotonic()]
    monkeypatch.setattr(vocabulary.time, "monotonic", lambda: clock[0])
    assert titles("PCC") == set()
    # Another process adds a group: this one has not been told.
    db.session.execute(insert(Synonym).values(terms="PCC\nconvention ORT", note=""))
    db.session.commit()
    assert titles("PCC") == set()  # cached
    clock[0] += vocabulary.DEFAULT_TTL_SECONDS + 0.1
    assert titles("PCC") == {"Convention ORT signée avec la communauté de communes"}


# --- Expressions marked in the index ----------------------------------------------------------


def test_a_rebuild_marks_the_expressions_where_they_occur(corpus):
    from whoosh.query import Term

    from pvd_network.search import indexer
    from pvd_network.search.store import current_generation
    from pvd_network.writeups.models import Writeup

    indexer.rebuild()
    generation = current_generation()
    assert ("oper", "revitalis", "territoir") in generation.read_concepts()
    with generation.open().searcher() as searcher:
        marked = [
            searcher.stored_fields(docnum)["writeup_id"]
            for docnum in searcher.docs_for_query(Term("concepts", "title:oper_revitalis_territoir"))
        ]
    assert [db.session.get(Writeup, writeup_id).title for writeup_id in marked] == [
        "Une opération de revitalisation de territoire pour le centre-bourg"
    ]


@pytest.mark.parametrize(
    "query", ["ORT", "opération de revitalisation du territoire", "tiers-lieu", "OPAH-RU", "MSP"]
)
def test_marked_expressions_find_what_phrases_find(corpus, query):
    from pvd_network.search import evaluate, indexer, services
    from pvd_network.search.services import Filters

    indexer.rebuild()
    services.reset()
    searcher, memo = services._open()
    assert memo.concepts
    text_query, _ = parse(query)
    allowed = memo.allowed(services._filter_query(Filters(), None))
    with_marks = evaluate.Evaluator(searcher, None, {}, memo.concepts)
    with_phrases = evaluate.Evaluator(searcher, None, {})
    found = with_marks.docs(text_query) & allowed
    assert found == with_phrases.docs(text_query) & allowed
    assert with_marks.best(text_query, found, 10) == with_phrases.best(text_query, found, 10)


def test_an_expression_added_after_the_rebuild_is_searched_as_a_phrase(corpus, publish, drained):
    from pvd_network.search import indexer

    indexer.rebuild()
    synonyms.add_group("PCC\nancienne poste")
    db.session.commit()
    assert titles("PCC") == {"Un tiers-lieu dans l'ancienne poste"}
    publish("Rénovation de l'ancienne poste", summary="Des logements à l'étage.")
    drained()
    assert titles("PCC") == {"Un tiers-lieu dans l'ancienne poste", "Rénovation de l'ancienne poste"}
