"""Alerts on saved searches: a new write-up matching a member's saved search.

Why a command and not a signal receiver: whether a write-up matches a saved query is
decided by the search index (French analysis, synonyms, facets — exactly what the member
sees on /recherche), and the index only holds a write-up once the transaction that
published it has committed and the change log has been drained. A receiver of
``published`` runs before the commit, so it cannot ask the index. Instead
``flask notifications saved-searches`` (cron, every 15 minutes; ``send-digests`` runs it
too) drains the log itself, then for each saved search asks the index for write-ups
first published since the search was last checked (``SavedSearch.last_notified_at``).

The window is reopened by :data:`OVERLAP` on each run, because a write-up is stamped
``published_at`` when its transaction starts but becomes visible at its commit; the
overlap cannot notify twice, since a member never gets two notifications about one
write-up's publication (a followed theme or région may already have told them).
A saved search is only checked from its creation on (older write-ups are not "new").
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from datetime import timedelta

from sqlalchemy import select

from pvd_network.auth.models import STATUS_ACTIVE, User
from pvd_network.core.database import as_utc, utcnow
from pvd_network.extensions import db
from pvd_network.notifications import emails, services
from pvd_network.notifications.models import NEW_WRITEUP_KINDS, SAVED_SEARCH
from pvd_network.search import indexer, saved
from pvd_network.search import services as search
from pvd_network.search.models import SavedSearch
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.models import Writeup

log = logging.getLogger(__name__)

OVERLAP = timedelta(minutes=10)
PER_PAGE = 100
MAX_PAGES = 20
DRAIN_ATTEMPTS = 30  # 2,000 newest matches: far more than a cron interval ever publishes


def _new_writeups(saved_search: SavedSearch, user: User, since) -> dict[int, Writeup]:
    """Write-ups first published after ``since`` that ``user`` may see (not their own)."""
    statement = writeup_services.visible_writeups(user).where(Writeup.published_at > since)
    if user.id is not None:
        statement = statement.where((Writeup.author_id != user.id) | Writeup.author_id.is_(None))
    return {writeup.id: writeup for writeup in db.session.scalars(statement).unique()}


def matching(saved_search: SavedSearch, user: User, candidates: dict[int, Writeup], since) -> list[Writeup]:
    """The ``candidates`` that the saved search finds, asked of the index newest first (stops
    at the first hit published before ``since``)."""
    request = saved.as_request(saved_search)
    found: list[Writeup] = []
    for page in range(1, MAX_PAGES + 1):
        result = search.search(request.query, request.filters, page=page, per_page=PER_PAGE,
                               sort="date", viewer=user, correct=False)
        for hit in result.hits:
            if hit.writeup.id in candidates:
                found.append(candidates[hit.writeup.id])
        older = [hit for hit in result.hits if as_utc(hit.writeup.published_at) <= since]
        if older or page >= result.pages:
            break
    return found


def check(saved_search: SavedSearch, now) -> int:
    """Notify the owner of ``saved_search`` of new matches; how many notifications. ``now``
    (None: leave it) becomes the time the search was last checked."""
    user = saved_search.user
    start = as_utc(saved_search.last_notified_at or saved_search.created_at)
    since = start - OVERLAP if saved_search.last_notified_at else start
    candidates = _new_writeups(saved_search, user, since)
    created = []
    if candidates:
        for writeup in matching(saved_search, user, candidates, since):
            created += services.notify(
                services.pick((SAVED_SEARCH, [user])), actor=writeup.author, writeup=writeup,
                saved_search=saved_search, once_per=NEW_WRITEUP_KINDS,
            )
    if now is not None:
        saved_search.last_notified_at = now
    emails.queue_immediate(created)
    db.session.commit()
    return len(created)


def _drained() -> bool:
    """Drain the search log; False when another process kept the index's lock all along (it
    drains until the log is empty, so waiting a little usually suffices)."""
    for _attempt in range(DRAIN_ATTEMPTS):
        if not indexer.drain().locked_out:
            return True
        time.sleep(1)
    log.warning("Search index busy: saved searches checked without moving their cursors")
    return False


def check_all(progress: Callable[[list[int]], Iterable[int]] | None = None) -> int:
    """Drain the search log, then check every active member's saved searches; how many
    notifications were created. Raises ``search.IndexUnavailable`` without an index."""
    now = utcnow() if _drained() else None
    ids = list(
        db.session.scalars(
            select(SavedSearch.id).join(User, User.id == SavedSearch.user_id)
            .where(User.status == STATUS_ACTIVE).order_by(SavedSearch.id)
        )
    )
    total = 0
    for saved_id in progress(ids) if progress else ids:
        row = db.session.get(SavedSearch, saved_id)
        if row is not None:
            total += check(row, now)
    return total
