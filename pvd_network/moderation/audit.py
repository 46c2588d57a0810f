"""The audit log: one append-only row per moderation action, its filters and its CSV export.

Nothing here (nor anywhere in the interface) updates or deletes a row of the log.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import format_datetime
from sqlalchemy import Select, select

from pvd_network.auth.models import ROLE_ADMIN, ROLE_MODERATOR, User
from pvd_network.core.database import as_utc
from pvd_network.extensions import db
from pvd_network.moderation.actions import action_label, target_label
from pvd_network.moderation.models import ModerationAction

# Set while a moderation service carries out a decision it records itself, so that the
# receivers of the lower features' signals (receivers.py) do not record it a second time.
_recording: ContextVar[bool] = ContextVar("pvd_moderation_recording", default=False)


@contextmanager
def recorded_here():
    """Within this block, decisions are recorded by the caller, not by the signal receivers."""
    token = _recording.set(True)
    try:
        yield
    finally:
        _recording.reset(token)


def recorded_elsewhere() -> bool:
    """True inside :func:`recorded_here` (receivers then stay quiet)."""
    return _recording.get()


def record(
    action: str,
    target_type: str,
    target_id: int,
    *,
    by: User | None,
    region_code: str | None = None,
    before: str = "",
    after: str = "",
    reason: str = "",
    details: dict | None = None,
) -> ModerationAction:
    """Append one line to the audit log (in the current transaction)."""
    row = ModerationAction(
        moderator_id=getattr(by, "id", None),
        action=action,
        target_type=target_type,
        target_id=target_id,
        region_code=region_code,
        status_before=before or "",
        status_after=after or "",
        reason=reason or "",
        details=details or {},
    )
    db.session.add(row)
    db.session.flush()
    return row


def history_of(target_type: str, target_id: int) -> list[ModerationAction]:
    """Every action on one item, newest first."""
    statement = (
        select(ModerationAction)
        .where(ModerationAction.target_type == target_type, ModerationAction.target_id == target_id)
        .order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())
    )
    return list(db.session.scalars(statement))


def last_of(target_type: str, target_id: int, action: str) -> ModerationAction | None:
    """The latest action of that kind on one item."""
    statement = (
        select(ModerationAction)
        .where(ModerationAction.target_type == target_type, ModerationAction.target_id == target_id,
               ModerationAction.action == action)
        .order_by(ModerationAction.id.desc())
        .limit(1)
    )
    return db.session.scalars(statement).first()


# --- The journal page ---------------------------------------------------------------------------


@dataclass
class JournalFilters:
    """What the journal is narrowed to (all optional)."""

    moderator_id: int | None = None
    automatic: bool = False  # only actions nobody took (moderator NULL)
    action: str | None = None
    start: date | None = None
    end: date | None = None


def journal_query(filters: JournalFilters, region_codes: set[str] | None) -> Select:
    """Audit rows, newest first, within ``region_codes`` (None: all)."""
    statement = select(ModerationAction).order_by(ModerationAction.created_at.desc(),
                                                  ModerationAction.id.desc())
    if region_codes is not None:
        statement = statement.where(ModerationAction.region_code.in_(region_codes))
    if filters.automatic:
        statement = statement.where(ModerationAction.moderator_id.is_(None))
    elif filters.moderator_id is not None:
        statement = statement.where(ModerationAction.moderator_id == filters.moderator_id)
    if filters.action:
        statement = statement.where(ModerationAction.action == filters.action)
    if filters.start:
        statement = statement.where(ModerationAction.created_at >= _day_start(filters.start))
    if filters.end:
        statement = statement.where(ModerationAction.created_at < _day_start(filters.end + timedelta(days=1)))
    return statement


def _day_start(day: date) -> datetime:
    # Days are read in UTC: the journal shows Paris times, a one- or two-hour edge is accepted.
    return as_utc(datetime.combine(day, time.min))


def moderators() -> list[User]:
    """Staff who may appear in the journal (for its filter), by name."""
    statement = (
        select(User)
        .where(User.role.in_((ROLE_MODERATOR, ROLE_ADMIN)))
        .order_by(User.last_name, User.first_name, User.id)
    )
    return list(db.session.scalars(statement))


# --- CSV export ---------------------------------------------------------------------------------

CSV_HEADER = ("date", "moderateur", "action", "cible", "identifiant", "region", "statut_avant",
              "statut_apres", "motif")
# A cell starting with one of these is a formula for spreadsheet software (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """The cell as text, prefixed with an apostrophe when a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_rows(rows: Iterable[ModerationAction]) -> Iterable[list[str]]:
    """The journal's lines as CSV cells (French labels, Paris time)."""
    for row in rows:
        who = row.moderator.display_name if row.moderator is not None else "automatique"
        yield [safe_cell(cell) for cell in (
            format_datetime(row.created_at, "yyyy-MM-dd HH:mm:ss"),
            who,
            action_label(row.action),
            target_label(row.target_type),
            row.target_id,
            row.region_code or "",
            row.status_before,
            row.status_after,
            row.reason,
        )]


def csv_text(rows: Iterable[ModerationAction]) -> str:
    """The whole export as one string (UTF-8 with BOM, ``;`` separated: how French spreadsheets open it)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(rows))
    return out.getvalue()
