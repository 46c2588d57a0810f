"""JSON shapes of the API: the import-format fields (shared/IMPORT_FORMAT.md) and more."""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from pvd_network.core.database import as_utc
from pvd_network.themes.models import Theme
from pvd_network.writeups.models import SECTIONS, Writeup
from pvd_network.writeups.urls import writeup_url


def timestamp(value: datetime | None) -> str | None:
    """RFC 3339 in UTC: ``2025-03-12T09:30:00Z``."""
    if value is None:
        return None
    return as_utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def theme(item: Theme, count: int) -> dict:
    return {
        "slug": item.slug,
        "name": item.name,
        "description": item.description,
        "pictogram": item.pictogram,
        "archived": item.is_archived,
        "writeups": count,
    }


def _author_name(writeup: Writeup) -> str:
    return writeup.author.display_name if writeup.author is not None else _("Ancien membre")


def writeup_summary(writeup: Writeup) -> dict:
    """A write-up in a list: what a card shows."""
    return {
        "id": writeup.id,
        "url": writeup_url(writeup, _external=True),
        "title": writeup.title,
        "summary": writeup.summary,
        "commune": writeup.commune.to_dict(),
        "themes": [t.slug for t in writeup.themes],
        "stage": writeup.stage,
        "year": writeup.year,
        "visibility": writeup.visibility,
        "author": {"name": _author_name(writeup)},
        "published_at": timestamp(writeup.published_at),
        "updated_at": timestamp(writeup.updated_at),
    }


def writeup_detail(writeup: Writeup) -> dict:
    """One write-up: every import-format field (but the author's address), the commune's
    details, and the sanitised HTML of each Markdown section."""
    data = writeup_summary(writeup)
    data.update(
        {
            "commune_insee": writeup.commune_insee,
            "budget_eur": writeup.budget_eur,
            "funders": list(writeup.funders or []),
            "partners": list(writeup.partners or []),
            "external_id": writeup.external_id,
        }
    )
    for field, _title in SECTIONS:
        data[field] = getattr(writeup, field)
    data["html"] = {field: getattr(writeup, f"{field}_html") for field, _title in SECTIONS}
    return data
