"""Whoosh documents built from current database rows.

The indexer re-reads rows by id: what is indexable now decides, whatever the change said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from pvd_network.discussions.models import COMMENT_ENTITY, Comment
from pvd_network.extensions import db
from pvd_network.search.analysis import WORD_REGEX, french_analyzer
from pvd_network.writeups.models import PUBLISHED, SECTIONS, Writeup

WRITEUP = "writeup"
COMMENT = COMMENT_ENTITY
SPELLING_MIN_LENGTH = 4  # shorter words are never corrected (spelling.py)
_WORD = re.compile(WORD_REGEX)


def key(entity: str, entity_id: int) -> str:
    return f"{entity}:{entity_id}"


def indexable_writeups():
    """Only published, non-hidden write-ups are ever indexed (visibility is a filter)."""
    return (
        select(Writeup)
        .where(Writeup.status == PUBLISHED, Writeup.hidden_at.is_(None))
        .options(selectinload(Writeup.themes))
    )


@lru_cache(maxsize=200_000)
def spelling_form(token: str) -> str | None:
    """A word as spelling suggestions know it: the analyzer without its stemmer (lowercase, no
    elision, accents folded, no plural mark); None for stop words."""
    forms = [t.text for t in french_analyzer()(token, no_morph=True)]
    return forms[0] if len(forms) == 1 else None


@lru_cache(maxsize=200_000)
def word_stem(token: str) -> str | None:
    """The analyzer's term for one word; None for stop words."""
    stems = [t.text for t in french_analyzer()(token)]
    return stems[0] if len(stems) == 1 else None


def spelling_words(*texts: str) -> set[str]:
    """The distinct spelling forms of the words of ``texts``."""
    tokens = {token for text in texts for token in _WORD.findall(text or "")}
    forms = {spelling_form(token) for token in tokens}
    return {form for form in forms if form and len(form) >= SPELLING_MIN_LENGTH}


# --- Expressions of the territorial vocabulary ------------------------------------------------
# A synonym group's expression of several words ("opération de revitalisation de territoire")
# is searched as a phrase, and phrases are the dearest queries: every position of every word
# in every candidate document. So the index marks, per field, where the expressions the
# dictionary had at the last rebuild occur (``concepts``: "body:oper_revitalis_territoir"),
# and evaluate.py reads that one term instead. The list is kept with the generation (store.py)
# so drains mark the same expressions; expressions added since are searched as phrases.

CONCEPT_FIELDS = ("title", "summary", "body")


def concept_token(field: str, stems: tuple[str, ...]) -> str:
    return field + ":" + "_".join(stems)


def prepare_concepts(expressions) -> dict[str, list[tuple[str, ...]]]:
    """The expressions (analysed, several words each) by their first word."""
    prepared: dict[str, list[tuple[str, ...]]] = {}
    for stems in expressions:
        if len(stems) > 1:
            prepared.setdefault(stems[0], []).append(tuple(stems))
    return prepared


def concept_tokens(texts: dict[str, str], prepared: dict[str, list[tuple[str, ...]]]) -> set[str]:
    """Where the expressions occur: their words at consecutive positions, as a phrase matches."""
    found: set[str] = set()
    for field, text in texts.items():
        # The analyzer's terms, one word at a time (each word's term is remembered).
        stems = [stem for stem in map(word_stem, _WORD.findall(text or "")) if stem]
        for i, stem in enumerate(stems):
            for expression in prepared.get(stem, ()):
                if tuple(stems[i : i + len(expression)]) == expression:
                    found.add(concept_token(field, expression))
    return found


def writeup_document(writeup: Writeup, seen_words: set[str] | None = None, concepts=None) -> dict:
    """The document of one write-up. ``seen_words``: words already given to an earlier document
    of the same (re)build, left out since the spelling vocabulary needs each word once;
    ``concepts``: the expressions to mark (:func:`prepare_concepts`)."""
    commune = writeup.commune
    author = writeup.author
    theme_slugs = [theme.slug for theme in writeup.themes]
    places = [commune.name, commune.department.name, commune.region.name] if commune else []
    body = "\n\n".join(getattr(writeup, field) or "" for field, _title in SECTIONS)
    words = spelling_words(writeup.title, writeup.summary, body)
    if seen_words is not None:
        words -= seen_words
        seen_words |= words
    indexed_body = body + "\n\n" + " ".join((writeup.funders or []) + (writeup.partners or []))
    texts = {"title": writeup.title, "summary": writeup.summary or "", "body": indexed_body}
    return {
        "key": key(WRITEUP, writeup.id),
        "kind": WRITEUP,
        "writeup_id": writeup.id,
        **texts,
        "words": " ".join(sorted(words)),
        "concepts": " ".join(sorted(concept_tokens(texts, concepts))) if concepts else "",
        "places": " ".join(places),
        "themes_text": " ".join(theme.name for theme in writeup.themes),
        "author": author.display_name if author is not None else "",
        "theme": ",".join(theme_slugs),
        "theme_set": ",".join(theme_slugs),
        "region": writeup.region_code,
        "department": writeup.department_code,
        "stage": writeup.stage or "",
        "year": writeup.year or 0,
        "visibility": writeup.visibility,
        "published_at": writeup.published_at,
    }


def load_writeups(ids: Iterable[int], session=None) -> dict[int, Writeup]:
    """Indexable write-ups among ``ids`` (the others are to be removed from the index)."""
    ids = list(ids)
    if not ids:
        return {}
    rows = (session or db.session).scalars(indexable_writeups().where(Writeup.id.in_(ids)))
    return {row.id: row for row in rows}


def all_writeup_ids(session=None) -> Iterator[int]:
    yield from (session or db.session).scalars(
        select(Writeup.id)
        .where(Writeup.status == PUBLISHED, Writeup.hidden_at.is_(None))
        .order_by(Writeup.id)
    )


# --- Comments ---------------------------------------------------------------------------------
# A comment is indexed while it is shown to readers of its write-up (not deleted, not hidden)
# and its write-up is indexed; it carries the write-up's facets and visibility.

FACET_FIELDS = ("theme", "theme_set", "region", "department", "stage", "year", "visibility", "published_at")


def comment_document(comment: Comment, writeup_document_: dict) -> dict:
    """The document of one comment, with the facets of its write-up's document."""
    author = comment.author
    return {
        "key": key(COMMENT, comment.id),
        "kind": COMMENT,
        "writeup_id": comment.writeup_id,
        "comment_id": comment.id,
        "body": comment.body or "",
        "author": author.display_name if author is not None else "",
        **{name: writeup_document_[name] for name in FACET_FIELDS},
    }


def facets_only(writeup: Writeup) -> dict:
    """The facet fields of a write-up's document, without analysing its text."""
    theme_slugs = ",".join(theme.slug for theme in writeup.themes)
    return {
        "theme": theme_slugs,
        "theme_set": theme_slugs,
        "region": writeup.region_code,
        "department": writeup.department_code,
        "stage": writeup.stage or "",
        "year": writeup.year or 0,
        "visibility": writeup.visibility,
        "published_at": writeup.published_at,
    }


def _indexable_comments():
    return (
        select(Comment)
        .join(Writeup, Writeup.id == Comment.writeup_id)
        .where(
            Comment.deleted_at.is_(None),
            Comment.hidden_at.is_(None),
            Writeup.status == PUBLISHED,
            Writeup.hidden_at.is_(None),
        )
    )


def load_comments(ids: Iterable[int], session=None) -> dict[int, Comment]:
    """Indexable comments among ``ids`` (the others are to be removed from the index)."""
    ids = list(ids)
    if not ids:
        return {}
    rows = (session or db.session).scalars(_indexable_comments().where(Comment.id.in_(ids)))
    return {row.id: row for row in rows}


def comment_ids_of(writeup_ids: Iterable[int], session=None) -> set[int]:
    """Every comment of these write-ups, indexable or not (their documents follow the write-up's)."""
    writeup_ids = list(writeup_ids)
    if not writeup_ids:
        return set()
    return set(
        (session or db.session).scalars(select(Comment.id).where(Comment.writeup_id.in_(writeup_ids)))
    )


def all_comment_ids(session=None) -> Iterator[int]:
    yield from (session or db.session).scalars(
        _indexable_comments().with_only_columns(Comment.id).order_by(Comment.id)
    )
