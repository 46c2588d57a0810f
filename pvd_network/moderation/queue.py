"""What waits for the moderators: submitted write-ups, accounts to validate, reported content."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g, has_request_context
from flask_babel import gettext as _
from sqlalchemy import Select, func, select

from pvd_network.auth.administration import pending_accounts_query
from pvd_network.auth.permissions import is_moderator, moderated_region_codes
from pvd_network.extensions import db
from pvd_network.moderation import reports
from pvd_network.moderation.actions import REQUEST_CHANGES, WRITEUP
from pvd_network.moderation.audit import last_of
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.history import FieldChange, compare_contents
from pvd_network.writeups.models import SUBMITTED, Writeup, WriteupRevision


def approval_required() -> bool:
    """Accounts wait for a moderator only when PVD_REQUIRE_APPROVAL is on."""
    return bool(current_app.config.get("REQUIRE_APPROVAL"))


def submitted_query(region_codes: set[str] | None) -> Select:
    """Write-ups waiting for review, oldest submission first, within ``region_codes`` (None: all)."""
    statement = select(Writeup).where(Writeup.status == SUBMITTED).order_by(Writeup.submitted_at, Writeup.id)
    if region_codes is not None:
        statement = statement.where(Writeup.region_code.in_(region_codes))
    return statement


def pending_query(region_codes: set[str] | None) -> Select:
    return pending_accounts_query(region_codes)


@dataclass
class Waiting:
    writeups: int = 0
    accounts: int = 0
    reports: int = 0

    @property
    def total(self) -> int:
        return self.writeups + self.accounts + self.reports


def waiting_counts(region_codes: set[str] | None) -> Waiting:
    """The three counts of the queue's tabs, in one query."""
    count = func.count()
    writeups = select(count).select_from(submitted_query(region_codes).order_by(None).subquery())
    reported = select(count).select_from(reports.scoped_groups(region_codes).order_by(None).subquery())
    columns = [writeups.scalar_subquery(), reported.scalar_subquery()]
    if approval_required():
        accounts = select(count).select_from(pending_query(region_codes).order_by(None).subquery())
        columns.append(accounts.scalar_subquery())
    row = db.session.execute(select(*columns)).one()
    return Waiting(writeups=row[0] or 0, reports=row[1] or 0, accounts=(row[2] or 0) if len(row) > 2 else 0)


def waiting_for(user) -> Waiting | None:
    """What waits for ``user`` (None for non-moderators), computed once per request (the header)."""
    if not is_moderator(user):
        return None
    if has_request_context():
        if "pvd_moderation_waiting" not in g:
            g.pvd_moderation_waiting = waiting_counts(moderated_region_codes(user))
        return g.pvd_moderation_waiting
    return waiting_counts(moderated_region_codes(user))


# --- What changed in a write-up under review ------------------------------------------------------


@dataclass
class ReviewDiff:
    """The changes to review and what they are compared with."""

    label: str
    changes: list[FieldChange]


def review_diff(writeup: Writeup) -> ReviewDiff | None:
    """For a write-up published before: its changes against the published revision; for one sent
    back for changes: what the author changed since. None for a first submission."""
    current = writeup_services.snapshot(writeup)
    revision = db.session.scalars(
        select(WriteupRevision).where(WriteupRevision.writeup_id == writeup.id)
        .order_by(WriteupRevision.number.desc()).limit(1)
    ).first()
    if revision is not None:
        label = _("Modifications par rapport à la version publiée (version %(n)d)", n=revision.number)
        return ReviewDiff(label, compare_contents(revision.content, current))
    request = last_of(WRITEUP, writeup.id, REQUEST_CHANGES)
    if request is not None and request.details.get("snapshot"):
        return ReviewDiff(_("Modifications apportées depuis la demande de modifications"),
                          compare_contents(request.details["snapshot"], current))
    return None
