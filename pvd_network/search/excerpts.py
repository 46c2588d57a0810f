"""Excerpts of the hits shown: the matched words in <mark>, from the database text.

Long texts are not stored in the index; the few hits of a page are highlighted from their rows.
"""

from __future__ import annotations

import bleach
from sqlalchemy import select
from whoosh import highlight

from pvd_network.discussions.models import Comment
from pvd_network.extensions import db
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


def visible_comments(ids: list[int]) -> dict[int, Comment]:
    """The comments among ``ids`` still shown to readers (their write-ups are checked by the caller)."""
    if not ids:
        return {}
    statement = select(Comment).where(
        Comment.id.in_(ids), Comment.deleted_at.is_(None), Comment.hidden_at.is_(None)
    )
    return {row.id: row for row in db.session.scalars(statement)}


def comment_excerpt(comment: Comment, terms: frozenset[str]) -> str:
    """The matched words of a comment in <mark>, sanitised (or its beginning)."""
    text = comment.body or ""
    if terms:
        found = highlight.highlight(text, terms, french_analyzer(), _FRAGMENTER, _FORMATTER, top=2)
        if found:
            return found
    return bleach.clean(text[:240], tags=set(), strip=True)
