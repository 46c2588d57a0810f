"""Similar write-ups ("more like this"), under the reader's visibility rules.

The key terms of the write-up's own text (title, summary, sections) are weighed against the
index statistics (Whoosh's Bo1 expansion model, through the French analyzer of the field),
then searched in the text fields, with a bonus for sharing a theme. Numbers, counting words
and the write-up's own place names are left out of the key terms: they say where and how
much, not what about. A hit must share at least two key terms (or one and a theme) and score
at least a fifth of the best one. The write-up itself is masked out, and the hits are re-read
from the database with ``writeups.services.visible_writeups(viewer)``, so nothing the reader
may not see is shown.
"""

from __future__ import annotations

from whoosh.query import Or, Term

from pvd_network.extensions import db
from pvd_network.search import documents
from pvd_network.search.analysis import analyse
from pvd_network.search.services import Filters, _filter_query, _searcher
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
    searcher, _columns = _searcher()
    clauses = [
        Term(field, term, boost=weight * field_boost)
        for term, weight in key_terms(searcher, writeup)
        for field, field_boost in FIELDS.items()
    ]
    clauses += [Term("theme", theme.slug, boost=THEME_BONUS) for theme in writeup.themes]
    if not clauses:
        return []
    results = searcher.search(
        Or(clauses),
        filter=_filter_query(Filters(), viewer),
        mask=Term("key", documents.key(documents.WRITEUP, writeup.id)),
        limit=limit * 3,  # room for rows the database no longer shows
        terms=True,
    )
    floor = (results[0].score or 0) * MIN_RELATIVE_SCORE if len(results) else 0
    ids = [
        hit["writeup_id"]
        for hit in results
        if hit["writeup_id"] != writeup.id
        and _shared(hit.matched_terms()) >= MIN_SHARED
        and hit.score >= floor
    ]
    if not ids:
        return []
    statement = writeup_services.visible_writeups(viewer).where(Writeup.id.in_(ids))
    rows = {row.id: row for row in db.session.scalars(statement).unique()}
    return [rows[writeup_id] for writeup_id in ids if writeup_id in rows][:limit]


def _shared(matched: set[tuple[str, bytes | str]]) -> int:
    """How many distinct key terms (a shared theme counting as one) a hit matched."""
    words = {text for field, text in matched if field != "theme"}
    return len(words) + (1 if any(field == "theme" for field, _text in matched) else 0)
