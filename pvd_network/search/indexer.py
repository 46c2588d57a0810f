"""Applying the search change log to the Whoosh index (DESIGN.md §1).

- One writer at a time across processes: Whoosh's write lock, taken *without waiting*.
  Whoever holds it drains until the log is empty; after releasing it, it looks again,
  since a change committed meanwhile may have been left to it by a process that found
  the lock taken. No request ever waits on the lock.
- Applying a change re-reads the current row, so applying twice is harmless.
- The cursor (last sequence applied) moves only over contiguous sequence numbers. On
  PostgreSQL a transaction holding number 10 may commit after one holding 11: the gap
  at 10 stops the cursor (11 is applied, and applied again later) until 10 shows up or
  the gap is older than ``SEARCH_GAP_GRACE_SECONDS`` (a rolled-back transaction leaves a
  permanent gap). SQLite serialises writers: no such gap appears there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from whoosh.index import LockError
from whoosh.writing import IndexWriter

from pvd_network.core.changes import SearchChange
from pvd_network.core.database import as_utc, utcnow
from pvd_network.extensions import db
from pvd_network.search import compact, documents, evaluate, vocabulary
from pvd_network.search.schema import build_schema
from pvd_network.search.store import Generation, create_generation, current_generation, swap_to
from pvd_network.writeups.models import Writeup, writeup_themes

log = logging.getLogger(__name__)
BATCH = 500
COMMENT_BATCH = 2000  # comments are short documents
DEFAULT_GAP_GRACE_SECONDS = 60
DEFAULT_REBUILD_MEMORY_MB = 1024


@dataclass
class DrainReport:
    applied: int = 0  # changes read and applied
    cursor: int = 0  # cursor after the drain
    locked_out: bool = False  # another process held the lock


def _grace() -> timedelta:
    return timedelta(seconds=current_app.config.get("SEARCH_GAP_GRACE_SECONDS", DEFAULT_GAP_GRACE_SECONDS))


def advance_cursor(cursor: int, changes: list[SearchChange], now=None) -> int:
    """The new cursor after ``changes`` (seq > cursor, ascending): it stops before a recent gap."""
    now = now or utcnow()
    grace = _grace()
    for change in changes:
        if change.seq == cursor + 1:
            cursor = change.seq
        elif now - as_utc(change.created_at) > grace:
            # The missing numbers belong to transactions older than the grace period that
            # never committed (rolled back): the gap is permanent, step over it.
            cursor = change.seq
        else:
            break
    return cursor


# Other entities whose changes alter write-up documents: a theme's name is indexed with
# each write-up carrying it, an author's name with each of their write-ups.
THEME, USER = "theme", "user"


def affected_writeups(changes: Iterable[SearchChange]) -> set[int]:
    """Ids of the write-ups whose documents ``changes`` may have changed."""
    changes = list(changes)
    ids = {c.entity_id for c in changes if c.entity == documents.WRITEUP}
    themes = {c.entity_id for c in changes if c.entity == THEME}
    authors = {c.entity_id for c in changes if c.entity == USER}
    if themes:
        ids |= set(
            db.session.scalars(
                select(writeup_themes.c.writeup_id).where(writeup_themes.c.theme_id.in_(themes))
            )
        )
    if authors:
        ids |= set(db.session.scalars(select(Writeup.id).where(Writeup.author_id.in_(authors))))
    return ids


def apply_changes(writer: IndexWriter, changes: Iterable[SearchChange], concepts=None) -> int:
    """Re-read the rows named by ``changes`` and update or delete their documents
    (``concepts``: the generation's vocabulary expressions, prepared by documents.py). The
    comments of a changed write-up follow it: they carry its facets and visibility."""
    changes = list(changes)
    writeup_ids = affected_writeups(changes)
    rows = documents.load_writeups(writeup_ids)
    facets: dict[int, dict] = {}
    for writeup_id in writeup_ids:
        row = rows.get(writeup_id)
        if row is None:
            writer.delete_by_term("key", documents.key(documents.WRITEUP, writeup_id))
        else:
            document = documents.writeup_document(row, concepts=concepts)
            facets[writeup_id] = document
            writer.update_document(**_fit(document, writer.schema))
    comment_ids = {c.entity_id for c in changes if c.entity == documents.COMMENT}
    comment_ids |= documents.comment_ids_of(writeup_ids)
    _apply_comments(writer, comment_ids, facets)
    return len(writeup_ids) + len(comment_ids)


def _apply_comments(writer: IndexWriter, comment_ids: set[int], facets: dict[int, dict], session=None,
                    add: bool = False) -> None:
    """Index the indexable comments among ``comment_ids`` and remove the others; ``facets``:
    write-up documents (or their facets) already at hand, by write-up id."""
    rows = documents.load_comments(comment_ids, session)
    missing = {row.writeup_id for row in rows.values()} - facets.keys()
    for writeup in documents.load_writeups(missing, session).values():
        facets[writeup.id] = documents.facets_only(writeup)
    for comment_id in sorted(comment_ids):
        row = rows.get(comment_id)
        if row is None or row.writeup_id not in facets:
            if not add:
                writer.delete_by_term("key", documents.key(documents.COMMENT, comment_id))
            continue
        document = _fit(documents.comment_document(row, facets[row.writeup_id]), writer.schema)
        if add:
            writer.add_document(**document)
        else:
            writer.update_document(**document)


def _fit(document: dict, schema) -> dict:
    """``document`` without the fields an index built by an earlier version lacks (it keeps
    working until `flask search rebuild` gives it the current schema)."""
    return {name: value for name, value in document.items() if name in schema}


def pending_changes(cursor: int, limit: int = BATCH) -> list[SearchChange]:
    return list(
        db.session.scalars(
            select(SearchChange).where(SearchChange.seq > cursor).order_by(SearchChange.seq).limit(limit)
        )
    )


def _drain_locked(generation: Generation, writer: IndexWriter) -> tuple[int, int]:
    """With the lock held: apply batches until the log after the cursor is exhausted."""
    cursor = generation.read_cursor()
    concepts = documents.prepare_concepts(generation.read_concepts())
    applied = 0
    while True:
        changes = pending_changes(cursor)
        if not changes:
            break
        apply_changes(writer, changes, concepts)
        applied += len(changes)
        new_cursor = advance_cursor(cursor, changes)
        if new_cursor == cursor or len(changes) < BATCH:
            cursor = new_cursor
            break
        cursor = new_cursor
    writer.commit()
    generation.write_cursor(cursor)
    return applied, cursor


def drain(generation: Generation | None = None) -> DrainReport:
    """Apply every change after the cursor, unless another process is doing it."""
    generation = generation or current_generation()
    if generation is None:
        rebuild()
        return DrainReport(cursor=(current_generation() or generation).read_cursor())
    report = DrainReport()
    index = generation.open()
    for _attempt in range(10):
        try:
            writer = index.writer(timeout=0.0)
        except LockError:
            report.locked_out = True
            break
        try:
            applied, report.cursor = _drain_locked(generation, writer)
            report.applied += applied
        except BaseException:
            writer.cancel()
            raise
        finally:
            db.session.rollback()  # end the read transaction: see commits made meanwhile
        # Lock released: a change committed while we held it may have been left to us.
        if not _has_contiguous_pending(generation.read_cursor()):
            break
    return report


def _has_contiguous_pending(cursor: int) -> bool:
    return db.session.scalar(select(func.count()).where(SearchChange.seq == cursor + 1)) > 0


def rebuild(progress: Callable[[Iterable], Iterable] | None = None) -> Generation:
    """Build a fresh index beside the live one from the database, catch up, swap it in."""
    # A session of its own: batches are expunged as they go without touching the caller's objects.
    with Session(db.engine) as session:
        start = session.scalar(select(func.max(SearchChange.seq))) or 0
        generation = create_generation(cursor=start)
        expressions = vocabulary.concept_expressions()
        generation.write_concepts(expressions)
        concepts = documents.prepare_concepts(expressions)
        index = generation.open()
        ids = list(documents.all_writeup_ids(session))
        comment_ids = list(documents.all_comment_ids(session))
        batches = [(documents.WRITEUP, ids[i : i + BATCH]) for i in range(0, len(ids), BATCH)]
        batches += [
            (documents.COMMENT, comment_ids[i : i + COMMENT_BATCH])
            for i in range(0, len(comment_ids), COMMENT_BATCH)
        ]
        facets: dict[int, dict] = {}  # the facets of every write-up indexed, for its comments
        # Whoosh sorts postings in memory up to limitmb, then in runs on disk merged at the end:
        # past 256 MB (about 5,000 write-ups) the merging made a rebuild 1.8 times slower.
        limit = current_app.config.get("SEARCH_REBUILD_MEMORY_MB", DEFAULT_REBUILD_MEMORY_MB)
        writer = index.writer(procs=1, limitmb=int(limit))
        seen_words: set[str] = set()
        try:
            for kind, batch in progress(batches) if progress else batches:
                if kind == documents.WRITEUP:
                    for row in documents.load_writeups(batch, session).values():
                        document = documents.writeup_document(row, seen_words, concepts)
                        facets[row.id] = {name: document[name] for name in documents.FACET_FIELDS}
                        writer.add_document(**document)
                else:
                    _apply_comments(writer, set(batch), facets, session, add=True)
                session.expunge_all()
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
    # Plain arrays of the frequent terms' postings, beside the new segment (compact.py).
    compact.write_index(index, evaluate.compact_source)
    drain(generation)  # changes committed while we were reading
    swap_to(generation)
    return generation


def schema_is_current() -> bool:
    """False when the live index lacks a field or a column of the current schema (built by an
    earlier version: `flask search sync` then rebuilds it). True when there is no index yet."""
    generation = current_generation()
    if generation is None:
        return True
    live = generation.open().schema
    wanted = build_schema()
    return all(
        name in live and (live[name].column_type is None) == (field.column_type is None)
        for name, field in wanted.items()
    )


def index_status() -> dict:
    """Documents, cursor and changes waiting, for `flask search status`."""
    generation = current_generation()
    latest = db.session.scalar(select(func.max(SearchChange.seq))) or 0
    if generation is None:
        return {"generation": None, "documents": 0, "cursor": 0, "latest": latest, "waiting": latest}
    cursor = generation.read_cursor()
    waiting = db.session.scalar(select(func.count()).where(SearchChange.seq > cursor)) or 0
    with generation.open().searcher() as searcher:
        count = searcher.doc_count()
    return {
        "generation": generation.name,
        "documents": count,
        "cursor": cursor,
        "latest": latest,
        "waiting": waiting,
    }


def check(repair: bool = False) -> dict:
    """Compare indexable rows with indexed documents; with ``repair``, fix the index."""
    generation = current_generation()
    if generation is None:
        if repair:
            rebuild()
        return {"missing": None, "extra": None, "repaired": repair}
    expected = {documents.key(documents.WRITEUP, i) for i in documents.all_writeup_ids()}
    expected |= {documents.key(documents.COMMENT, i) for i in documents.all_comment_ids()}
    index = generation.open()
    with index.searcher() as searcher:
        indexed = {fields["key"] for fields in searcher.all_stored_fields()}
    missing, extra = sorted(expected - indexed), sorted(indexed - expected)
    if repair and (missing or extra):
        writer = index.writer(timeout=30.0)
        try:
            for k in extra:
                writer.delete_by_term("key", k)
            changes = [
                SearchChange(entity=entity, entity_id=int(entity_id))
                for entity, entity_id in (k.split(":") for k in missing)
            ]
            apply_changes(writer, changes, documents.prepare_concepts(generation.read_concepts()))
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
    return {"missing": missing, "extra": extra, "repaired": repair and bool(missing or extra)}
