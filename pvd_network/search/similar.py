"""Similar write-ups ("more like this"), under the reader's visibility rules.

The key terms of the write-up's own text (title, summary, sections) are weighed against the
index statistics (Whoosh's Bo1 expansion model, through the French analyzer of the field),
then searched in the text fields, with a bonus for sharing a theme. The write-up itself is
masked out, and the hits are re-read from the database with
``writeups.services.visible_writeups(viewer)``, so nothing the reader may not see is shown.
"""

from __future__ import annotations

from whoosh.query import Or, Term

from pvd_network.extensions import db
from pvd_network.search import documents
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
    key_terms = searcher.key_terms_from_text("body", source_text(writeup), numterms=KEY_TERMS)
    clauses = [
        Term(field, term, boost=weight * field_boost)
        for term, weight in key_terms
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
    ids = [
        hit["writeup_id"]
        for hit in results
        if hit["writeup_id"] != writeup.id and _shared(hit.matched_terms()) >= MIN_SHARED
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
