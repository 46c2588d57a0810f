"""Matches inside discussions: a comment that answers the query brings its write-up into the
results (or lifts it), and the result shows the comment with a link to it.

Comments are documents of their own carrying their write-up's facets and visibility
(documents.py), so the reader's filters select them exactly as they select write-ups. A
write-up's score is its own plus :data:`COMMENT_WEIGHT` times its best comment's: the
discussion counts, but less than what the write-up itself says.
"""

from __future__ import annotations

from whoosh.query import And, Query

from pvd_network.search import documents, evaluate

COMMENT_WEIGHT = 0.5
# Beyond this many matching comments (a query of common words), they are not scored one by one.
EXACT_COMMENTS = 2000


def with_comments(evaluator, memo, query, author_query, allowed, matched, best, limit) -> tuple:
    """``matched`` and ``best`` once comments saying ``query`` count, and the best comment of
    each write-up they brought (of a write-up by ``author_query``'s author, if any);
    ``allowed``: the write-up documents the reader's filters let through."""
    try:
        through = best_comments(evaluator, memo, query, allowed)
        if author_query is not None and through:
            by_author = evaluator.docs(author_query)
            through = {docnum: found for docnum, found in through.items() if docnum in by_author}
        if not through:
            return matched, best, {}
        scoring = query if author_query is None else And([query, author_query])
        ranked = merge(evaluator, scoring, set(matched), best, through, limit) if limit else []
    except evaluate.Unsupported:
        return matched, best, {}
    return set(matched) | through.keys(), [(docnum, score) for docnum, score, _c in ranked], through


def owners(memo) -> tuple[list, frozenset]:
    """By docnum, the docnum of the write-up a comment belongs to (None for write-ups and for
    comments of a write-up not in the index), and the set of write-up documents; kept with the
    searcher. A comment carries its write-up's facets and visibility, so the reader's filters
    select it exactly when they select its write-up: no filter set of comments is needed."""
    found = getattr(memo, "comment_owners", None)
    if found is None:
        kinds, ids = memo.column("kind"), memo.column("writeup_id")
        targets = {ids[d]: d for d, kind in enumerate(kinds) if kind == documents.WRITEUP}
        owner = [None if kind == documents.WRITEUP else targets.get(ids[d]) for d, kind in enumerate(kinds)]
        found = memo.comment_owners = (owner, frozenset(targets.values()))
    return found


def best_comments(evaluator: evaluate.Evaluator, memo, query: Query, allowed: set[int]) -> dict[int, tuple]:
    """For each write-up document of ``allowed`` with a matching comment: (comment docnum,
    score) of its best comment. Empty on an index built before comments were columns."""
    if not memo.column("kind"):
        return {}
    owner, writeups = owners(memo)
    matched = {docnum for docnum in evaluator.docs(query) - writeups if owner[docnum] in allowed}
    if not matched:
        return {}
    scores = _scores(evaluator, query, matched)
    best: dict[int, tuple] = {}
    for docnum, score in scores.items():
        target = owner[docnum]
        known = best.get(target)
        if known is None or (score is None and docnum > known[0]) or (score is not None and score > known[1]):
            best[target] = (docnum, score)
    return best


def merge(evaluator, query, matched: set[int], own_best: list, through: dict[int, tuple], limit: int):
    """The ``limit`` best write-up documents once comments count, as (docnum, score, comment
    docnum or None). Only the write-ups of ``own_best`` and those with a matching comment can
    reach the top: any other's score is its own, below the last of ``own_best``."""
    candidates = {docnum for docnum, _score in own_best} | (through.keys() & matched)
    own = dict(evaluator.best(query, candidates & matched, len(candidates))) if candidates & matched else {}
    # Unscored comments (too many to score): each lifts its write-up by half the median own score.
    scored_own = sorted(score for _docnum, score in own_best if score is not None)
    uniform = scored_own[len(scored_own) // 2] if scored_own else 1.0
    combined = []
    for docnum in candidates | through.keys():
        comment = through.get(docnum)
        lift = 0.0
        if comment is not None:
            lift = COMMENT_WEIGHT * (uniform if comment[1] is None else comment[1])
        combined.append((docnum, own.get(docnum, 0.0) + lift, comment[0] if comment else None))
    combined.sort(key=lambda item: (-round(item[1], 9), item[0]))
    return combined[:limit]


def _scores(evaluator: evaluate.Evaluator, query: Query, matched: set[int]) -> dict[int, float | None]:
    """BM25F of each matching comment; past :data:`EXACT_COMMENTS` (a query of common words, where
    scoring every posting would cost more than the rest of the search) no score (None): each
    write-up they bring then gets the same lift (:func:`merge`), its newest matching comment shown."""
    if len(matched) <= EXACT_COMMENTS and evaluate._sum_of_terms(query):
        return evaluator._bm25(query, matched)
    return dict.fromkeys(matched)
