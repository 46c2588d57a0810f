"""Listing filters read from the query string: malformed or unknown values are ignored,
never an error, so a hand-edited or stale URL still shows a page."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_babel import gettext as _

from pvd_network.catalogue import services
from pvd_network.catalogue.forms import ListingFilterForm
from pvd_network.catalogue.services import Filters
from pvd_network.geo.models import Region
from pvd_network.themes import services as theme_services
from pvd_network.themes.models import Theme
from pvd_network.writeups.models import STAGES

FIELDS = ("theme", "region", "department", "stage", "sort")
MAX_SLUG = 60


def _first(args: Mapping, key: str) -> str:
    value = args.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def parse_filters(args: Mapping, *, theme: Theme | None = None, region: Region | None = None) -> Filters:
    """Filters from ``args``; ``theme`` or ``region`` fixed by the page win over the query string.

    Archived themes are not offered as filters (their own page still lists them); a
    département outside the chosen région is dropped.
    """
    if theme is None:
        slug = _first(args, "theme")
        candidate = theme_services.get_by_slug(slug) if 0 < len(slug) <= MAX_SLUG else None
        theme = candidate if candidate is not None and not candidate.is_archived else None
    if region is None:
        region = services.get_region(_first(args, "region"))
    region_code = region.code if region is not None else ""
    department = services.get_department(_first(args, "department"))
    department_code = ""
    if department is not None and (not region_code or department.region_code == region_code):
        department_code = department.code
    stage = _first(args, "stage")
    sort = _first(args, "sort")
    return Filters(
        theme=theme,
        region=region_code,
        department=department_code,
        stage=stage if stage in STAGES else "",
        sort=sort if sort in services.SORTS else "",
    )


def query_args(filters: Filters, fields: Iterable[str] = FIELDS) -> dict[str, str]:
    """The URL parameters that reproduce ``filters`` (empty ones left out)."""
    values = {
        "theme": filters.theme.slug if filters.theme is not None else "",
        "region": filters.region,
        "department": filters.department,
        "stage": filters.stage,
        "sort": filters.sort,
    }
    return {key: values[key] for key in fields if values[key]}


def filter_form(filters: Filters, fields: Iterable[str] = FIELDS) -> ListingFilterForm:
    """The filter form showing ``filters``, with only ``fields`` and their choices."""
    fields = tuple(fields)
    form = ListingFilterForm(formdata=None)
    for name in FIELDS:
        if name not in fields:
            delattr(form, name)
    if "theme" in fields:
        form.theme.choices = [("", _("Toutes les thématiques"))] + theme_services.active_theme_choices()
        form.theme.data = filters.theme.slug if filters.theme is not None else ""
    if "region" in fields:
        form.region.choices = [("", _("Toutes les régions"))] + services.region_choices()
        form.region.data = filters.region
    if "department" in fields:
        form.department.choices = [("", _("Tous les départements"))] + [
            (code, f"{code} — {name}") for code, name in services.department_choices(filters.region)
        ]
        form.department.data = filters.department
    if "stage" in fields:
        form.stage.choices = [("", _("Tous les stades"))] + [
            (code, str(label)) for code, label in STAGES.items()
        ]
        form.stage.data = filters.stage
    if "sort" in fields:
        form.sort.choices = [("", _("Les plus récents")), (services.SORT_USEFUL, _("Les plus utiles"))]
        form.sort.data = filters.sort
    return form
