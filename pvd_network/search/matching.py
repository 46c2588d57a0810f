"""Matching, ranking and facet counting on the open searcher, with what a searcher can remember.

A searcher sees one state of the index; until the index changes (and services reopens it), the
same question has the same answer. :class:`Memo` keeps, for one searcher:

- the values of the column-stored facet fields, by document number;
- the documents each filter (visibility, facet selections) allows, as a set;
- the document numbers newest first (the order of the empty query and of ``sort=date``);
- a small LRU of computed result pages (ranked ids, total, facets, suggestion), whose keys
  carry the reader's visibility class: a member's page is never served to a visitor.

One pass over the matches both ranks them and records them (for the total and the facets):
Whoosh's own ``Results.docs()`` ran the whole query a second time.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from datetime import datetime

from whoosh.collectors import FilterCollector, TopCollector

FACET_COLUMNS = {"theme": "theme_set", "region": "region", "department": "department", "stage": "stage"}
FILTER_CACHE_SIZE = 32
EXCERPT_CACHE_SIZE = 2000
SETS_CACHE_BUDGET = 250_000  # document numbers (about 15 MB at most)
_OLDEST = datetime.min


class LRU:
    """A small thread-safe least-recently-used mapping."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            try:
                self._items.move_to_end(key)
            except KeyError:
                return None
            return self._items[key]

    def put(self, key, value) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


class SizedLRU(LRU):
    """An LRU of document sets bounded by the total number of document numbers held."""

    def __init__(self, budget: int):
        super().__init__(size=budget)
        self.held = 0

    def put(self, key, value) -> None:
        if self.size <= 0 or len(value) > self.size // 4:
            return  # nothing kept, or one set too big to be worth it
        with self._lock:
            if key in self._items:
                self.held -= len(self._items.pop(key))
            self._items[key] = value
            self.held += len(value)
            while self.held > self.size:
                _key, dropped = self._items.popitem(last=False)
                self.held -= len(dropped)


class Memo:
    """What one searcher remembers (dropped with it when the index changes)."""

    def __init__(self, searcher, version: int, results_size: int):
        self.searcher = searcher
        self.version = version  # increases each time services opens a new searcher
        self.columns: dict[str, list] = {}
        self.lengths: dict = {}  # per-field document lengths (evaluate.py)
        self.concepts: frozenset = frozenset()  # the generation's marked expressions
        self.filters = LRU(FILTER_CACHE_SIZE)
        self.results = LRU(results_size)
        self.excerpts = LRU(EXCERPT_CACHE_SIZE if results_size > 0 else 0)
        # Term and phrase document sets (evaluate.py): at most this many document numbers.
        self.sets = SizedLRU(SETS_CACHE_BUDGET) if results_size > 0 else None
        self._newest: list[int] | None = None
        self._lock = threading.Lock()

    def column(self, name: str) -> list:
        """All values of a column-stored field, by docnum."""
        values = self.columns.get(name)
        if values is None:
            reader = self.searcher.reader()
            # An index without documents has no columns (Whoosh's EmptyReader).
            values = list(reader.column_reader(name)) if reader.has_column(name) else []
            self.columns[name] = values
        return values

    def allowed(self, filter_query) -> set[int]:
        """The documents ``filter_query`` lets through (visibility and facet selections)."""
        key = repr(filter_query)
        docs = self.filters.get(key)
        if docs is None:
            docs = set(self.searcher.docs_for_query(filter_query))
            self.filters.put(key, docs)
        return docs

    def newest(self, docs, count: int) -> list[int]:
        """The ``count`` newest of ``docs`` (by publication date, then docnum)."""
        if count <= 0 or not docs:
            return []
        if len(docs) <= 2 * count or len(docs) < 500:
            published = self.column("published_at")
            return sorted(docs, key=lambda d: (published[d] or _OLDEST, d), reverse=True)[:count]
        found = []
        for docnum in self._order():
            if docnum in docs:
                found.append(docnum)
                if len(found) == count:
                    break
        return found

    def _order(self) -> list[int]:
        with self._lock:
            if self._newest is None:
                published = self.column("published_at")
                self._newest = sorted(
                    range(len(published)), key=lambda d: (published[d] or _OLDEST, d), reverse=True
                )
            return self._newest

    def facet_counts(self, docs) -> dict[str, dict[str, int]]:
        """Counts of each facet value over ``docs``, commonest first (C-level counting)."""
        lookup = {name: self.column(column).__getitem__ for name, column in FACET_COLUMNS.items()}
        combinations = Counter(map(lookup["theme"], docs))
        themes: Counter[str] = Counter()
        for combination, count in combinations.most_common():
            for slug in (combination or "").split(","):
                if slug:
                    themes[slug] += count
        regions = Counter(map(lookup["region"], docs))
        departments = Counter(map(lookup["department"], docs))
        stages = Counter(map(lookup["stage"], docs))
        years = Counter(map(self.column("year").__getitem__, docs))
        return {
            "theme": dict(themes.most_common()),
            "region": dict(regions.most_common()),
            "department": dict(departments.most_common()),
            "stage": {stage: n for stage, n in stages.most_common() if stage},
            "year": {str(year): n for year, n in years.most_common() if year},
        }


class _RecordingCollector(TopCollector):
    """Whoosh's top-N collector that also records every document it is shown. Neither block
    skipping nor matcher replacement (which drops the parts of a query that can no longer
    reach the top N): none of the matches may be missed."""

    def __init__(self, limit: int):
        super().__init__(limit=limit, usequality=False, replace=0)
        self.matched: list[int] = []

    def _collect(self, global_docnum, score):
        self.matched.append(global_docnum)
        return super()._collect(global_docnum, score)


def ranked(searcher, query, allowed: set[int], limit: int) -> tuple[list[int], list[tuple[int, float]]]:
    """Every match among ``allowed`` and the ``limit`` best (docnum, score), in one pass."""
    if not allowed:
        return [], []  # (Whoosh reads an empty allowed set as "no filter")
    collector = _RecordingCollector(limit)
    searcher.search_with_collector(query, FilterCollector(collector, allow=allowed))
    results = collector.results()
    return collector.matched, [(hit.docnum, hit.score) for hit in results]


def unranked(searcher, query, allowed: set[int]) -> set[int]:
    """Every match among ``allowed``, without scoring (for the date order)."""
    if not allowed:
        return set()
    return {docnum for docnum in searcher.docs_for_query(query) if docnum in allowed}
