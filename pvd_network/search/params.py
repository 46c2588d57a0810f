"""A search read from query-string (or form) parameters.

Pages read them leniently: whatever is malformed or unknown is dropped, never a 500.
The API reads them strictly: anything malformed is an :class:`InvalidParameters` naming it.
Both use one vocabulary: ``q``, ``theme``, ``region``, ``department``, ``stage``, ``year``
(facets may repeat), ``sort``, ``page``, ``per_page``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from pvd_network.extensions import db
from pvd_network.geo.models import Department, Region
from pvd_network.search.services import FACETS, MAX_PER_PAGE, SORTS, Filters
from pvd_network.themes.models import Theme
from pvd_network.writeups.models import STAGES

MAX_QUERY_LENGTH = 500
DEFAULT_PER_PAGE = 20
MAX_PAGE = 10_000
MAX_VALUES = 30  # values of one facet: more is not a person ticking boxes
YEARS = range(1900, 2200)


class InvalidParameters(ValueError):
    """``errors`` maps each refused parameter to a French explanation."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(", ".join(errors))
        self.errors = errors


@dataclass
class SearchRequest:
    """What to search: the text, the facet selections, the page and the order."""

    query: str = ""
    filters: Filters = field(default_factory=Filters)
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    sort: str = "relevance"

    def args(self, **changes) -> dict:
        """Query-string arguments for ``url_for`` (lists repeat), defaults left out."""
        values = {
            "q": self.query,
            **{name: list(getattr(self.filters, name)) for name in FACETS},
            "sort": self.sort,
            "page": self.page,
            "per_page": self.per_page,
            **changes,
        }
        defaults = {"q": "", "sort": "relevance", "page": 1, "per_page": DEFAULT_PER_PAGE}
        return {name: value for name, value in values.items() if value not in ([], None, defaults.get(name))}

    def filter_args(self) -> dict:
        """The query and facets only: what a saved search keeps."""
        return {
            name: value for name, value in self.args().items() if name not in ("sort", "page", "per_page")
        }

    @property
    def has_filters(self) -> bool:
        return not self.filters.is_empty()


def known_values() -> dict[str, set[str]]:
    """The facet values that exist: theme slugs (archived too), région and département codes, stages."""
    return {
        "theme": set(db.session.scalars(select(Theme.slug))),
        "region": set(db.session.scalars(select(Region.code))),
        "department": set(db.session.scalars(select(Department.code))),
        "stage": set(STAGES),
    }


def _values(args: Mapping, name: str) -> list[str]:
    getter = getattr(args, "getlist", None)
    raw = getter(name) if getter else ([args[name]] if name in args else [])
    seen: list[str] = []
    for value in raw:
        value = (value or "").strip()
        if value and value not in seen:
            seen.append(value)
    return seen


def _integer(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    # isascii: "²" is a digit for str.isdigit; the length check keeps int() cheap.
    if raw.isascii() and raw.isdigit() and len(raw) <= 9:
        return int(raw)
    return None


def from_args(args: Mapping, strict: bool = False) -> SearchRequest:
    """The search in ``args``; with ``strict``, raise InvalidParameters instead of dropping."""
    errors: dict[str, str] = {}
    query = (args.get("q") or "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        errors["q"] = _("La recherche dépasse %(n)s caractères.", n=MAX_QUERY_LENGTH)
        query = query[:MAX_QUERY_LENGTH]

    known = known_values()
    selections: dict[str, list] = {}
    for name in ("theme", "region", "department", "stage"):
        values = _values(args, name)
        if name == "department":
            values = [value.upper() for value in values]
        unknown = [value for value in values if value not in known[name]]
        if unknown or len(values) > MAX_VALUES:
            errors[name] = _("Valeur inconnue : %(values)s.", values=", ".join(unknown[:5]) or "…")
        selections[name] = [value for value in values if value in known[name]][:MAX_VALUES]
    years = []
    for value in _values(args, "year"):
        number = _integer(value)
        if number is None or number not in YEARS:
            errors["year"] = _("Année attendue sur quatre chiffres, par exemple 2023.")
        elif number not in years:
            years.append(number)
    selections["year"] = years[:MAX_VALUES]

    sort = (args.get("sort") or "relevance").strip()
    if sort not in SORTS:
        errors["sort"] = _("Tri inconnu : relevance ou date.")
        sort = "relevance"
    page = _bounded(args, "page", 1, MAX_PAGE, 1, errors)
    per_page = _bounded(args, "per_page", 1, MAX_PER_PAGE, DEFAULT_PER_PAGE, errors)
    if strict and errors:
        raise InvalidParameters(errors)
    return SearchRequest(query=query, filters=Filters(**selections), page=page, per_page=per_page, sort=sort)


def _bounded(args: Mapping, name: str, low: int, high: int, default: int, errors: dict) -> int:
    raw = args.get(name)
    if raw is None or not str(raw).strip():
        return default
    number = _integer(str(raw))
    if number is None or not low <= number <= high:
        errors[name] = _("Nombre entier attendu, entre %(low)s et %(high)s.", low=low, high=high)
        return default
    return number


def from_saved(query: str, filters: Mapping) -> SearchRequest:
    """A saved search (query + facets as stored) as a request, dropping what no longer exists."""
    args: dict[str, list[str]] = {"q": [query]}
    for name in FACETS:
        args[name] = [str(value) for value in (filters or {}).get(name, [])]
    return from_args(_MultiDict(args))


class _MultiDict(dict):
    """The ``get``/``getlist`` pair of werkzeug's MultiDict, over lists."""

    def get(self, key, default=None):
        values = super().get(key) or []
        return values[0] if values else default

    def getlist(self, key):
        return list(super().get(key) or [])
