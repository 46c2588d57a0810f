"""Similar write-ups ("more like this"), under the reader's visibility rules.

The key terms of the write-up's own text (title, summary, sections) are weighed against the
index statistics (Whoosh's Bo1 expansion model, through the French analyzer of the field),
then searched in the text fields, with a bonus for sharing a theme. Numbers, counting words
and the write-up's own place names are left out of the key terms: they say where and how
much, not what about. A hit must share at least two key terms (or one and a theme) and score
at least a fifth of the best one. The write-up itself is masked out, and the hits are re-read
from the database with ``writeups.services.visible_writeups(viewer)``, so nothing the reader
may not see is shown.

The ranked ids are kept while the searcher lives (until the index changes), per class of reader.
On a large index a first computation costs tens of milliseconds, too much for the write-up page
(issue 4: p95 ≤ 50 ms under load): the page then shows the block only when it is already known
and otherwise loads it after itself (search/views.py ``similar_block``).
"""

from __future__ import annotations

from collections import Counter

from flask import current_app
from whoosh.query import Or, Term

from pvd_network.extensions import db
from pvd_network.search import documents
from pvd_network.search.analysis import analyse
from pvd_network.search.evaluate import Evaluator
from pvd_network.search.services import Filters, _filter_query, _open, _visibility_class
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.models import SECTIONS, Writeup

KEY_TERMS = 15
# Field: how much a key term found there counts (the title says what a write-up is about).
FIELDS = {"title": 2.0, "summary": 1.5, "body": 1.0, "themes_text": 1.0}
THEME_BONUS = 0.5
# A write-up sharing a single word (or only a theme) is not "similar": at least two of
# the key terms, or one and a theme.
MIN_SHARED = 2
MIN_RELATIVE_SCORE = 0.2
CANDIDATE_TERMS = 40  # key terms looked at, before leaving out the generic ones
# Words of quantity and time, and adverbs the stop list keeps, found in every write-up
# (analysed like the text, below).
GENERIC_WORDS = (
    "un une deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt trente quarante "
    "cinquante cent mille million premier première deuxième second troisième dernier "
    "an année mois semaine jour heure fois plusieurs quelques nombreux moitié tiers quart "
    "projet commune ville petite depuis dont aussi ainsi encore déjà toujours tout tous toute toutes "
    "plus moins très bien fait faire"
)


def _generic_terms() -> frozenset[str]:
    return frozenset(analyse(GENERIC_WORDS))


def _place_terms(writeup: Writeup) -> set[str]:
    commune = writeup.commune
    if commune is None:
        return set()
    return set(analyse(f"{commune.name} {commune.department.name} {commune.region.name}"))


def key_terms(searcher, writeup: Writeup) -> list[tuple[str, float]]:
    """The :data:`KEY_TERMS` most telling terms of the write-up, with their weights."""
    excluded = _generic_terms() | _place_terms(writeup)
    candidates = searcher.key_terms_from_text("body", source_text(writeup), numterms=CANDIDATE_TERMS)
    kept = [
        (term, weight)
        for term, weight in candidates
        if term not in excluded and len(term) > 2 and not any(ch.isdigit() for ch in term)
    ]
    return kept[:KEY_TERMS]


def source_text(writeup: Writeup) -> str:
    """What the write-up says: its key terms are taken from this."""
    parts = [writeup.title, writeup.title, writeup.summary or ""]  # the title twice: it weighs more
    parts += [getattr(writeup, name) or "" for name, _title in SECTIONS]
    return "\n\n".join(parts)


def similar(writeup: Writeup, viewer, limit: int = 5) -> list[Writeup]:
    """Up to ``limit`` published write-ups like ``writeup`` that ``viewer`` may see, closest first.

    Raises IndexUnavailable when there is no usable index (callers show nothing then).
    """
    searcher, memo = _open()
    key = ("similar", writeup.id, _visibility_class(viewer), limit)
    ids = memo.results.get(key)
    if ids is None:
        ids = tuple(_similar_ids(searcher, memo, writeup, viewer, limit))
        memo.results.put(key, ids)
    return _visible(ids, viewer, limit)


def cached_similar(writeup: Writeup, viewer, limit: int = 5) -> list[Writeup] | None:
    """What :func:`similar` would return if it is already known for the live index, else None
    (the page then loads the block after itself). Raises IndexUnavailable like it."""
    _searcher_, memo = _open()
    ids = memo.results.get(("similar", writeup.id, _visibility_class(viewer), limit))
    return None if ids is None else _visible(ids, viewer, limit)


def is_cheap() -> bool:
    """True when the index is small enough for the block to be computed with the page."""
    searcher, _memo = _open()
    return searcher.doc_count() <= int(current_app.config.get("SEARCH_SIMILAR_INLINE_MAX_DOCS", 2000))


def _similar_ids(searcher, memo, writeup: Writeup, viewer, limit: int) -> list[int]:
    """Write-up ids ranked by the BM25F score of the key terms they hold, evaluated over whole
    posting sets (search/evaluate.py) rather than by Whoosh's matcher walk: with thousands of
    write-ups sharing common terms, the walk took most of a second."""
    terms = key_terms(searcher, writeup)
    if not terms:
        return []
    evaluator = Evaluator(searcher, memo.sets, memo.lengths)
    # Only write-ups the reader may see count (comments share the body field): counted in C.
    allowed = memo.allowed(_filter_query(Filters(), viewer))
    shared: Counter[int] = Counter()
    for term, _weight in terms:
        shared.update(set().union(*(evaluator.term(field, term) for field in FIELDS)) & allowed)
    theme_docs = set().union(*(evaluator.term("theme", theme.slug) for theme in writeup.themes))
    itself = evaluator.term("key", documents.key(documents.WRITEUP, writeup.id))
    candidates = {
        docnum
        for docnum, count in shared.items()
        if count + (docnum in theme_docs) >= MIN_SHARED and docnum not in itself
    }
    if not candidates:
        return []
    clauses = [
        Term(field, term, boost=weight * field_boost)
        for term, weight in terms
        for field, field_boost in FIELDS.items()
    ]
    clauses += [Term("theme", theme.slug, boost=THEME_BONUS) for theme in writeup.themes]
    ranked = evaluator.best(Or(clauses), candidates, limit * 3)  # room for rows no longer shown
    floor = ranked[0][1] * MIN_RELATIVE_SCORE
    ids = [searcher.stored_fields(docnum)["writeup_id"] for docnum, score in ranked if score >= floor]
    return [writeup_id for writeup_id in ids if writeup_id != writeup.id]


def _visible(ids, viewer, limit: int) -> list[Writeup]:
    """The rows of ``ids`` the database still shows ``viewer``, in the same order."""
    if not ids:
        return []
    statement = writeup_services.visible_writeups(viewer).where(Writeup.id.in_(ids))
    rows = {row.id: row for row in db.session.scalars(statement).unique()}
    return [rows[writeup_id] for writeup_id in ids if writeup_id in rows][:limit]
