"""Public pages kept for anonymous visitors until the content changes.

Anonymous visitors all see the same page for the same address and language, so each worker
keeps the last pages it rendered (an LRU) and serves them again while the *content version*
is unchanged: the last number of the search change log (core/changes.py), which every change
a public page shows writes — a write-up created, edited, published, hidden or deleted, a
comment posted, edited, deleted or hidden, an "utile" on a write-up, an author renamed, a
theme changed. Reading it is one index lookup; rendering a page is the rest of the request's
time (benchmarks/pages.py). Signed-in readers, pages with flashed messages and responses that
set a cookie are never cached. ``PVD_PAGE_CACHE_SIZE`` (default 512, 0 turns it off) bounds it:
about 20 MB per worker for pages of 40 kB; with the listing benchmark's addresses (popular
filters more often, benchmarks/pages.py) 512 pages served 43 % of them, 256 pages 35 %.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import wraps

from flask import current_app, request, session
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import func, select

from pvd_network.core.changes import SearchChange
from pvd_network.extensions import db

DEFAULT_SIZE = 512
EXTENSION = "pvd_page_cache"


class _Pages:
    """The pages one application (one worker) keeps, newest use last."""

    def __init__(self) -> None:
        self.entries: OrderedDict = OrderedDict()
        self.lock = threading.Lock()


def _pages() -> _Pages:
    return current_app.extensions.setdefault(EXTENSION, _Pages())


def content_version() -> int:
    """The last change-log number: it moves with every change a public page shows."""
    return db.session.scalar(select(func.max(SearchChange.seq))) or 0


def _size() -> int:
    return int(current_app.config.get("PAGE_CACHE_SIZE", DEFAULT_SIZE))


def _cacheable() -> bool:
    return _size() > 0 and not current_user.is_authenticated and not session.get("_flashes")


def cached_for_anonymous(view):
    """Serve ``view``'s page from the cache to anonymous visitors while the content is unchanged."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not _cacheable():
            return view(*args, **kwargs)
        pages = _pages()
        key = (request.full_path, str(get_locale()), content_version())
        with pages.lock:
            found = pages.entries.get(key)
            if found is not None:
                pages.entries.move_to_end(key)
        if found is not None:
            body, status, mimetype = found
            return current_app.response_class(body, status=status, mimetype=mimetype)
        response = current_app.make_response(view(*args, **kwargs))
        keep = response.status_code == 200 and not response.is_streamed
        if keep and not response.headers.get("Set-Cookie"):
            entry = (response.get_data(), response.status_code, response.mimetype)
            with pages.lock:
                pages.entries[key] = entry
                while len(pages.entries) > _size():
                    pages.entries.popitem(last=False)
        return response

    return wrapper


def clear() -> None:
    """Forget every kept page (tests)."""
    pages = _pages()
    with pages.lock:
        pages.entries.clear()
