"""Title completions for the header search box: visible titles whose words start as typed.

Answered by the index (the title field) so it stays fast on a large corpus: the words typed
before the last must all be in the title (stemmed, as the search does); the last word is a
prefix of a title word (accents and elisions folded), or that word itself, stemmed. Hits
are re-read from the database with the reader's visibility rules.
"""

from __future__ import annotations

from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.query import And, Or, Prefix, Term

from pvd_network.extensions import db
from pvd_network.search.analysis import WORD_REGEX, AccentFoldingFilter, ElisionFilter, analyse
from pvd_network.search.services import Filters, _filter_query, _searcher
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.models import Writeup

LIMIT = 8
MIN_PREFIX = 2
MAX_WORDS = 8
# Words as typed, lowercased, without elision or accents: "l'Écol" -> "ecol".
_WORDS = RegexTokenizer(WORD_REGEX) | LowercaseFilter() | ElisionFilter() | AccentFoldingFilter()


def _query(text: str):
    words = [token.text for token in _WORDS(text)][-MAX_WORDS:]
    if not words:
        return None
    *complete, last = words
    if text[-1:].isspace():  # "maison " : the last word is complete too
        complete, last = words, ""
    required = [Term("title", term) for word in complete for term in analyse(word)]
    alternatives = []
    if len(last) >= MIN_PREFIX:
        alternatives.append(Prefix("title", last))
        alternatives += [Term("title", term) for term in analyse(last)]
    if alternatives:
        required.append(Or(alternatives))
    if not required or (not alternatives and not complete):
        return None
    return And(required)


def complete_titles(text: str, viewer, limit: int = LIMIT) -> list[Writeup]:
    """Up to ``limit`` write-ups ``viewer`` may see whose title completes ``text``.

    Raises IndexUnavailable when there is no usable index.
    """
    query = _query(text or "")
    if query is None:
        return []
    searcher, _columns = _searcher()
    results = searcher.search(query, filter=_filter_query(Filters(), viewer), limit=limit * 2)
    ids = [hit["writeup_id"] for hit in results]
    if not ids:
        return []
    statement = writeup_services.visible_writeups(viewer).where(Writeup.id.in_(ids))
    rows = {row.id: row for row in db.session.scalars(statement).unique()}
    return [rows[writeup_id] for writeup_id in ids if writeup_id in rows][:limit]
