"""Theme services: listing, counts, and the admin's add / rename / archive. Flush, never commit."""
from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import func, select

from pvd_network.config import PROJECT_ROOT
from pvd_network.core.changes import UPSERT, record_change
from pvd_network.core.database import utcnow
from pvd_network.extensions import db
from pvd_network.themes.catalogue import INITIAL_THEMES
from pvd_network.themes.models import Theme

ENTITY = "theme"  # in the search change log: a renamed theme changes the write-ups it tags


def ensure_initial_themes() -> int:
    """Insert the initial themes that are missing (migration 0003 does it for real databases)."""
    existing = set(db.session.scalars(select(Theme.slug)))
    added = 0
    for position, (slug, name, description, pictogram) in enumerate(INITIAL_THEMES, start=1):
        if slug not in existing:
            db.session.add(Theme(slug=slug, name=name, description=description, pictogram=pictogram,
                                 position=position))
            added += 1
    db.session.flush()
    return added


def active_themes() -> list[Theme]:
    """Themes that can be chosen for a write-up, in display order."""
    return list(db.session.scalars(select(Theme).where(Theme.archived_at.is_(None)).order_by(Theme.position)))


def active_theme_choices() -> list[tuple[str, str]]:
    """(slug, name) of the active themes, in display order (a filter's options)."""
    statement = select(Theme.slug, Theme.name).where(Theme.archived_at.is_(None)).order_by(Theme.position)
    return [tuple(row) for row in db.session.execute(statement)]


def get_by_slug(slug: str) -> Theme | None:
    """The theme with this slug, archived or not."""
    return db.session.scalar(select(Theme).where(Theme.slug == slug))


def all_themes() -> list[Theme]:
    """Every theme, archived ones included, in display order (the admin list, theme pages)."""
    return list(db.session.scalars(select(Theme).order_by(Theme.position, Theme.id)))


# --- Administration: add, rename, archive. Slugs never change once created. -----------------

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MIN, SLUG_MAX = 3, 60
PICTOGRAM_PATTERN = re.compile(r"^[a-z]+/[a-z0-9-]+$")
PICTOGRAM_FOLDER = PROJECT_ROOT / "static" / "vendor" / "dsfr" / "artwork" / "pictograms"
DEFAULT_PICTOGRAM = "document/document"


class ThemeError(ValueError):
    """Invalid theme data: ``errors`` maps field names to French messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def available_pictograms() -> list[str]:
    """The DSFR pictograms installed under static/vendor, as "<folder>/<name>", sorted."""
    if not PICTOGRAM_FOLDER.is_dir():
        return []
    return sorted(f"{path.parent.name}/{path.stem}" for path in PICTOGRAM_FOLDER.glob("*/*.svg"))


def _check_details(name: str, description: str, pictogram: str) -> dict[str, str]:
    errors = {}
    if not 2 <= len(name) <= 100:
        errors["name"] = _("Le nom doit compter entre 2 et 100 caractères.")
    if len(description) > 300:
        errors["description"] = _("La description ne doit pas dépasser 300 caractères.")
    if not PICTOGRAM_PATTERN.match(pictogram or ""):
        errors["pictogram"] = _("Choisissez un pictogramme de la liste.")
    return errors


def new_theme_problems(slug: str, name: str, description: str = "", pictogram: str = DEFAULT_PICTOGRAM
                       ) -> dict[str, str]:
    """What is wrong with a theme about to be added: field -> French message (empty when fine)."""
    slug, name, description = (slug or "").strip(), (name or "").strip(), (description or "").strip()
    errors = _check_details(name, description, pictogram)
    if not (SLUG_MIN <= len(slug) <= SLUG_MAX and SLUG_PATTERN.match(slug)):
        errors["slug"] = _(
            "L'identifiant doit compter de 3 à 60 caractères : lettres minuscules sans accent, "
            "chiffres et tirets (par exemple « eau-assainissement »)."
        )
    elif get_by_slug(slug) is not None:
        errors["slug"] = _("Une thématique utilise déjà cet identifiant.")
    return errors


def add_theme(slug: str, name: str, description: str = "", pictogram: str = DEFAULT_PICTOGRAM) -> Theme:
    """A new theme, placed after the others; raises ThemeError on invalid or taken slug."""
    errors = new_theme_problems(slug, name, description, pictogram)
    if errors:
        raise ThemeError(errors)
    slug, name, description = slug.strip(), name.strip(), (description or "").strip()
    last = db.session.scalar(select(func.max(Theme.position))) or 0
    theme = Theme(slug=slug, name=name, description=description, pictogram=pictogram, position=last + 1)
    db.session.add(theme)
    db.session.flush()
    record_change(ENTITY, theme.id, UPSERT)
    return theme


def update_theme(theme: Theme, name: str, description: str, pictogram: str) -> Theme:
    """Rename a theme, change its description or pictogram (never its slug)."""
    name, description = (name or "").strip(), (description or "").strip()
    errors = _check_details(name, description, pictogram)
    if errors:
        raise ThemeError(errors)
    theme.name, theme.description, theme.pictogram = name, description, pictogram
    db.session.flush()
    # Write-ups show their themes' names: search re-reads them (DESIGN §1, "rename").
    record_change(ENTITY, theme.id, UPSERT)
    return theme


def archive_theme(theme: Theme) -> Theme:
    """Stop offering a theme (its page and its write-ups stay)."""
    if theme.archived_at is None:
        theme.archived_at = utcnow()
        db.session.flush()
        record_change(ENTITY, theme.id, UPSERT)
    return theme


def unarchive_theme(theme: Theme) -> Theme:
    """Offer an archived theme again."""
    if theme.archived_at is not None:
        theme.archived_at = None
        db.session.flush()
        record_change(ENTITY, theme.id, UPSERT)
    return theme
