"""Demonstration write-ups for `flask demo seed` (the data is in :mod:`demo_data`)."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from pvd_network.auth.services import find_by_email
from pvd_network.extensions import db
from pvd_network.geo.models import Commune
from pvd_network.writeups import services
from pvd_network.writeups.demo_data import WRITEUPS
from pvd_network.writeups.models import Writeup

PREFIX = "demo:"
CONTENT_KEYS = (
    "title", "summary", "commune_insee", "themes", "context", "actions", "results", "lessons",
    "budget_eur", "funders", "partners", "stage", "year", "visibility",
)


def external_id(item: dict) -> str:
    return f"{PREFIX}{item['n']}"


def _backdate(writeup: Writeup, day: str) -> None:
    """Make a demo write-up look published on ``day`` (its listing date, history and "updated")."""
    moment = datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC)
    writeup.published_at = writeup.created_at = writeup.updated_at = moment
    for revision in writeup.revisions:
        revision.created_at = moment


def seed_demo() -> str:
    """Add the demonstration write-ups that are missing (idempotent, keyed by "demo:<n>")."""
    ours = select(Writeup.external_id).where(Writeup.external_id.like(f"{PREFIX}%"))
    existing = set(db.session.scalars(ours))
    created = kept = skipped = 0
    for item in WRITEUPS:
        if external_id(item) in existing:
            kept += 1
            continue
        author = find_by_email(item["author"])
        if author is None or db.session.get(Commune, item["commune_insee"]) is None:
            skipped += 1  # members not seeded, or geography not imported
            continue
        data = {key: item[key] for key in CONTENT_KEYS if key in item}
        writeup = services.create_writeup(author, data, status=item["status"])
        writeup.external_id = external_id(item)
        if item.get("published_at"):
            _backdate(writeup, item["published_at"])
        created += 1
    db.session.flush()
    summary = f"{created} created, {kept} already there"
    if skipped:
        summary += f", {skipped} skipped (author or commune missing: seed members, run `flask geo import`)"
    return summary
