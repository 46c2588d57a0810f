"""Write-up services: content, life cycle, revisions, visibility. Flush, never commit.

Every change that affects what search returns records a row of the search change log
(core/changes.py) in the same transaction.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import joinedload

from pvd_network.auth.models import User
from pvd_network.core.changes import DELETE, UPSERT, record_change
from pvd_network.core.database import utcnow
from pvd_network.core.markup import render_markdown
from pvd_network.core.text import fold
from pvd_network.extensions import db
from pvd_network.geo.models import Commune
from pvd_network.themes.models import Theme
from pvd_network.writeups import signals
from pvd_network.writeups.models import (
    ARCHIVED,
    CHANGES_REQUESTED,
    DRAFT,
    MEMBERS,
    PUBLIC,
    PUBLISHED,
    REJECTED,
    SECTIONS,
    SUBMITTED,
    Writeup,
    WriteupRevision,
)

ENTITY = "writeup"
SLUG_LENGTH = 80
# Plain fields copied as they are by apply_content (sections are rendered separately).
PLAIN_FIELDS = ("title", "summary", "budget_eur", "stage", "year", "visibility")
LIST_FIELDS = ("funders", "partners")


# What a moderator needs to review a write-up: checked when its author submits it.
SUBMISSION_REQUIREMENTS = {
    "summary": _l("Rédigez le chapô avant de soumettre votre retour."),
    "themes": _l("Choisissez au moins une thématique avant de soumettre votre retour."),
    "context": _l("Décrivez le contexte avant de soumettre votre retour."),
    "actions": _l("Décrivez les actions menées avant de soumettre votre retour."),
}


class InvalidTransition(ValueError):
    """A life-cycle step that the write-up's current status does not allow."""


def get_writeup(writeup_id: int) -> Writeup | None:
    """The write-up with this id, whatever its status (its author's moderated régions are only
    loaded if asked for: one query less on every write-up page)."""
    author = joinedload(Writeup.author).lazyload(User.moderated_regions)
    return db.session.get(Writeup, writeup_id, options=[author])


def authored_by(author) -> list[Writeup]:
    """Every write-up of ``author``, last changed first ("Mes retours")."""
    statement = (
        select(Writeup)
        .where(Writeup.author_id == author.id)
        .order_by(Writeup.updated_at.desc(), Writeup.id.desc())
    )
    return list(db.session.scalars(statement))


def submission_problems(writeup: Writeup) -> dict[str, str]:
    """What is still missing before ``writeup`` can be submitted: field -> French message."""
    return {field: str(message) for field, message in SUBMISSION_REQUIREMENTS.items()
            if not getattr(writeup, field)}


def slugify(title: str) -> str:
    """"Maison de santé à Commercy" -> "maison-de-sante-a-commercy"."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-")
    return slug[:SLUG_LENGTH].rstrip("-") or "retour"


def themes_by_slug(slugs: Iterable[str]) -> list[Theme]:
    """The themes with these slugs, in the given order (unknown slugs are left out)."""
    wanted = list(dict.fromkeys(slugs))
    found = {t.slug: t for t in db.session.scalars(select(Theme).where(Theme.slug.in_(wanted)))}
    return [found[slug] for slug in wanted if slug in found]


def _without_nul(value):
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list | tuple):
        return [_without_nul(item) for item in value]
    return value


def apply_content(writeup: Writeup, data: dict) -> None:
    """Copy content from ``data`` onto ``writeup``: keys absent from ``data`` are left alone.

    Keys: title, summary, commune_insee, themes (Theme objects or slugs), the four sections,
    budget_eur, funders, partners, stage, year, visibility. Sections are rendered to HTML
    through the one sanitiser. NUL characters are dropped (PostgreSQL cannot store them).
    """
    data = {key: _without_nul(value) for key, value in data.items()}
    for field in PLAIN_FIELDS:
        if field in data:
            setattr(writeup, field, data[field])
    for field in LIST_FIELDS:
        if field in data:
            setattr(writeup, field, [item.strip() for item in data[field] or [] if item and item.strip()])
    for field, _title in SECTIONS:
        if field in data:
            source = data[field] or ""
            setattr(writeup, field, source)
            setattr(writeup, f"{field}_html", render_markdown(source))
    if "commune_insee" in data:
        commune = db.session.get(Commune, data["commune_insee"])
        if commune is None:
            raise ValueError(f"unknown commune {data['commune_insee']!r}")
        writeup.commune_insee = commune.insee
        writeup.commune = commune
        writeup.department_code = commune.department_code
        writeup.region_code = commune.region_code
    if "themes" in data:
        themes = [t for t in data["themes"] if isinstance(t, Theme)] or themes_by_slug(data["themes"])
        writeup.themes = themes
    if "title" in data:
        writeup.slug = slugify(writeup.title)
    if not writeup.visibility:
        writeup.visibility = PUBLIC


def snapshot(writeup: Writeup) -> dict:
    """The content of ``writeup`` as a JSON-able dict (what a revision stores)."""
    content = {field: getattr(writeup, field) for field in PLAIN_FIELDS}
    content.update({field: list(getattr(writeup, field) or []) for field in LIST_FIELDS})
    content.update({field: getattr(writeup, field) for field, _title in SECTIONS})
    content["commune_insee"] = writeup.commune_insee
    content["themes"] = [theme.slug for theme in writeup.themes]
    return content


def add_revision(writeup: Writeup, editor, note: str = "") -> WriteupRevision:
    """Record the current content as the next revision."""
    number = 1 + max((r.number for r in writeup.revisions), default=0)
    revision = WriteupRevision(
        writeup=writeup, number=number, editor_id=getattr(editor, "id", None), content=snapshot(writeup),
        note=note,
    )
    db.session.add(revision)
    return revision


def _changed(writeup: Writeup, kind: str = UPSERT) -> None:
    db.session.flush()
    record_change(ENTITY, writeup.id, kind)


def create_writeup(author, data: dict, status: str = DRAFT) -> Writeup:
    """A new write-up by ``author`` (a draft unless ``status`` says otherwise)."""
    writeup = Writeup(author_id=getattr(author, "id", None), status=DRAFT, funders=[], partners=[])
    if author is not None and "commune_insee" not in data and getattr(author, "commune_insee", None):
        data = {**data, "commune_insee": author.commune_insee}
    apply_content(writeup, data)
    db.session.add(writeup)
    db.session.flush()
    if status == PUBLISHED:
        publish(writeup, by=None)
    elif status == SUBMITTED:
        submit(writeup)
    else:
        _changed(writeup)
    return writeup


def update_writeup(writeup: Writeup, data: dict, editor, note: str = "") -> Writeup:
    """Change the content; a published write-up gets a new revision at once."""
    apply_content(writeup, data)
    writeup.updated_at = utcnow()
    if writeup.status == PUBLISHED:
        add_revision(writeup, editor, note)
    _changed(writeup)
    signals.edited.send(writeup, by=editor)
    return writeup


def _require(writeup: Writeup, allowed: Iterable[str]) -> None:
    if writeup.status not in allowed:
        raise InvalidTransition(f"{writeup.status} -> not allowed here")


def submit(writeup: Writeup) -> Writeup:
    """The author asks for publication; a trusted contributor's write-up is published at once."""
    _require(writeup, (DRAFT, CHANGES_REQUESTED))
    writeup.status = SUBMITTED
    writeup.submitted_at = utcnow()
    author = writeup.author
    if author is not None and author.trusted_at is not None:
        # "Contributeur de confiance": no review. Publishing with by=author is how the audit
        # log (moderation receivers) tells it apart, and no mail goes to the author.
        return publish(writeup, by=author)
    _changed(writeup)
    signals.submitted.send(writeup)
    return writeup


def publish(writeup: Writeup, by, message: str = "", published_at=None) -> Writeup:
    """Publish (moderators; imports with ``by=None``), recording a revision."""
    _require(writeup, (DRAFT, SUBMITTED, CHANGES_REQUESTED, REJECTED, ARCHIVED))
    first = writeup.published_at is None
    writeup.status = PUBLISHED
    writeup.moderation_message = message
    writeup.published_at = published_at or writeup.published_at or utcnow()
    add_revision(writeup, by, note=message)
    _changed(writeup)
    signals.published.send(writeup, by=by, first=first)
    return writeup


def request_changes(writeup: Writeup, by, message: str) -> Writeup:
    """Send a submitted write-up back to its author with a message."""
    _require(writeup, (SUBMITTED,))
    writeup.status = CHANGES_REQUESTED
    writeup.moderation_message = message
    _changed(writeup, DELETE)
    signals.changes_requested.send(writeup, by=by, message=message)
    return writeup


def reject(writeup: Writeup, by, reason: str) -> Writeup:
    """Refuse a submitted write-up, with a reason."""
    _require(writeup, (SUBMITTED,))
    writeup.status = REJECTED
    writeup.moderation_message = reason
    _changed(writeup, DELETE)
    signals.rejected.send(writeup, by=by, reason=reason)
    return writeup


def archive(writeup: Writeup, by) -> Writeup:
    """The author (or a moderator) withdraws a write-up from listings."""
    _require(writeup, (DRAFT, PUBLISHED, CHANGES_REQUESTED, REJECTED))
    writeup.status = ARCHIVED
    _changed(writeup, DELETE)
    signals.archived.send(writeup, by=by)
    return writeup


# --- Moderation: hiding, deletion, locked discussions -------------------------------------


def hide_writeup(writeup: Writeup, by, reason: str) -> Writeup:
    """Hide a write-up from everyone but its author and moderators (``by=None``: automatic)."""
    if writeup.hidden_at is not None:
        raise InvalidTransition("already hidden")
    writeup.hidden_at = utcnow()
    writeup.hidden_by_id = getattr(by, "id", None)
    writeup.hidden_reason = reason
    _changed(writeup, DELETE)
    signals.hidden.send(writeup, by=by, reason=reason)
    return writeup


def unhide_writeup(writeup: Writeup, by) -> Writeup:
    """Show a hidden write-up again (where its status allows)."""
    if writeup.hidden_at is None:
        raise InvalidTransition("not hidden")
    writeup.hidden_at = None
    writeup.hidden_by_id = None
    writeup.hidden_reason = ""
    _changed(writeup)
    signals.unhidden.send(writeup, by=by)
    return writeup


def delete_writeup(writeup: Writeup, by, reason: str) -> Writeup:
    """Moderators' soft deletion: archived and hidden, kept in the database for its author and the
    audit log; only a moderator can bring it back (unhide, then publish)."""
    if writeup.status == ARCHIVED and writeup.hidden_at is not None:
        raise InvalidTransition("already deleted")
    writeup.status = ARCHIVED
    writeup.hidden_at = writeup.hidden_at or utcnow()
    writeup.hidden_by_id = getattr(by, "id", None)
    writeup.hidden_reason = reason
    _changed(writeup, DELETE)
    signals.hidden.send(writeup, by=by, reason=reason)
    return writeup


def is_deleted(writeup: Writeup) -> bool:
    """Deleted by the moderators (:func:`delete_writeup`)."""
    return writeup.status == ARCHIVED and writeup.hidden_at is not None


def set_discussion_locked(writeup: Writeup, locked: bool) -> Writeup:
    """Lock (no new comments) or unlock the discussion under a write-up."""
    if locked == (writeup.discussion_locked_at is not None):
        raise InvalidTransition("already in that state")
    writeup.discussion_locked_at = utcnow() if locked else None
    db.session.flush()
    return writeup


# --- Who sees what ------------------------------------------------------------------------


def _is_signed_in_member(viewer) -> bool:
    return bool(viewer is not None and viewer.is_authenticated and getattr(viewer, "is_active", False))


def visible_condition(viewer):
    """SQL condition: published, not hidden, and public unless the viewer is a signed-in member."""
    condition = and_(Writeup.status == PUBLISHED, Writeup.hidden_at.is_(None))
    if not _is_signed_in_member(viewer):
        condition = and_(condition, Writeup.visibility == PUBLIC)
    else:
        condition = and_(condition, or_(Writeup.visibility == PUBLIC, Writeup.visibility == MEMBERS))
    return condition


def visible_writeups(viewer) -> Select:
    """Write-ups ``viewer`` may see in listings, newest first."""
    return (
        select(Writeup)
        .where(visible_condition(viewer))
        .order_by(Writeup.published_at.desc(), Writeup.id.desc())
    )


def is_visible(viewer, writeup: Writeup) -> bool:
    """Python twin of :func:`visible_condition` for one loaded write-up."""
    if writeup.status != PUBLISHED or writeup.hidden_at is not None:
        return False
    return writeup.visibility == PUBLIC or _is_signed_in_member(viewer)
