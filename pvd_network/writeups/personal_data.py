"""RGPD: a member's write-ups in "Mes données", and what erasing an account does to them.

Published (and archived) write-ups stay, signed "Ancien membre": they are the network's
shared knowledge. Write-ups never published are personal work nobody else will read:
they go with the account, files included.
"""
from __future__ import annotations

from sqlalchemy import select

from pvd_network.auth import signals as account_signals
from pvd_network.core import uploads
from pvd_network.core.changes import DELETE, record_change
from pvd_network.core.database import as_utc
from pvd_network.core.transactions import after_commit
from pvd_network.extensions import db
from pvd_network.writeups import files
from pvd_network.writeups.models import SECTIONS, Writeup
from pvd_network.writeups.services import ENTITY, authored_by


def _iso(value) -> str | None:
    value = as_utc(value)
    return value.isoformat() if value else None


def export_writeups(user, **_kwargs) -> tuple[str, list[dict]]:
    """Every write-up of ``user``, whatever its status, with its Markdown and its files' names."""
    return "writeups", [
        {
            "id": writeup.id,
            "status": writeup.status,
            "title": writeup.title,
            "summary": writeup.summary,
            "commune_insee": writeup.commune_insee,
            "themes": [theme.slug for theme in writeup.themes],
            **{name: getattr(writeup, name) for name, _title in SECTIONS},
            "budget_eur": writeup.budget_eur,
            "funders": list(writeup.funders or []),
            "partners": list(writeup.partners or []),
            "stage": writeup.stage,
            "year": writeup.year,
            "visibility": writeup.visibility,
            "moderation_message": writeup.moderation_message or None,
            "attachments": [a.original_name for a in writeup.attachments],
            "created_at": _iso(writeup.created_at),
            "updated_at": _iso(writeup.updated_at),
            "published_at": _iso(writeup.published_at),
        }
        for writeup in authored_by(user)
    ]


def erase_unpublished_writeups(user, **_kwargs) -> None:
    """Delete the member's write-ups that were never published (flush, never commit)."""
    statement = select(Writeup).where(Writeup.author_id == user.id, Writeup.published_at.is_(None))
    for writeup in db.session.scalars(statement):
        stored = [(files.ATTACHMENT_KIND, a.stored_name) for a in writeup.attachments]
        if writeup.cover:
            stored.append((files.COVER_KIND, writeup.cover))
        record_change(ENTITY, writeup.id, DELETE)
        db.session.delete(writeup)
        for kind, name in stored:
            after_commit(lambda kind=kind, name=name: uploads.remove(kind, name))
    db.session.flush()


def connect() -> None:
    """Subscribe to the account signals (idempotent)."""
    account_signals.personal_data_requested.connect(export_writeups)
    account_signals.erasing.connect(erase_unpublished_writeups)
