"""Theme services: listing, counts, and the admin's add / rename / archive. Flush, never commit."""
from __future__ import annotations

from sqlalchemy import select

from pvd_network.extensions import db
from pvd_network.themes.catalogue import INITIAL_THEMES
from pvd_network.themes.models import Theme


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


def get_by_slug(slug: str) -> Theme | None:
    return db.session.scalar(select(Theme).where(Theme.slug == slug))
