"""Whole-set evaluation of parsed queries: which documents match, with Python sets.

Whoosh evaluates a query by walking a tree of matchers one document at a time, in Python: for
a query matching thousands of write-ups over six fields, with the phrases of the territorial
vocabulary, that walk was most of the time of a search. Here each term's postings are read
whole into a set (from the segment's plain arrays, compact.py, or else a Whoosh block at a
time), And / Or / AndNot become set operations (in C), and a phrase checks word positions only
in the documents that hold all its words.

Ranking then scores exactly, with the index's own BM25F matchers, only the documents that can
reach the page: every match when there are few, otherwise the best ones by a cheap first
ranking (field boost × idf of each query term or phrase a document holds). Queries of another
shape raise :class:`Unsupported`, and the caller uses Whoosh's collector instead.
"""

from __future__ import annotations

import heapq
from functools import reduce
from itertools import accumulate
from operator import itemgetter
from pickle import loads  # noqa: S403 - Whoosh's own posting values, written by this application

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.formats import Positions
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, AndNot, Every, Not, Or, Phrase, Prefix, Query, Term
from whoosh.query.qcore import _NullQuery
from whoosh.reading import TermNotFound
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

from pvd_network.search import compact
from pvd_network.search.documents import CONCEPT_FIELDS, concept_token

EXACT_AT_MOST = 40  # matches scored exactly by BM25F; beyond, a first ranking picks them
MAX_PREFIX_TERMS = 2000
B, K1 = 0.75, 1.2  # Whoosh's BM25F defaults, which the index uses
CONCEPTS = "concepts"


class Unsupported(Exception):
    """A query node this module does not evaluate (the caller falls back to Whoosh)."""


class Evaluator:
    """Evaluates queries on one searcher; ``cache`` (an LRU, or None) keeps term and phrase
    document sets for the searcher's lifetime."""

    def __init__(self, searcher, cache=None, lengths: dict | None = None, concepts=frozenset()):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.leaves = [(leaf, offset) for leaf, offset in self.reader.leaf_readers()]
        self.cache = cache
        self.lengths = lengths if lengths is not None else {}  # per searcher: see Memo
        # Expressions the index marks where they occur (documents.py): one term, not a phrase.
        self.concepts = concepts if CONCEPTS in self.reader.schema else frozenset()
        self._sets: dict = {}

    # --- Matching -----------------------------------------------------------------------

    def docs(self, query: Query) -> set[int]:
        """The document numbers ``query`` matches (deleted documents excluded)."""
        if isinstance(query, Term):
            if not isinstance(query.text, str):
                raise Unsupported(query)
            return self.term(query.fieldname, query.text)
        if isinstance(query, Phrase):
            return self.phrase(query.fieldname, tuple(query.words), query.slop)
        if type(query) is And:
            sets = sorted((self.docs(q) for q in query.subqueries), key=len)
            return reduce(set.intersection, sets[1:], set(sets[0])) if sets else set()
        if type(query) is Or:
            if getattr(query, "minmatch", 0) > 1:
                raise Unsupported(query)
            return set().union(*(self.docs(q) for q in query.subqueries))
        if type(query) is AndNot:
            return self.docs(query.a) - self.docs(query.b)
        if type(query) is Not:
            return self.all_docs() - self.docs(query.query)
        if type(query) is Prefix:
            return self.prefix(query.fieldname, query.text)
        if isinstance(query, _NullQuery):
            return set()
        if type(query) is Every:
            return self.all_docs()
        raise Unsupported(query)

    def all_docs(self) -> set[int]:
        return set(self.reader.all_doc_ids())

    def _remembered(self, key, compute):
        """``compute()``, kept for this query and, with a cache, for the searcher's lifetime."""
        found = self._sets.get(key)
        if found is None and self.cache is not None:
            found = self.cache.get(key)
        if found is None:
            found = compute()
            if self.cache is not None:
                self.cache.put(key, found.without_values() if isinstance(found, _Postings) else found)
        self._sets[key] = found
        return found

    def term(self, field: str, text: str) -> set[int]:
        return self.postings(field, text).docs

    def postings(self, field: str, text: str, values: bool = False) -> _Postings:
        """The term's postings; with ``values``, their encoded positions too."""
        key = ("term", field, text)
        found = self._remembered(key, lambda: self._postings(field, text, values))
        if values and found.values is None:
            found = self._sets[key] = self._postings(field, text, values=True)
        return found

    def _positional(self, field: str) -> bool:
        return field in self.reader.schema and isinstance(self.reader.schema[field].format, Positions)

    def _postings(self, field: str, text: str, values: bool) -> _Postings:
        ids: list[int] = []
        weights: list[float] = []
        encoded: list[bytes] | None = [] if values else None
        for leaf, offset in self.leaves:
            leaf_ids, leaf_weights, leaf_values = _read(leaf, field, text, values)
            ids.extend(docnum + offset for docnum in leaf_ids) if offset else ids.extend(leaf_ids)
            weights.extend(leaf_weights)
            if values:
                encoded.extend(leaf_values)
        return _Postings(set(ids), ids, weights, encoded)

    def prefix(self, field: str, prefix: str) -> set[int]:
        return set().union(*(self.term(field, text) for text in self._expansions(field, prefix)))

    def _expansions(self, field: str, prefix: str) -> list[str]:
        terms = []
        for text in self.reader.expand_prefix(field, prefix):
            terms.append(text.decode("utf-8") if isinstance(text, bytes) else text)
            if len(terms) > MAX_PREFIX_TERMS:
                raise Unsupported(prefix)
        return terms

    def phrase(self, field: str, words: tuple[str, ...], slop: int = 1) -> set[int]:
        if len(words) == 1:
            return self.term(field, words[0])
        if slop <= 1 and words in self.concepts and field in CONCEPT_FIELDS:
            return self.term(CONCEPTS, concept_token(field, words))
        return self._remembered(("phrase", field, words, slop), lambda: self._phrase(field, words, slop))

    def _phrase(self, field: str, words: tuple[str, ...], slop: int) -> set[int]:
        candidates = reduce(set.intersection, sorted((self.term(field, w) for w in set(words)), key=len))
        if not candidates:
            return set()
        positions = {word: self._positions(field, word, candidates) for word in set(words)}
        if len(words) == 2 and slop <= 1:  # the common case: two adjacent words
            first, second = positions[words[0]], positions[words[1]]
            return {
                docnum
                for docnum in candidates
                if not {p + 1 for p in first[docnum]}.isdisjoint(second[docnum])
            }
        found = set()
        steps = range(1, max(1, slop) + 1)
        for docnum in candidates:
            current = set(positions[words[0]][docnum])
            for word in words[1:]:
                following = positions[word][docnum]
                current = {p for p in following if any(p - d in current for d in steps)}
                if not current:
                    break
            else:
                found.add(docnum)
        return found

    def _positions(self, field: str, word: str, docs: set[int]) -> dict:
        """Positions of ``word`` in each document of ``docs`` holding it (ascending)."""
        if not self._positional(field):
            raise Unsupported(field)
        found: dict = {}
        for leaf, offset in self.leaves:
            arrays = compact.for_leaf(leaf)
            stored = arrays.read_positions(field, word) if arrays is not None else None
            if stored is not None:  # slices of the segment's array (deleted documents: not in docs)
                ids, starts, positions = stored
                for i, docnum in enumerate(ids):
                    if docnum + offset in docs:
                        found[docnum + offset] = positions[starts[i] : starts[i + 1]]
                continue
            ids, _weights, values = _read(leaf, field, word, True)
            for docnum, value in zip(ids, values, strict=True):
                if docnum + offset in docs:
                    # Positions.decode_positions, with the running sum done in C.
                    found[docnum + offset] = list(accumulate(loads(value[_INT_SIZE:])))  # noqa: S301
        return found

    # --- Ranking ------------------------------------------------------------------------

    def best(self, query: Query, matched: set[int], limit: int) -> list[tuple[int, float]]:
        """The ``limit`` best (docnum, BM25F score) of ``matched``, ranked as Whoosh ranks
        them (score, then document number)."""
        if limit <= 0 or not matched:
            return []
        if _sum_of_terms(query):
            # The score Whoosh's matchers would give, computed term by term over the sets
            # (checked equal to 1e-13); rounded so equal scores tie as they do in Whoosh.
            return _top(self._bm25(query, matched), limit)
        candidates = matched
        if len(matched) > max(EXACT_AT_MOST, 2 * limit):
            scores = self._bm25(query, matched)
            best = heapq.nlargest(max(EXACT_AT_MOST, 2 * limit), scores.items(), key=lambda i: (i[1], -i[0]))
            candidates = {docnum for docnum, _score in best}
        scored = self._scores(query, sorted(candidates))
        return heapq.nsmallest(limit, scored, key=lambda item: (-item[1], item[0]))

    def _bm25(self, query: Query, matched: set[int]) -> dict[int, float]:
        """The BM25F score of each document of ``matched``: the score of each query term it
        holds (where the enclosing query matched; a phrase scores as its words) times its boost,
        summed — what Whoosh's matchers add up, but for Not and the boosts of compound queries
        (a first ranking then)."""
        scores: dict[int, float] = dict.fromkeys(matched, 0.0)
        for field, words, within, boost in self._units(query, matched):
            if not within:
                continue
            if not self.reader.schema[field].scorable:  # Whoosh's WeightScorer: the weight
                for word in words:
                    postings = self.postings(field, word)
                    for docnum, weight in zip(postings.ids, postings.weights, strict=True):
                        if docnum in within:
                            scores[docnum] += weight * boost
                continue
            lengths = self._lengths(field)
            average = self.searcher.avg_field_length(field) or 1.0
            # K1 × ((1 - B) + B × length / average), by length byte when lengths are bytes.
            norms = [K1 * ((1 - B) + B * length / average) for length in _BYTE_TO_LENGTH]
            for word in words:
                idf = self.searcher.idf(field, word) * boost
                weight_of = self.postings(field, word).weight_of()
                # Only the documents of ``within`` (all hold the word): not the whole list.
                if isinstance(lengths, bytes):
                    for docnum in within:
                        weight = weight_of[docnum]
                        scores[docnum] += idf * weight * (K1 + 1) / (weight + norms[lengths[docnum]])
                else:
                    for docnum in within:
                        weight = weight_of[docnum]
                        norm = K1 * ((1 - B) + B * lengths[docnum] / average)
                        scores[docnum] += idf * weight * (K1 + 1) / (weight + norm)
        return scores

    def _lengths(self, field: str) -> bytes | list[int]:
        """Each document's length in ``field``, by docnum, as the scorer reads it: the length
        bytes of Whoosh's column (see :data:`_BYTE_TO_LENGTH`), or the lengths themselves."""
        key = ("lengths", field)
        found = self.lengths.get(key)
        if found is None:
            parts = []
            for leaf, _offset in self.leaves:
                count = leaf.doc_count_all()
                column = _length_column(leaf, field)
                if column is None:
                    parts.append([leaf.doc_field_length(d, field, 0) for d in range(count)])
                else:
                    parts.append(bytes(column))
            if all(isinstance(part, bytes) for part in parts):
                found = b"".join(parts)
            else:
                found = []
                for part in parts:
                    found.extend(map(byte_to_length, part) if isinstance(part, bytes) else part)
            self.lengths[key] = found
        return found

    def _units(self, query: Query, within: set[int]):
        """(field, words, documents, boost) of each term and phrase that adds to a document's
        score: its documents among ``within``, those where the enclosing query matched."""
        if isinstance(query, Term):
            docs = self.term(query.fieldname, query.text) & within
            yield query.fieldname, (query.text,), docs, query.boost
        elif isinstance(query, Phrase):
            words = tuple(query.words)
            docs = self.phrase(query.fieldname, words, query.slop) & within
            yield query.fieldname, words, docs, query.boost
        elif type(query) is Prefix:
            for text in self._expansions(query.fieldname, query.text):
                yield query.fieldname, (text,), self.term(query.fieldname, text) & within, query.boost
        elif type(query) is And:
            # Whoosh scores an And only where all its parts match.
            matched = within & self.docs(query)
            for child in query.subqueries:
                yield from self._units(child, matched)
        elif type(query) is AndNot:
            yield from self._units(query.a, within - self.docs(query.b))
        elif type(query) is Not:
            return
        else:
            for child in query.children():
                yield from self._units(child, within)

    def _scores(self, query: Query, docnums: list[int]) -> list[tuple[int, float]]:
        """Exact scores: the query's own matcher, moved to each document in turn."""
        scored = []
        context = self.searcher.context()
        position = 0
        for subsearcher, offset in self.searcher.leaf_searchers():
            end = offset + subsearcher.reader().doc_count_all()
            matcher = query.matcher(subsearcher, context)
            while position < len(docnums) and docnums[position] < end:
                docnum = docnums[position]
                position += 1
                if not matcher.is_active():
                    continue
                matcher.skip_to(docnum - offset)
                if matcher.is_active() and matcher.id() == docnum - offset:
                    scored.append((docnum, matcher.score()))
        return scored


def _top(scores: dict[int, float], limit: int) -> list[tuple[int, float]]:
    """The ``limit`` best (docnum, score): highest score first, then lowest document number,
    scores equal to 9 decimals counting as ties (Whoosh adds the same terms in another order)."""
    ranked = sorted(scores.items(), key=itemgetter(1), reverse=True)  # in C
    if len(ranked) > limit:
        # Ties across the cut: take every document whose score rounds to the last one kept.
        last = round(ranked[limit - 1][1], 9)
        end = limit
        while end < len(ranked) and round(ranked[end][1], 9) == last:
            end += 1
        ranked = ranked[: end + 1]
    ranked.sort(key=lambda item: (-round(item[1], 9), item[0]))
    return ranked[:limit]


def _sum_of_terms(query: Query) -> bool:
    """True when Whoosh's score for ``query`` is the plain sum of its terms' BM25F scores
    (each times its own boost)."""
    if isinstance(query, Term | Phrase | _NullQuery) or type(query) is Prefix:
        return True
    if getattr(query, "boost", 1.0) != 1.0:
        return False
    if type(query) is Or:
        return (
            not getattr(query, "minmatch", 0)
            and getattr(query, "scale", None) is None
            and all(_sum_of_terms(q) for q in query.subqueries)
        )
    if type(query) in (And, AndNot):
        return all(_sum_of_terms(q) for q in query.children())
    return False


class _Postings:
    """A term's documents in the whole index: as a set, and as parallel lists of document
    numbers, weights and (when asked for) encoded positions."""

    __slots__ = ("docs", "ids", "weights", "values")

    def __init__(self, docs: set[int], ids: list[int], weights: list[float], values: list | None):
        self.docs, self.ids, self.weights, self.values = docs, ids, weights, values

    def __len__(self) -> int:
        return len(self.ids)

    def without_values(self) -> _Postings:
        return self if self.values is None else _Postings(self.docs, self.ids, self.weights, None)

    def weight_of(self) -> dict[int, float]:
        """Document number -> weight (built in C, once per query)."""
        return dict(zip(self.ids, self.weights, strict=True))


_BYTE_TO_LENGTH = [byte_to_length(byte) for byte in range(256)]


def _length_column(leaf, field: str):
    """The column of per-document lengths Whoosh's W3 codec keeps for ``field``, if any."""
    perdoc = getattr(leaf, "_perdoc", None)
    if perdoc is None or not hasattr(perdoc, "_cached_reader"):
        return None
    return perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)


def _read(leaf, field: str, text: str, values: bool):
    """(document numbers, weights, encoded values or None) of a term in one segment, without
    its deleted documents: from the segment's plain arrays (compact.py) when it has them and
    no positions are needed, otherwise from Whoosh's blocks."""
    if not values:
        arrays = compact.for_leaf(leaf)
        found = arrays.read(field, text) if arrays is not None else None
        if found is not None:
            ids, weights = found
            if leaf.has_deletions():
                deleted = leaf.deleted_docs_set
                kept = [i for i, docnum in enumerate(ids) if docnum not in deleted]
                return [ids[i] for i in kept], [weights[i] for i in kept], []
            return ids, weights, []
    return whoosh_read(leaf, field, text, values)


def compact_source(leaf, field: str, text: str):
    """What compact.py writes of a term: (document numbers, weights, positions of each document
    or None for a field without positions), from Whoosh's blocks."""
    positional = isinstance(leaf.schema[field].format, Positions)
    ids, weights, values = whoosh_read(leaf, field, text, positional)
    if not positional:
        return ids, weights, None
    return ids, weights, [list(accumulate(loads(value[_INT_SIZE:]))) for value in values]  # noqa: S301


def whoosh_read(leaf, field: str, text: str, values: bool):
    """:func:`_read` from Whoosh's own blocks, a whole block at a time."""
    try:
        matcher = leaf.postings(field, text)
    except TermNotFound:
        return [], [], []
    deleted: set[int] = set()
    if isinstance(matcher, FilterMatcher):
        deleted = set(leaf.deleted_docs_set or ())
        matcher = matcher.child
    ids: list[int] = []
    weights: list[float] = []
    encoded: list = []
    if isinstance(matcher, W3LeafMatcher):
        # Whoosh's block reader, used from the inside: its _read_ids() decodes the id deltas
        # with a Python generator; accumulate() does the same in C.
        while not matcher._atend:
            if matcher._data is None:
                matcher._read_data()
            raw = matcher._data[0]
            ids.extend(raw if matcher._byteids else accumulate(raw))
            matcher._read_weights()
            weights.extend(matcher._weights)
            if values:
                matcher._read_values()
                encoded.extend(matcher._values)
            matcher._next_block()
    else:  # any other codec: the generic (slower) walk
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if values:
                encoded.append(matcher.value())
            matcher.next()
    if deleted:
        kept = [i for i, docnum in enumerate(ids) if docnum not in deleted]
        ids = [ids[i] for i in kept]
        weights = [weights[i] for i in kept]
        encoded = [encoded[i] for i in kept] if values else encoded
    return ids, weights, encoded
