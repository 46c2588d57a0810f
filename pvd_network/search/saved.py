"""Members' saved searches ("Enregistrer cette recherche"): a query and facet selections.

Services flush and never commit (DESIGN.md §3.4). The notifications issue reads the same
rows to alert members when a new write-up matches.
"""

from __future__ import annotations

from flask import url_for
from sqlalchemy import delete, func, select

from pvd_network.auth.permissions import is_member
from pvd_network.core.database import as_utc
from pvd_network.extensions import db
from pvd_network.search.models import SavedSearch
from pvd_network.search.params import SearchRequest, from_saved
from pvd_network.search.services import FACETS

MAX_PER_MEMBER = 100
NAME_LENGTH = 200


class TooManySavedSearches(ValueError):
    """A member keeps at most :data:`MAX_PER_MEMBER` saved searches."""


def can_manage_saved_search(user, saved: SavedSearch) -> bool:
    """Only its owner sees, runs from the account page, and deletes a saved search."""
    return is_member(user) and saved.user_id == user.id


def saved_searches_of(user) -> list[SavedSearch]:
    """The member's saved searches, newest first."""
    statement = (
        select(SavedSearch)
        .where(SavedSearch.user_id == user.id)
        .order_by(SavedSearch.created_at.desc(), SavedSearch.id.desc())
    )
    return list(db.session.scalars(statement))


def get_saved_search(saved_id: int) -> SavedSearch | None:
    return db.session.get(SavedSearch, saved_id)


def stored_filters(request: SearchRequest) -> dict[str, list]:
    """The facet selections as the ``filters`` JSON column keeps them."""
    return {name: list(getattr(request.filters, name)) for name in FACETS}


def default_name(request: SearchRequest, facet_labels: dict[str, dict[str, str]]) -> str:
    """The query itself, or the ticked values when there is no query ("Mobilité · Grand Est")."""
    if request.query:
        return request.query[:NAME_LENGTH]
    parts = []
    for name in FACETS:
        for value in getattr(request.filters, name):
            parts.append(facet_labels.get(name, {}).get(str(value), str(value)))
    return " · ".join(parts)[:NAME_LENGTH]


def save_search(
    user, request: SearchRequest, name: str = "", fallback_name: str = ""
) -> tuple[SavedSearch, bool]:
    """Save the query and facets of ``request`` for ``user``; (row, created). Saving the same
    search twice gives back the first row (renamed when a new name is given)."""
    filters = stored_filters(request)
    name = (name or "").strip()[:NAME_LENGTH]
    for existing in saved_searches_of(user):
        if existing.query == request.query and _same_filters(existing.filters, filters):
            if name:
                existing.name = name
                db.session.flush()
            return existing, False
    if db.session.scalar(select(func.count()).where(SavedSearch.user_id == user.id)) >= MAX_PER_MEMBER:
        raise TooManySavedSearches(user.id)
    saved = SavedSearch(user_id=user.id, name=name or fallback_name, query=request.query, filters=filters)
    db.session.add(saved)
    db.session.flush()
    return saved, True


def _same_filters(stored: dict | None, filters: dict[str, list]) -> bool:
    stored = stored or {}
    return all(
        sorted(map(str, stored.get(name, []))) == sorted(map(str, filters.get(name, []))) for name in FACETS
    )


def delete_saved_search(saved: SavedSearch) -> None:
    db.session.delete(saved)
    db.session.flush()


def as_request(saved: SavedSearch) -> SearchRequest:
    """The search a saved row describes (values that no longer exist are dropped)."""
    return from_saved(saved.query, saved.filters)


def run_url(saved: SavedSearch, _external: bool = False) -> str:
    """``/recherche?q=…&theme=…``: the saved search, run again."""
    return url_for("search.index", _external=_external, **as_request(saved).filter_args())


def export(user) -> list[dict]:
    """The member's saved searches for "Mes données"."""
    return [
        {
            "name": saved.name,
            "query": saved.query,
            "filters": {name: list(values) for name, values in (saved.filters or {}).items() if values},
            "created_at": as_utc(saved.created_at).isoformat() if saved.created_at else None,
            "url": run_url(saved, _external=True),
        }
        for saved in saved_searches_of(user)
    ]


def erase(user) -> int:
    """Delete the member's saved searches (their account is being erased); how many went."""
    result = db.session.execute(delete(SavedSearch).where(SavedSearch.user_id == user.id))
    return result.rowcount or 0
