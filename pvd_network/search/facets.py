"""Facet counts of a search page turned into labelled checkbox groups (names from the database)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from pvd_network.extensions import db
from pvd_network.geo.models import Department, Region
from pvd_network.search.services import FACETS, SearchPage
from pvd_network.themes.models import Theme
from pvd_network.writeups.models import STAGES

TITLES = {
    "theme": _l("Thématique"),
    "region": _l("Région"),
    "department": _l("Département"),
    "stage": _l("Avancement"),
    "year": _l("Année de démarrage"),
}
# Long lists show their most frequent values (and every ticked one): narrowing by région
# first brings its départements forward.
SHOWN = {"department": 12, "year": 12}


@dataclass
class Option:
    value: str
    label: str
    count: int
    checked: bool


@dataclass
class FacetGroup:
    name: str
    title: str
    options: list[Option]
    truncated: int = 0  # values left out of the list


def labels() -> dict[str, dict[str, str]]:
    """French names of every facet value, read from the database."""
    return {
        "theme": {slug: name for slug, name in db.session.execute(select(Theme.slug, Theme.name))},
        "region": {code: name for code, name in db.session.execute(select(Region.code, Region.name))},
        "department": {
            code: f"{name} ({code})"
            for code, name in db.session.execute(select(Department.code, Department.name))
        },
        "stage": {slug: str(label) for slug, label in STAGES.items()},
    }


def groups(page: SearchPage, filters) -> list[FacetGroup]:
    """One group per facet: the values with matches, plus the ticked ones (count 0 if none)."""
    names = labels()
    result = []
    for facet in FACETS:
        counts = {str(value): count for value, count in page.facets.get(facet, {}).items() if value}
        selected = [str(value) for value in getattr(filters, facet)]
        for value in selected:
            counts.setdefault(value, 0)
        facet_labels = names.get(facet, {})
        options = [
            Option(value=value, label=facet_labels.get(value, value), count=count, checked=value in selected)
            for value, count in counts.items()
            if facet == "year" or value in facet_labels
        ]
        options.sort(key=_order(facet))
        truncated = 0
        limit = SHOWN.get(facet)
        if limit and len(options) > limit:
            kept = [option for option in options if option.checked]
            kept += [option for option in options if not option.checked][: max(0, limit - len(kept))]
            truncated = len(options) - len(kept)
            options = sorted(kept, key=_order(facet))
        if options:
            result.append(
                FacetGroup(name=facet, title=str(TITLES[facet]), options=options, truncated=truncated)
            )
    return result


def _order(facet: str):
    if facet == "stage":
        positions = {slug: n for n, slug in enumerate(STAGES)}
        return lambda option: positions.get(option.value, len(positions))
    if facet == "year":
        return lambda option: -int(option.value) if option.value.isdigit() else 0
    return lambda option: (-option.count, option.label)
