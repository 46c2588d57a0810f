"""Querying the index: ``search(query, filters, page, viewer) -> SearchPage``.

One searcher per process, reopened only when the index changed; facet values read from
column-stored fields; hits re-read from the database in ranking order, so only rows the
reader may see are ever shown (also in counts and excerpts); excerpts are highlighted
from the database text of the shown hits.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import bleach
from whoosh import highlight, qparser
from whoosh.query import And, Every, Or, Query, Term

from pvd_network.extensions import db
from pvd_network.search import documents, spelling, vocabulary
from pvd_network.search.analysis import analyse, french_analyzer
from pvd_network.search.store import Generation, IndexUnavailable, current_generation
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.models import PUBLIC, SECTIONS, Writeup

TEXT_FIELDS = ("title", "summary", "body", "places", "themes_text", "author")
FACETS = ("theme", "region", "department", "stage", "year")
FACET_COLUMNS = {
    "theme": "theme_set",
    "region": "region",
    "department": "department",
    "stage": "stage",
    "year": "year",
}
SORTS = ("relevance", "date")
MAX_PER_PAGE = 100
EXCERPT_FIELDS = ("summary",) + tuple(name for name, _title in SECTIONS)


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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


# --- The per-process searcher ---------------------------------------------------------------

_lock = threading.Lock()
_state: dict = {}


def _searcher():
    """The process's searcher on the live generation, reopened only when something changed."""
    generation = current_generation()
    if generation is None:
        raise IndexUnavailable("no search index yet: run `flask search rebuild`")
    with _lock:
        if _state.get("generation") != generation.name:
            old = _state.get("searcher")
            index = generation.open()
            _state.update(generation=generation.name, index=index, searcher=index.searcher(), columns={})
            if old is not None:
                old.close()
        elif not _state["searcher"].up_to_date():
            # A fresh searcher rather than Searcher.refresh(), which was seen here to keep
            # documents deleted since (duplicates in results).
            old = _state["searcher"]
            _state["index"] = generation.open()
            _state["searcher"] = _state["index"].searcher()
            _state["columns"] = {}
            old.close()
        return _state["searcher"], _state["columns"]


def _column(searcher, columns: dict, name: str) -> list:
    """All values of a column-stored field, by docnum (cached until the searcher changes)."""
    if name not in columns:
        reader = searcher.reader()
        # An index without documents has no columns (Whoosh's EmptyReader).
        columns[name] = list(reader.column_reader(name)) if reader.has_column(name) else []
    return columns[name]


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
    return vocabulary.expand(parsed, TEXT_FIELDS), extracted


def _merge_field_filters(filters: Filters, extracted: dict[str, list[str]]) -> tuple[Filters, Query | None]:
    """Add the ``theme:``, ``region:``, ``departement:``, ``annee:``, ``etape:`` filters typed
    in the query to the facet selections; ``auteur:`` becomes a query on the author field."""
    from dataclasses import replace

    from sqlalchemy import select

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
    requested = filters
    filters = filters or Filters()
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    page = max(1, page)
    text_query, extracted = parse(query)
    filters, author_query = _merge_field_filters(filters, extracted)
    if author_query is not None:
        text_query = And([text_query, author_query]) if text_query is not None else author_query
    searcher, columns = _searcher()
    q = text_query or Every()
    sortedby = None
    if sort == "date" or text_query is None:
        sortedby = "published_at"
    results = searcher.search(
        q,
        filter=_filter_query(filters, viewer),
        limit=page * per_page,
        sortedby=sortedby,
        reverse=bool(sortedby),
        terms=text_query is not None,
    )
    matched = results.docs()
    total = len(matched)
    facets = _facet_counts(searcher, columns, matched)
    ranked = [
        (hit["writeup_id"], hit.score if sortedby is None else None)
        for hit in results[(page - 1) * per_page :]
    ]
    hits = _load_hits(ranked, viewer, text_query)
    result = SearchPage(
        query=query,
        hits=hits,
        total=total,
        page=page,
        per_page=per_page,
        facets=facets,
        sort="date" if sortedby else "relevance",
    )
    if correct and text_query is not None and total < spelling.FEW:
        correction = spelling.correct(
            searcher,
            query,
            visible=_filter_query(Filters(), viewer),
            viewer=viewer,
            skip=FIELD_FILTER,
            dictionary=vocabulary.current_dictionary(),
            text_fields=TEXT_FIELDS,
        )
        if correction is not None:
            alternative = search(correction.query, requested, page, per_page, sort, viewer, correct=False)
            if total == 0 and alternative.total > 0:
                alternative.corrected_from = query
                return alternative
            if alternative.total > total:
                result.suggestion = correction.query
    return result


def _facet_counts(searcher, columns: dict, docnums) -> dict[str, dict[str, int]]:
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    theme_col = _column(searcher, columns, "theme_set")
    region_col = _column(searcher, columns, "region")
    dept_col = _column(searcher, columns, "department")
    stage_col = _column(searcher, columns, "stage")
    year_col = _column(searcher, columns, "year")
    for docnum in docnums:
        for slug in (theme_col[docnum] or "").split(","):
            if slug:
                counts["theme"][slug] += 1
        counts["region"][region_col[docnum]] += 1
        counts["department"][dept_col[docnum]] += 1
        if stage_col[docnum]:
            counts["stage"][stage_col[docnum]] += 1
        if year_col[docnum]:
            counts["year"][str(year_col[docnum])] += 1
    return {name: dict(counter.most_common()) for name, counter in counts.items()}


def _load_hits(ranked: list[tuple[int, float | None]], viewer, text_query: Query | None) -> list[Hit]:
    """Re-read the hits from the database, keeping rank order and only what ``viewer`` may see."""
    if not ranked:
        return []
    ids = [writeup_id for writeup_id, _score in ranked]
    statement = writeup_services.visible_writeups(viewer).where(Writeup.id.in_(ids))
    rows = {row.id: row for row in db.session.scalars(statement).unique()}
    terms = _highlight_terms(text_query)
    return [
        Hit(writeup=rows[writeup_id], score=score, highlights=excerpt(rows[writeup_id], terms))
        for writeup_id, score in ranked
        if writeup_id in rows
    ]


def _highlight_terms(text_query: Query | None) -> frozenset[str]:
    if text_query is None:
        return frozenset()
    return frozenset(text for _field, text in text_query.iter_all_terms() if isinstance(text, str))


_FORMATTER = highlight.HtmlFormatter(tagname="mark", between=" … ")
_FRAGMENTER = highlight.ContextFragmenter(maxchars=220, surround=60)


def excerpt(writeup: Writeup, terms: frozenset[str]) -> str:
    """A short excerpt of the write-up with the matched words in <mark>, sanitised."""
    if terms:
        for name in EXCERPT_FIELDS:
            text = getattr(writeup, name) or ""
            if not text:
                continue
            found = highlight.highlight(text, terms, french_analyzer(), _FRAGMENTER, _FORMATTER, top=2)
            if found:
                return bleach.clean(found, tags={"mark"}, attributes={}, strip=True)
    plain = (writeup.summary or writeup.context or "")[:240]
    return bleach.clean(plain, tags=set(), strip=True)


def index_is_available() -> bool:
    try:
        _searcher()
    except IndexUnavailable:
        return False
    return True


__all__ = ["Filters", "Hit", "IndexUnavailable", "SearchPage", "search", "reset", "Generation"]
