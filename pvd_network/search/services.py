"""Querying the index: ``search(query, filters, page, viewer) -> SearchPage``.

One searcher per process, reopened only when the index changed; facet values read from
column-stored fields; hits re-read from the database in ranking order, so only rows the
reader may see are ever shown (also in counts and excerpts); excerpts are highlighted
from the database text of the shown hits.
"""

from __future__ import annotations

import gc
import itertools
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache

from flask import current_app
from sqlalchemy import select
from whoosh import qparser
from whoosh.query import And, Or, Query, Term

from pvd_network.extensions import db
from pvd_network.search import comments, documents, evaluate, excerpts, matching, spelling, vocabulary
from pvd_network.search.analysis import analyse
from pvd_network.search.store import Generation, IndexUnavailable, current_generation
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.models import PUBLIC, Writeup

TEXT_FIELDS = ("title", "summary", "body", "places", "themes_text", "author")
# Where the other expressions of a synonym group are looked for (what a write-up says, not
# its places, themes or author).
EXPANSION_FIELDS = ("title", "summary", "body")
FACETS = ("theme", "region", "department", "stage", "year")
SORTS = ("relevance", "date")
MAX_PER_PAGE = 100


@dataclass
class Filters:
    """Facet selections: several values of one facet combine with OR, facets with AND."""

    theme: list[str] = field(default_factory=list)
    region: list[str] = field(default_factory=list)
    department: list[str] = field(default_factory=list)
    stage: list[str] = field(default_factory=list)
    year: list[int] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in FACETS)


@dataclass
class Hit:
    writeup: Writeup
    score: float | None
    highlights: str  # sanitised HTML: text with <mark> around matched words
    comment: object | None = None  # the best matching comment of its discussion, if any
    comment_highlights: str = ""  # sanitised like highlights


@dataclass
class SearchPage:
    query: str
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    facets: dict[str, dict[str, int]]
    sort: str
    suggestion: str | None = None  # "Vouliez-vous dire … ?": a corrected query, in words
    corrected_from: str | None = None  # the query typed, when these are the corrected query's results
    literal_query: str | None = None  # with corrected_from: the query typed, never to be corrected

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


# --- The per-process searcher ---------------------------------------------------------------

_lock = threading.Lock()
_state: dict = {}
_versions = itertools.count(1)
DEFAULT_RESULT_CACHE_SIZE = 256


def _open() -> tuple:
    """The process's searcher on the live generation and its :class:`~matching.Memo`,
    reopened only when something changed."""
    generation = current_generation()
    if generation is None:
        raise IndexUnavailable("no search index yet: run `flask search rebuild`")
    with _lock:
        if _state.get("generation") != generation.name:
            old = _state.get("searcher")
            index = generation.open()
            _state.update(generation=generation.name, index=index, searcher=index.searcher())
            _state["concepts"] = frozenset(generation.read_concepts())
            _state["memo"] = _new_memo(_state["searcher"])
            if old is not None:
                old.close()
        elif not _state["searcher"].up_to_date():
            # A fresh searcher rather than Searcher.refresh(), which was seen here to keep
            # documents deleted since (duplicates in results).
            old = _state["searcher"]
            _state["index"] = generation.open()
            _state["searcher"] = _state["index"].searcher()
            _state["memo"] = _new_memo(_state["searcher"])
            old.close()
        return _state["searcher"], _state["memo"]


def _new_memo(searcher) -> matching.Memo:
    size = current_app.config.get("SEARCH_RESULT_CACHE_SIZE", DEFAULT_RESULT_CACHE_SIZE)
    memo = matching.Memo(searcher, next(_versions), int(size))
    memo.concepts = _state.get("concepts", frozenset())
    return memo


def _searcher():
    """The process's searcher and its column values by docnum (cached until it changes)."""
    searcher, memo = _open()
    return searcher, memo.columns


def reset() -> None:
    """Forget the cached searcher (tests, after a rebuild in the same process)."""
    with _lock:
        searcher = _state.get("searcher")
        if searcher is not None:
            searcher.close()
        _state.clear()


# --- Parsing ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _parser() -> qparser.MultifieldParser:
    from pvd_network.search.schema import build_schema

    parser = qparser.MultifieldParser(TEXT_FIELDS, schema=build_schema(), group=qparser.AndGroup)
    parser.remove_plugin_class(qparser.FieldsPlugin)  # field filters are handled before parsing
    # "-mot" excludes, but a hyphen inside a word ("tiers-lieu", "OPAH-RU") is part of it.
    parser.add_plugin(qparser.PlusMinusPlugin(plusexpr=r"(?:^|(?<=[\s(]))\+", minusexpr=r"(?:^|(?<=[\s(]))-"))
    parser.replace_plugin(
        qparser.OperatorsPlugin(
            And=r"(?<=\s)(ET|AND)(?=\s)",
            Or=r"(?<=\s)(OU|OR)(?=\s)",
            Not=r"(^|(?<=(\s|[()])))(SAUF|NOT)(?=\s)",
            AndNot=None,
            AndMaybe=None,
            Require=None,
        )
    )
    return parser


FIELD_FILTER = re.compile(
    r'(?<![\w-])(theme|thematique|region|departement|auteur|annee|etape):("([^"]*)"|\S+)', re.I
)


def parse(query: str) -> tuple[Query | None, dict[str, list[str]]]:
    """The text query and the field filters written in it (``theme:mobilite``…)."""
    extracted: dict[str, list[str]] = {}

    def take(match: re.Match) -> str:
        name = match.group(1).lower().replace("thematique", "theme")
        value = match.group(3) if match.group(3) is not None else match.group(2)
        extracted.setdefault(name, []).append(value.strip())
        return " "

    rest = FIELD_FILTER.sub(take, query or "").strip()
    if not rest:
        return None, extracted
    try:
        parsed = _parser().parse(rest)
    except Exception:  # noqa: BLE001 - a syntax error falls back to plain terms
        parsed = _parser().parse(re.sub(r"[^\w\s]", " ", rest))
    return vocabulary.expand(parsed, TEXT_FIELDS, alternative_fields=EXPANSION_FIELDS), extracted


def _merge_field_filters(filters: Filters, extracted: dict[str, list[str]]) -> tuple[Filters, Query | None]:
    """Add the ``theme:``, ``region:``, ``departement:``, ``annee:``, ``etape:`` filters typed
    in the query to the facet selections; ``auteur:`` becomes a query on the author field."""

    from pvd_network.core.text import fold
    from pvd_network.geo.models import Department, Region

    merged = replace(
        filters,
        theme=list(filters.theme),
        region=list(filters.region),
        department=list(filters.department),
        stage=list(filters.stage),
        year=list(filters.year),
    )

    def code_of(model, value: str) -> str:
        if db.session.get(model, value.upper()) is not None:
            return value.upper()
        for code, name in db.session.execute(select(model.code, model.name)):
            if fold(name) == fold(value):
                return code
        return "__none__"  # an unknown name matches nothing, as users expect

    for value in extracted.get("theme", []):
        merged.theme.append(fold(value).replace(" ", "-"))
    for value in extracted.get("region", []):
        merged.region.append(code_of(Region, value))
    for value in extracted.get("departement", []):
        merged.department.append(code_of(Department, value))
    for value in extracted.get("etape", []):
        merged.stage.append(fold(value).replace(" ", "-"))
    for value in extracted.get("annee", []):
        if value.isdigit():
            merged.year.append(int(value))
    author_query = None
    if extracted.get("auteur"):
        words = [word for value in extracted["auteur"] for word in analyse(value)]
        author_query = And([Term("author", word) for word in words]) if words else None
    return merged, author_query


def _filter_query(filters: Filters, viewer) -> Query | None:
    parts: list[Query] = [Term("kind", documents.WRITEUP)]
    for name in ("theme", "region", "department", "stage"):
        values = getattr(filters, name)
        if values:
            parts.append(Or([Term(name, value) for value in values]))
    if filters.year:
        from whoosh.query import NumericRange

        parts.append(Or([NumericRange("year", y, y) for y in filters.year]))
    if not writeup_services._is_signed_in_member(viewer):
        parts.append(Term("visibility", PUBLIC))
    return And(parts)


# --- Searching --------------------------------------------------------------------------------


def search(
    query: str,
    filters: Filters | None = None,
    page: int = 1,
    per_page: int = 20,
    sort: str = "relevance",
    viewer=None,
    correct: bool = True,
) -> SearchPage:
    """Search visible write-ups; facets count over every match the viewer may see. When results
    are few, ``suggestion`` proposes a corrected query; when there are none, the corrected
    query's results are returned instead, with ``corrected_from`` set to the query typed."""
    filters = filters or Filters()
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    page = max(1, page)
    searcher, memo = _open()
    # A computed page is kept while this searcher lives (the index has not changed), for the
    # same query, facets, page, order, vocabulary, and class of reader.
    key = (
        query,
        tuple(tuple(getattr(filters, name)) for name in FACETS),
        page,
        per_page,
        sort,
        _visibility_class(viewer),
        vocabulary.current_dictionary().serial,
        correct,
    )
    with _collector_paused():
        found = memo.results.get(key)
        if found is None:
            found = _compute(searcher, memo, query, filters, page, per_page, sort, viewer, correct)
            memo.results.put(key, found)
        hits = _load_hits(found.ranked, viewer, found.terms, memo)
    return SearchPage(
        query=found.query,
        hits=hits,
        total=found.total,
        page=page,
        per_page=per_page,
        facets={name: dict(counts) for name, counts in found.facets.items()},
        sort=found.sort,
        suggestion=found.suggestion,
        corrected_from=found.corrected_from,
        literal_query=found.literal_query,
    )


_paused = {"count": 0, "was_enabled": True}


@contextmanager
def _collector_paused():
    """Python's cycle collector paused while a search is computed. A query makes tens of
    thousands of short-lived sets, lists and tuples (postings, positions, scores), none in a
    cycle; they triggered collections that walked every object of the worker (searcher,
    columns, ORM state): a phrase spent two thirds of its time there. The collector is back
    (and catches up) as soon as the last search in progress is done."""
    with _lock:
        if not _paused["count"]:
            _paused["was_enabled"] = gc.isenabled()
            gc.disable()
        _paused["count"] += 1
    try:
        yield
    finally:
        with _lock:
            _paused["count"] -= 1
            if not _paused["count"] and _paused["was_enabled"]:
                gc.enable()


def _visibility_class(viewer) -> str:
    return "members" if writeup_services._is_signed_in_member(viewer) else "public"


@dataclass(frozen=True)
class _Found:
    """A computed page without its rows: what the result cache keeps."""

    query: str
    ranked: tuple[tuple[int, float | None, int | None], ...]  # (writeup id, score, comment id)
    terms: frozenset[str]  # to highlight
    total: int
    facets: dict[str, dict[str, int]]
    sort: str
    suggestion: str | None = None
    corrected_from: str | None = None
    literal_query: str | None = None


def _compute(searcher, memo, query, filters, page, per_page, sort, viewer, correct, evaluator=None) -> _Found:
    # One evaluator for the whole computation: the write-ups, their comments and the spelling
    # check read each term's postings (and each phrase's positions) once.
    evaluator = evaluator or evaluate.Evaluator(searcher, memo.sets, memo.lengths, memo.concepts)
    text_query, extracted = parse(query)
    merged, author_query = _merge_field_filters(filters, extracted)
    words_query = text_query  # what comments must say (an author filter names write-ups' authors)
    if author_query is not None:
        text_query = And([text_query, author_query]) if text_query is not None else author_query
    allowed = memo.allowed(_filter_query(merged, viewer))
    by_date = sort == "date" or text_query is None
    through: dict[int, tuple] = {}  # write-up docnum -> (best comment docnum, score)
    if text_query is None:
        matched = allowed  # the empty query: every visible write-up, newest first
    else:
        limit = 0 if by_date else page * per_page
        matched, best = _match(searcher, evaluator, text_query, allowed, limit)
        if words_query is not None:
            matched, best, through = comments.with_comments(
                evaluator, memo, words_query, author_query, allowed, matched, best, limit
            )
    if by_date:
        best = [(docnum, None) for docnum in memo.newest(matched, page * per_page)]
    shown = [
        (docnum, score, through[docnum][0] if docnum in through else None)
        for docnum, score, *_rest in best[(page - 1) * per_page :]
    ]
    found = _Found(
        query=query,
        ranked=tuple(
            (
                searcher.stored_fields(docnum)["writeup_id"],
                score,
                searcher.stored_fields(comment)["comment_id"] if comment is not None else None,
            )
            for docnum, score, comment in shown
        ),
        terms=_highlight_terms(text_query),
        total=len(matched),
        facets=memo.facet_counts(matched),
        sort="date" if by_date else "relevance",
    )
    if correct and text_query is not None and found.total < spelling.FEW:
        correction = spelling.correct(
            searcher,
            query,
            visible=memo.allowed(_filter_query(Filters(), viewer)),
            viewer=viewer,
            skip=FIELD_FILTER,
            dictionary=vocabulary.current_dictionary(),
            text_fields=TEXT_FIELDS,
            stem_docs=lambda stem: set().union(
                *(evaluator.term(name, stem) for name in spelling.SPELL_FIELDS)
            ),
        )
        if correction is not None:
            alternative = _compute(
                searcher, memo, correction.query, filters, page, per_page, sort, viewer, False, evaluator
            )
            if found.total == 0 and alternative.total > 0:
                return replace(alternative, corrected_from=query, literal_query=correction.literal)
            if alternative.total > found.total:
                return replace(found, suggestion=correction.query)
    return found


def _match(searcher, evaluator, query, allowed, limit) -> tuple:
    """Every match among ``allowed``, and the ``limit`` best (docnum, score)."""
    try:
        matched = evaluator.docs(query) & allowed
        return matched, evaluator.best(query, matched, limit)
    except evaluate.Unsupported:
        if not limit:
            return matching.unranked(searcher, query, allowed), []
        return matching.ranked(searcher, query, allowed, limit)


def _load_hits(ranked, viewer, terms: frozenset[str], memo=None) -> list[Hit]:
    """Re-read the hits from the database, keeping rank order and only what ``viewer`` may see
    (a comment shown with its write-up, only while it is neither deleted nor hidden)."""
    if not ranked:
        return []
    ids = [writeup_id for writeup_id, _score, _comment in ranked]
    # By primary key, the reader's rights checked on each row by the Python twin of the listing
    # condition: with that condition in SQL, SQLite walked its listing index (every visible
    # write-up) to find twenty ids, half of the time of a search.
    statement = select(Writeup).where(Writeup.id.in_(ids))
    loaded = db.session.scalars(statement).unique()
    rows = {row.id: row for row in loaded if writeup_services.is_visible(viewer, row)}
    shown_comments = excerpts.visible_comments([c for _w, _s, c in ranked if c is not None])
    hits = []
    for writeup_id, score, comment_id in ranked:
        if writeup_id not in rows:
            continue
        comment = shown_comments.get(comment_id)
        hits.append(Hit(
            writeup=rows[writeup_id],
            score=score,
            highlights=excerpts.cached(rows[writeup_id], terms, memo),
            comment=comment,
            comment_highlights=excerpts.comment_excerpt(comment, terms) if comment is not None else "",
        ))
    return hits


def _highlight_terms(text_query: Query | None) -> frozenset[str]:
    if text_query is None:
        return frozenset()
    return frozenset(text for _field, text in text_query.iter_all_terms() if isinstance(text, str))


def index_is_available() -> bool:
    try:
        _searcher()
    except IndexUnavailable:
        return False
    return True


__all__ = ["Filters", "Hit", "IndexUnavailable", "SearchPage", "search", "reset", "Generation"]
