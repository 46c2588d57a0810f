"""Typos: a corrected query when a word of the query matches nothing or almost nothing.

Candidates come from the index's spelling vocabulary, the ``words`` field (the unstemmed
words of titles, summaries and bodies: lowercase, accents folded, plural mark dropped), within
one or two edits of the typed word. Those words come from every indexed
write-up, members-only ones included, so a candidate is only proposed when a write-up the
reader may see contains it: the candidate is looked up among the visible documents, those
rows are re-read from the database, and the word shown is taken from their text, as it is
written there ("médiathèque", never the stem "mediathequ" nor the folded "mediatheque").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from whoosh.query import Or, Term
from whoosh.support.levenshtein import distance

from pvd_network.extensions import db
from pvd_network.search.analysis import _ELISION, WORD_REGEX, analyse, fold_accents
from pvd_network.search.documents import spelling_form
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.models import SECTIONS, Writeup

FEW = 3  # fewer results than this: look for a correction
SPELL_FIELDS = ("title", "summary", "body")
WORDS = "words"
MIN_LENGTH = 4  # shorter words are too ambiguous to correct
CANDIDATES_TRIED = 3
VERIFIED = 10  # visible write-ups read from the database to find a candidate's spelling
_WORD = re.compile(r"(?P<minus>(?:^|(?<=[\s(]))-)?(?P<word>" + WORD_REGEX + r")(?P<star>\*)?")
_OPERATORS = {"OU", "OR", "ET", "AND", "NOT", "SAUF"}
_QUOTED = re.compile(r'"[^"]*"?')


@dataclass
class Correction:
    query: str  # the query with its misspelt words replaced, as the user would have typed it
    words: dict[str, str]  # typed word → word found in a visible write-up
    literal: str  # the query typed, its corrected words in quotes: searched as typed


def spell_form(word: str) -> str | None:
    """What the spelling vocabulary holds for ``word``: the analyzer without its stemmer."""
    return spelling_form(word)


def _document_frequency(reader, fields, text: str) -> int:
    return sum(reader.doc_frequency(name, text) for name in fields)


def _stem(word: str) -> str | None:
    stems = analyse(word)
    return stems[0] if len(stems) == 1 else None


def _candidates(reader, word: str, known: int) -> list[str]:
    """Indexed words close to ``word``, closest then commonest first. When ``word`` itself is
    indexed (``known`` documents), only much commoner words one edit away are kept."""
    maxdist = 1 if len(word) <= 5 or known else 2
    found: set[str] = set()
    # The ``words`` field, or Whoosh's spelling fields in an index built before it existed.
    fields = [WORDS] if WORDS in reader.schema else SPELL_FIELDS
    for leaf, _offset in reader.leaf_readers():
        for name in fields:
            # prefix=1: typos rarely hit the first letter, and the walk is much shorter.
            found.update(leaf.terms_within(name, word, maxdist, prefix=1))
    found.discard(word)
    # The vocabulary holds each word once: how common a word is, is read from its stem in the
    # text fields.
    ranked = sorted(
        (distance(word, c), -_document_frequency(reader, SPELL_FIELDS, _stem(c) or c), c) for c in found
    )
    if known:
        ranked = [r for r in ranked if r[0] == 1 and -r[1] >= max(FEW, 5 * known)]
    return [candidate for _d, _f, candidate in ranked]


def _surface(rows, word: str) -> str | None:
    """``word`` (a spelling form) as the write-ups ``rows`` write it, or None if they do not."""
    exact: Counter[str] = Counter()
    other: Counter[str] = Counter()
    # A token that is the word: an elided article before it ("lorsqu'"), a plural mark after
    # it, a ligature folded into two letters ("œ").
    shortest, longest = len(word) - 2, len(word) + 9
    for row in rows:
        texts = [row.title, row.summary, *(getattr(row, name) for name, _title in SECTIONS)]
        for text in texts:
            text = text or ""
            for match in re.finditer(WORD_REGEX, text):
                if not shortest <= match.end() - match.start() <= longest:
                    continue  # cannot be the word (most tokens): not analysed
                token = _ELISION.sub("", match.group())
                folded = fold_accents(token.lower())
                if folded == word:
                    counts = exact
                elif folded[:-1] == word and spell_form(token) == word:
                    counts = other
                else:
                    continue
                # A capital at the start of a sentence says nothing; elsewhere it marks a name.
                initial = (
                    not text[: match.start()].rstrip(' *#_>«"(')
                    or text[: match.start()].rstrip()[-1:] in ".!?:\n"
                )
                counts[token.lower() if initial else token] += 1
    counts = exact or other
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def _visible_surface(searcher, word: str, visible: set[int], viewer, stem_docs) -> str | None:
    """``word`` as written in a write-up ``viewer`` may see, or None when none has it (among the
    first visible write-ups sharing its stem: a rare miss only costs a suggestion)."""
    stem = _stem(word)
    if stem is None:
        return None
    docnums = sorted(stem_docs(stem) & visible)[:VERIFIED]
    if not docnums:
        return None
    ids = [searcher.stored_fields(docnum)["writeup_id"] for docnum in docnums]
    # By primary key, each row checked with the listing condition's Python twin (services.py).
    rows = db.session.scalars(select(Writeup).where(Writeup.id.in_(ids))).unique()
    return _surface([row for row in rows if writeup_services.is_visible(viewer, row)], word)


def _stem_docs(searcher):
    """The documents whose title, summary or body holds a stem (Whoosh's own search)."""

    def docs(stem: str) -> set[int]:
        return set(searcher.docs_for_query(Or([Term(name, stem) for name in SPELL_FIELDS])))

    return docs


def correct(
    searcher,
    query: str,
    *,
    visible: set[int],
    viewer,
    skip: re.Pattern,
    dictionary,
    text_fields,
    stem_docs=None,
) -> Correction | None:
    """The query with each word that matches (almost) nothing replaced by the closest word of a
    write-up ``viewer`` may see; None when no word needs or finds a correction.

    ``visible``: the document numbers ``viewer`` may see; ``skip`` matches the parts of the query
    that are not words to correct (field filters); ``dictionary`` is the territorial vocabulary,
    whose acronyms are never taken for typos; ``text_fields`` the fields a word may match in;
    ``stem_docs(stem)``: the documents whose title, summary or body holds a stem."""
    reader = searcher.reader()
    stem_docs = stem_docs or _stem_docs(searcher)
    # Field filters, and words in quotes: those are meant as typed.
    skipped = [match.span() for match in skip.finditer(query)]
    skipped += [match.span() for match in _QUOTED.finditer(query)]
    replacements: list[tuple[int, int, str]] = []
    words: dict[str, str] = {}
    for match in _WORD.finditer(query):
        start, end = match.span("word")
        if match.group("minus") or match.group("star") or any(a <= start < b for a, b in skipped):
            continue
        typed = match.group("word")
        if typed in _OPERATORS:
            continue
        elided = _ELISION.match(typed)
        offset = elided.end() if elided else 0
        bare = typed[offset:]
        form, stem = spell_form(bare), _stem(bare)
        if form is None or stem is None or len(form) < MIN_LENGTH or dictionary.knows(stem):
            continue
        known = _document_frequency(reader, text_fields, stem)
        if known >= FEW:
            continue
        for candidate in _candidates(reader, form, known)[:CANDIDATES_TRIED]:
            surface = _visible_surface(searcher, candidate, visible, viewer, stem_docs)
            if surface is not None:
                replacements.append((start + offset, end, surface))
                words[bare] = surface
                break
    if not replacements:
        return None
    corrected = literal = query
    for start, end, surface in reversed(replacements):
        corrected = corrected[:start] + surface + corrected[end:]
        literal = literal[:start] + '"' + literal[start:end] + '"' + literal[end:]
    return Correction(query=corrected, words=words, literal=literal)
