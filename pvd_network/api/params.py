"""Query parameters of the API, checked strictly: anything malformed is a 400 naming it."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import gettext as _

from pvd_network.catalogue import services
from pvd_network.catalogue.services import Filters
from pvd_network.themes import services as theme_services
from pvd_network.writeups.models import STAGES

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 100_000
# ``sort=`` values: the listing order they stand for (catalogue.services.SORTS).
API_SORTS = {"date": "", "useful": services.SORT_USEFUL}


class InvalidParameters(ValueError):
    """``errors`` maps each refused parameter to a French explanation."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(", ".join(errors))
        self.errors = errors


@dataclass
class ListingQuery:
    filters: Filters
    page: int
    per_page: int


def _integer(args: Mapping, name: str, default: int, low: int, high: int, errors: dict) -> int:
    raw = (args.get(name) or "").strip()
    if not raw:
        return default
    # isascii: "²" is a digit for str.isdigit; the length check keeps int() cheap.
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9) or not low <= int(raw) <= high:
        errors[name] = _("Nombre entier attendu, entre %(low)s et %(high)s.", low=low, high=high)
        return default
    return int(raw)


def listing_query(args: Mapping) -> ListingQuery:
    """The filters and page of ``GET /api/v1/writeups``; raises InvalidParameters."""
    errors: dict[str, str] = {}
    theme = region = department = None
    slug = (args.get("theme") or "").strip()
    if slug:
        theme = theme_services.get_by_slug(slug) if len(slug) <= 60 else None
        if theme is None:
            errors["theme"] = _("Thématique inconnue : utilisez un identifiant de /api/v1/themes.")
    code = (args.get("region") or "").strip()
    if code:
        region = services.get_region(code)
        if region is None:
            errors["region"] = _("Code Insee de région inconnu (par exemple 44 pour Grand Est).")
    code = (args.get("department") or "").strip()
    if code:
        department = services.get_department(code)
        if department is None:
            errors["department"] = _("Code de département inconnu (par exemple 55 ou 2A).")
        elif region is not None and department.region_code != region.code:
            errors["department"] = _("Ce département n'appartient pas à la région demandée.")
    stage = (args.get("stage") or "").strip()
    if stage and stage not in STAGES:
        errors["stage"] = _("Stade inconnu : idee, en-cours ou realise.")
    sort = (args.get("sort") or "").strip()
    if sort and sort not in API_SORTS:
        errors["sort"] = _("Ordre inconnu : date ou useful.")
    page = _integer(args, "page", 1, 1, MAX_PAGE, errors)
    per_page = _integer(args, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE, errors)
    if errors:
        raise InvalidParameters(errors)
    filters = Filters(
        theme=theme,
        region=region.code if region else "",
        department=department.code if department else "",
        stage=stage,
        sort=API_SORTS.get(sort, ""),
    )
    return ListingQuery(filters=filters, page=page, per_page=per_page)
