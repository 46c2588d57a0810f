"""Reports: members flag a write-up or a comment; enough of them hide it until a moderator reviews it.

One report per member per item (a unique constraint backs the check). When an item reaches
``REPORTS_BEFORE_HIDING`` distinct unresolved reports it is hidden automatically (audit line
without moderator) and its author is told; the reporters hear the outcome when a moderator
resolves the reports (see decisions.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Select, and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from pvd_network.auth.models import User
from pvd_network.core.database import utcnow
from pvd_network.core.pagination import Page, paginate
from pvd_network.discussions import services as discussions
from pvd_network.discussions.models import Comment
from pvd_network.extensions import db
from pvd_network.moderation.actions import AUTO_HIDE, COMMENT, WRITEUP
from pvd_network.moderation.audit import record, recorded_here
from pvd_network.moderation.models import REPORT_REASONS, Report
from pvd_network.moderation.signals import decided, reported
from pvd_network.writeups import services as writeups
from pvd_network.writeups.models import Writeup

TEXT_MAX = 1000


class ReportError(ValueError):
    """A report refused, with the French message and the form field it concerns."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class AlreadyReported(ReportError):
    def __init__(self):
        super().__init__("reason", _("Vous avez déjà signalé ce contenu : l'équipe de modération va "
                                     "l'examiner. Un seul signalement par membre est pris en compte."))


def _target(writeup: Writeup | None = None, comment: Comment | None = None):
    if (writeup is None) == (comment is None):
        raise ValueError("a report is about one write-up or one comment")
    if writeup is not None:
        return Report.writeup_id == writeup.id
    return Report.comment_id == comment.id


def open_count(writeup: Writeup | None = None, comment: Comment | None = None) -> int:
    """Distinct members whose reports on the item wait for a moderator."""
    statement = select(func.count(func.distinct(Report.reporter_id))).where(
        _target(writeup, comment), Report.resolved_at.is_(None)
    )
    return db.session.scalar(statement) or 0


def open_reports(writeup: Writeup | None = None, comment: Comment | None = None) -> list[Report]:
    """The reports waiting on one item, oldest first."""
    statement = (
        select(Report)
        .where(_target(writeup, comment), Report.resolved_at.is_(None))
        .order_by(Report.created_at, Report.id)
    )
    return list(db.session.scalars(statement))


def has_reported(user: User, writeup: Writeup | None = None, comment: Comment | None = None) -> bool:
    statement = select(Report.id).where(_target(writeup, comment), Report.reporter_id == user.id).limit(1)
    return db.session.scalar(statement) is not None


def threshold() -> int:
    return max(1, int(current_app.config.get("REPORTS_BEFORE_HIDING", 3)))


def report(reporter: User, reason: str, text: str = "", *, writeup: Writeup | None = None,
           comment: Comment | None = None) -> Report:
    """Record ``reporter``'s report; hide the item automatically when it reaches the threshold."""
    text = (text or "").strip()
    if reason not in REPORT_REASONS:
        raise ReportError("reason", _("Choisissez la raison de votre signalement."))
    if reason == "autre" and not text:
        raise ReportError("text", _("Précisez la raison de votre signalement."))
    if len(text) > TEXT_MAX:
        raise ReportError("text", _("Votre précision ne doit pas dépasser %(n)d caractères.", n=TEXT_MAX))
    if has_reported(reporter, writeup, comment):
        raise AlreadyReported()
    item = writeup if writeup is not None else comment
    row = Report(reporter_id=reporter.id, writeup_id=getattr(writeup, "id", None),
                 comment_id=getattr(comment, "id", None), reason=reason, text=text)
    try:
        with db.session.begin_nested():  # two clicks at once: the unique constraint answers
            db.session.add(row)
            db.session.flush()
    except IntegrityError:
        raise AlreadyReported() from None
    reported.send(item, report=row)
    _hide_when_reported_enough(item, writeup=writeup, comment=comment)
    return row


def _hide_when_reported_enough(item, **target) -> None:
    count = open_count(**target)
    if count < threshold() or item.hidden_at is not None or getattr(item, "deleted_at", None) is not None:
        return
    reason = _("Masqué automatiquement après %(n)d signalements, en attendant l'examen de l'équipe de "
               "modération.", n=count)
    with recorded_here():
        if isinstance(item, Writeup):
            writeups.hide_writeup(item, by=None, reason=reason)
            target_type, region, details = WRITEUP, item.region_code, {}
        else:
            discussions.hide_comment(item, None, reason)
            target_type, region = COMMENT, item.writeup.region_code
            details = {"writeup_id": item.writeup_id}
    state = "hidden" if target_type == COMMENT else f"{item.status}:hidden"
    record(AUTO_HIDE, target_type, item.id, by=None, region_code=region,
           before=state.replace(":hidden", "") if target_type == WRITEUP else "visible", after=state,
           reason=reason, details={**details, "reports": count})
    author = item.author
    if author is not None and not author.is_deleted:
        decided.send(item, action=AUTO_HIDE, by=None, reason=reason, recipient=author, emailed=False)


def resolve(by: User | None, outcome: str, *, writeup: Writeup | None = None,
            comment: Comment | None = None) -> list[Report]:
    """Close every report waiting on the item with ``outcome``; return them (for telling reporters)."""
    reports = open_reports(writeup, comment)
    if reports:
        db.session.execute(
            update(Report)
            .where(Report.id.in_([r.id for r in reports]))
            .values(resolved_at=utcnow(), resolved_by_id=getattr(by, "id", None), outcome=outcome)
            .execution_options(synchronize_session="fetch")
        )
    return reports


# --- The queue's "Signalements" tab -----------------------------------------------------------------


@dataclass
class ReportGroup:
    """Every waiting report on one item, with counts per reason."""

    writeup: Writeup | None
    comment: Comment | None
    first_at: datetime
    reports: list[Report] = field(default_factory=list)

    @property
    def item(self):
        return self.writeup if self.writeup is not None else self.comment

    @property
    def reasons(self) -> list[tuple[str, int]]:
        """(French reason, number of reports), most frequent first."""
        counts: dict[str, int] = {}
        for report in self.reports:
            counts[report.reason_label] = counts.get(report.reason_label, 0) + 1
        return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def scope_to_regions(statement: Select, region_codes: set[str] | None) -> Select:
    """Narrow a query on reports to items in ``region_codes`` (a comment's région is its write-up's)."""
    if region_codes is None:
        return statement
    return (
        statement.outerjoin(Comment, Comment.id == Report.comment_id)
        .join(Writeup, or_(Writeup.id == Report.writeup_id,
                           and_(Report.writeup_id.is_(None), Writeup.id == Comment.writeup_id)))
        .where(Writeup.region_code.in_(region_codes))
    )


def scoped_groups(region_codes: set[str] | None) -> Select:
    """(writeup_id, comment_id, first report) of items with waiting reports, oldest first."""
    statement = (
        select(Report.writeup_id, Report.comment_id, func.min(Report.created_at).label("first_at"))
        .where(Report.resolved_at.is_(None))
        .group_by(Report.writeup_id, Report.comment_id)
        .order_by(func.min(Report.created_at))
    )
    return scope_to_regions(statement, region_codes)


def groups_page(region_codes: set[str] | None, number: int, per_page: int) -> Page:
    """One page of report groups, each with its reports (three queries whatever the page size)."""
    page = paginate(scoped_groups(region_codes), number, per_page, scalars=False)
    writeup_ids = [row.writeup_id for row in page.items if row.writeup_id]
    comment_ids = [row.comment_id for row in page.items if row.comment_id]
    reports = list(db.session.scalars(
        select(Report)
        .where(Report.resolved_at.is_(None),
               or_(Report.writeup_id.in_(writeup_ids), Report.comment_id.in_(comment_ids)))
        .order_by(Report.created_at, Report.id)
    )) if page.items else []
    writeups_by_id = {w.id: w for w in db.session.scalars(select(Writeup).where(Writeup.id.in_(writeup_ids)))}
    comments_by_id = {c.id: c for c in db.session.scalars(select(Comment).where(Comment.id.in_(comment_ids)))}
    groups = []
    for row in page.items:
        key = (row.writeup_id, row.comment_id)
        group = ReportGroup(writeup=writeups_by_id.get(row.writeup_id),
                            comment=comments_by_id.get(row.comment_id), first_at=row.first_at)
        group.reports = [r for r in reports if (r.writeup_id, r.comment_id) == key]
        groups.append(group)
    page.items = groups
    return page
