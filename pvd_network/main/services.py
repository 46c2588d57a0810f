"""Figures shown on the home page, computed from the database."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import text

from pvd_network.auth import services as auth_services
from pvd_network.extensions import db
from pvd_network.geo import services as geo_services

# (key, label, DSFR pictogram) of each figure on the home page, in order: the network
# first (active members and where they come from), then the reference geography.
FIGURES = (
    ("members", _l("membres inscrits"), "leisure/community"),
    ("communes_represented", _l("communes représentées"), "buildings/city-hall"),
    ("regions_represented", _l("régions représentées"), "map/location-france"),
    ("regions", _l("régions couvertes par le référentiel"), "map/map"),
    ("departments", _l("départements"), "map/map"),
    ("communes", _l("communes dans le référentiel géographique"), "buildings/city-hall"),
)


def programme_figures() -> list[dict]:
    """The figures shown on the home page, counted in the database."""
    counts = {**auth_services.membership_counts(), **geo_services.reference_counts()}
    return [
        {"key": key, "label": label, "pictogram": picto, "value": counts[key]}
        for key, label, picto in FIGURES
        if key in counts
    ]


def database_is_up() -> bool:
    """True when the database answers a trivial query."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means "down" for the health check
        db.session.rollback()
        return False
    return True
