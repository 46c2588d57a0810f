"""Write-up import (planning and writing) and export, in the JSON Lines import format.

Writing goes through the write-up services, so each created or updated write-up records a
revision and a search change-log row; everything flushes and the caller commits once.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import select

from pvd_network.auth.models import ROLE_ADMIN, STATUS_ACTIVE, User
from pvd_network.core.database import as_utc
from pvd_network.extensions import db
from pvd_network.themes.models import Theme
from pvd_network.writeups import services
from pvd_network.writeups.importer import CHUNK, CONTENT_DEFAULTS, CONTENT_KEYS, Record, in_chunks
from pvd_network.writeups.models import PUBLIC, PUBLISHED, Writeup

EXPORT_ID_PREFIX = "reseau-pvd:"
CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


@dataclass
class Step:
    """What importing one record does: create, update or nothing."""

    record: Record
    action: str
    writeup: Writeup | None = None


# --- Authors ------------------------------------------------------------------------------


def first_admin() -> User | None:
    """The oldest active administrator account."""
    return db.session.scalar(
        select(User).where(User.role == ROLE_ADMIN, User.status == STATUS_ACTIVE).order_by(User.id).limit(1)
    )


def find_author(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


# --- Planning and writing -----------------------------------------------------------------


def to_record(writeup: Writeup) -> dict:
    """A write-up as one line of the import format (keys in contract order, empty optional
    values left out); write-ups without an external_id get the stable "reseau-pvd:<id>"."""
    line = {
        "title": writeup.title,
        "summary": writeup.summary,
        "commune_insee": writeup.commune_insee,
        "themes": [theme.slug for theme in writeup.themes],
        "context": writeup.context,
        "actions": writeup.actions,
        "results": writeup.results or None,
        "lessons": writeup.lessons or None,
        "budget_eur": writeup.budget_eur,
        "funders": list(writeup.funders or []) or None,
        "partners": list(writeup.partners or []) or None,
        "stage": writeup.stage,
        "year": writeup.year,
        "author_email": writeup.author.email if writeup.author is not None else None,
        "published_at": as_utc(writeup.published_at).date().isoformat() if writeup.published_at else None,
        "visibility": writeup.visibility or PUBLIC,
        "external_id": writeup.external_id or f"{EXPORT_ID_PREFIX}{writeup.id}",
    }
    return {key: value for key, value in line.items() if value is not None}


def _content_of(writeup: Writeup) -> dict:
    line = to_record(writeup)
    return {key: line.get(key, CONTENT_DEFAULTS.get(key)) for key in CONTENT_KEYS}


def _differs(record: Record, writeup: Writeup) -> bool:
    if writeup.status != PUBLISHED or _content_of(writeup) != record.content:
        return True
    if record.author_email and (writeup.author is None or writeup.author.email != record.author_email):
        return True
    current = as_utc(writeup.published_at)
    return record.published_at is not None and (current is None or current.date() != record.published_at)


def plan(records: list[Record]) -> list[Step]:
    """Create, update or leave unchanged: decided by external_id, nothing written."""
    ids = [r.external_id for r in records if r.external_id is not None]
    existing = {
        w.external_id: w
        for w in in_chunks(
            ids, lambda chunk: db.session.scalars(select(Writeup).where(Writeup.external_id.in_(chunk)))
        )
    }
    steps = []
    for record in records:
        writeup = existing.get(record.external_id) if record.external_id is not None else None
        if writeup is None:
            steps.append(Step(record, CREATE))
        else:
            steps.append(Step(record, UPDATE if _differs(record, writeup) else UNCHANGED, writeup))
    return steps


def needs_default_author(steps: list[Step]) -> bool:
    """Whether some new write-up has no author_email of its own."""
    return any(step.action == CREATE and not step.record.author_email for step in steps)


def _published_at(value: date | None) -> datetime | None:
    return datetime(value.year, value.month, value.day, tzinfo=UTC) if value else None


@dataclass
class Writer:
    """Writes planned steps through the services (flushes, never commits), caching look-ups."""

    default_author: User | None = None
    authors: dict[str, User | None] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)

    def author(self, email: str | None) -> User | None:
        if not email:
            return None
        if email not in self.authors:
            self.authors[email] = find_author(email)
        return self.authors[email]

    def theme_list(self, slugs: list[str]) -> list[Theme]:
        if not self.themes:
            self.themes = {theme.slug: theme for theme in db.session.scalars(select(Theme))}
        return [self.themes[slug] for slug in slugs]

    def __call__(self, step: Step) -> Writeup:
        return apply(step, self)


def apply(step: Step, writer: Writer) -> Writeup:
    """Write one planned step: create, update (a new revision) or nothing."""
    record = step.record
    author = writer.author(record.author_email)
    data = dict(record.content)
    data["themes"] = writer.theme_list(data["themes"])
    published_at = _published_at(record.published_at)
    if step.action == CREATE:
        writeup = services.create_writeup(author or writer.default_author, data, status=PUBLISHED)
        writeup.external_id = record.external_id
        if published_at is not None:
            writeup.published_at = published_at
        return writeup
    writeup = step.writeup
    if step.action == UNCHANGED:
        return writeup
    if author is not None:
        writeup.author_id, writeup.author = author.id, author
    if writeup.status == PUBLISHED and published_at is not None:
        writeup.published_at = published_at
    services.update_writeup(writeup, data, editor=None, note="import")
    if writeup.status != PUBLISHED:
        services.publish(writeup, by=None, message="", published_at=published_at)
    return writeup


def published_for_export():
    """The published write-ups that are not hidden by moderation, oldest first."""
    return (
        select(Writeup)
        .where(Writeup.status == PUBLISHED, Writeup.hidden_at.is_(None))
        .order_by(Writeup.id)
    )


def export_lines() -> Iterator[str]:
    """The JSON Lines text of every exported write-up, one string per write-up (no newline)."""
    for writeup in db.session.scalars(published_for_export().execution_options(yield_per=CHUNK)):
        yield json.dumps(to_record(writeup), ensure_ascii=False)
