"""Browsing published write-ups: filtered listings, counts per theme and per territory.

Every query here starts from :func:`pvd_network.writeups.services.visible_condition`, the
one rule for who sees what; this module only narrows it down (filters) and counts.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, and_, distinct, exists, func, select
from sqlalchemy.orm import defer, joinedload, lazyload, load_only, selectinload

from pvd_network.auth.models import User
from pvd_network.extensions import db
from pvd_network.geo.models import Commune, Department, Region
from pvd_network.themes.models import Theme
from pvd_network.writeups.models import SECTIONS, STAGES, Writeup, writeup_themes
from pvd_network.writeups.services import visible_condition, visible_writeups

# Cards show the title, summary, commune, themes, stage, date, cover and author: load exactly
# that, in a constant number of queries whatever the page size (author and commune are
# joined, themes come in one extra SELECT … IN), and leave the Markdown sections behind.
_HEAVY_COLUMNS = tuple(
    getattr(Writeup, name) for field, _title in SECTIONS for name in (field, f"{field}_html")
)
# Only the author's name is shown: none of the account's own relationships.
_AUTHOR = joinedload(Writeup.author).options(lazyload(User.commune), lazyload(User.moderated_regions))
# Cards show neither funders and partners (JSON decoded per row) nor moderation details.
_CARD_UNSHOWN = (Writeup.funders, Writeup.partners, Writeup.moderation_message, Writeup.hidden_reason,
                 Writeup.external_id)
CARD_OPTIONS = (
    # The author's name, nothing else of the account (loading its 25 columns doubled the
    # cost of a card).
    joinedload(Writeup.author).options(
        load_only(User.id, User.first_name, User.last_name, User.status),
        lazyload(User.commune), lazyload(User.moderated_regions),
    ),
    joinedload(Writeup.commune),
    selectinload(Writeup.themes),
    lazyload(Writeup.attachments),
    *(defer(column) for column in _HEAVY_COLUMNS + _CARD_UNSHOWN),
)
# Feeds and the API show the sections too.
FULL_OPTIONS = (
    _AUTHOR,
    joinedload(Writeup.commune),
    selectinload(Writeup.themes),
    lazyload(Writeup.attachments),
)


# Listing orders besides the default (newest first): URL value.
SORT_USEFUL = "utiles"
SORTS = (SORT_USEFUL,)


@dataclass(frozen=True)
class Filters:
    """Listing filters, already validated (empty means "any")."""

    theme: Theme | None = None
    region: str = ""
    department: str = ""
    stage: str = ""
    commune: str = ""
    author_id: int | None = None
    sort: str = ""  # "" (newest first) or one of SORTS

    @property
    def active(self) -> bool:
        return bool(self.theme or self.region or self.department or self.stage)


def _narrow(statement: Select, filters: Filters) -> Select:
    if filters.theme is not None:
        statement = statement.where(
            exists().where(
                and_(writeup_themes.c.writeup_id == Writeup.id, writeup_themes.c.theme_id == filters.theme.id)
            )
        )
    if filters.region:
        statement = statement.where(Writeup.region_code == filters.region)
    if filters.department:
        statement = statement.where(Writeup.department_code == filters.department)
    if filters.stage in STAGES:
        statement = statement.where(Writeup.stage == filters.stage)
    if filters.commune:
        statement = statement.where(Writeup.commune_insee == filters.commune)
    if filters.author_id is not None:
        statement = statement.where(Writeup.author_id == filters.author_id)
    return statement


def listing(viewer, filters: Filters = Filters(), full: bool = False) -> Select:
    """Write-ups ``viewer`` may see that match ``filters``, newest first, loaded for cards."""
    return matching(viewer, filters).options(*(FULL_OPTIONS if full else CARD_OPTIONS))


def matching(viewer, filters: Filters = Filters()) -> Select:
    """Write-ups ``viewer`` may see that match ``filters``, in the listing's order (no loading
    options: catalogue/cards.py selects only the columns a card shows)."""
    statement = _narrow(visible_writeups(viewer), filters)
    if filters.sort == SORT_USEFUL:  # "Les plus utiles": the counter kept by discussions
        statement = statement.order_by(None).order_by(
            Writeup.useful_count.desc(), Writeup.published_at.desc(), Writeup.id.desc()
        )
    return statement


def count(viewer, filters: Filters = Filters()) -> int:
    """How many write-ups ``viewer`` may see that match ``filters``."""
    statement = _narrow(select(func.count(Writeup.id)).where(visible_condition(viewer)), filters)
    return db.session.scalar(statement) or 0


# --- Reference data for the filters -----------------------------------------------------


def get_region(code: str) -> Region | None:
    return db.session.get(Region, code) if code and len(code) <= 3 else None


def get_department(code: str) -> Department | None:
    return db.session.get(Department, code.upper()) if code and len(code) <= 3 else None


def regions() -> list[Region]:
    """Every région, by name."""
    return list(db.session.scalars(select(Region).order_by(Region.name)))


def region_choices() -> list[tuple[str, str]]:
    """(code, name) of every région, by name: the filter's options, without loading entities."""
    return [tuple(row) for row in db.session.execute(select(Region.code, Region.name).order_by(Region.name))]


def department_choices(region_code: str = "") -> list[tuple[str, str]]:
    """(code, name) of every département (of ``region_code`` when given), by code."""
    statement = select(Department.code, Department.name).order_by(Department.code)
    if region_code:
        statement = statement.where(Department.region_code == region_code)
    return [tuple(row) for row in db.session.execute(statement)]


def departments(region_code: str = "") -> list[Department]:
    """Every département (of ``region_code`` when given), by code."""
    statement = select(Department).order_by(Department.code)
    if region_code:
        statement = statement.where(Department.region_code == region_code)
    return list(db.session.scalars(statement))


# --- Figures ------------------------------------------------------------------------------


def counts_by_theme(viewer) -> dict[int, int]:
    """Theme id -> number of write-ups ``viewer`` may see with that theme (one query)."""
    statement = (
        select(writeup_themes.c.theme_id, func.count())
        .join(Writeup, Writeup.id == writeup_themes.c.writeup_id)
        .where(visible_condition(viewer))
        .group_by(writeup_themes.c.theme_id)
    )
    return {theme_id: total for theme_id, total in db.session.execute(statement)}


def counts_by_department(viewer, region_code: str) -> dict[str, int]:
    """Département code -> number of visible write-ups, within one région."""
    statement = (
        select(Writeup.department_code, func.count())
        .where(visible_condition(viewer), Writeup.region_code == region_code)
        .group_by(Writeup.department_code)
    )
    return {code: total for code, total in db.session.execute(statement)}


@dataclass
class TerritoryFigures:
    writeups: int
    communes: int


def territory_figures(viewer, filters: Filters) -> TerritoryFigures:
    """Visible write-ups and distinct communes they come from, in one query."""
    statement = _narrow(
        select(func.count(Writeup.id), func.count(distinct(Writeup.commune_insee))).where(
            visible_condition(viewer)
        ),
        filters,
    )
    writeups, communes = db.session.execute(statement).one()
    return TerritoryFigures(writeups=writeups or 0, communes=communes or 0)


def commune_by_insee(insee: str) -> Commune | None:
    return db.session.get(Commune, insee)
