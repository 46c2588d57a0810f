"""Excerpts of the hits shown: the matched words in <mark>, from the database text.

Long texts are not stored in the index; the few hits of a page are highlighted from their rows.
"""

from __future__ import annotations

import bleach
from whoosh import highlight

from pvd_network.search.analysis import french_analyzer
from pvd_network.writeups.models import SECTIONS, Writeup

EXCERPT_FIELDS = ("summary",) + tuple(name for name, _title in SECTIONS)


class _MarkFormatter(highlight.HtmlFormatter):
    """Matched words in a bare <mark>; the text around them HTML-escaped, as Whoosh's
    HtmlFormatter does (so the excerpt needs no sanitiser pass: its only tag is ours)."""

    template = "<mark>%(t)s</mark>"


_FORMATTER = _MarkFormatter(tagname="mark", between=" … ")
_FRAGMENTER = highlight.ContextFragmenter(maxchars=220, surround=60)


def cached(writeup: Writeup, terms: frozenset[str], memo=None) -> str:
    """:func:`excerpt`, remembered in the searcher's memo (when it has a cache)."""
    if memo is None:
        return excerpt(writeup, terms)
    key = (writeup.id, writeup.updated_at, terms)
    text = memo.excerpts.get(key)
    if text is None:
        text = excerpt(writeup, terms)
        memo.excerpts.put(key, text)
    return text


def excerpt(writeup: Writeup, terms: frozenset[str]) -> str:
    """A short excerpt of the write-up with the matched words in <mark>, sanitised."""
    if terms:
        for name in EXCERPT_FIELDS:
            text = getattr(writeup, name) or ""
            if not text:
                continue
            found = highlight.highlight(text, terms, french_analyzer(), _FRAGMENTER, _FORMATTER, top=2)
            if found:
                return found
    plain = (writeup.summary or writeup.context or "")[:240]
    return bleach.clean(plain, tags=set(), strip=True)
