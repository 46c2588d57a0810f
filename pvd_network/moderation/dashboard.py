"""The moderators' dashboard figures: what waits and for how long, decisions per week, reports by
reason, write-ups published per theme and per région and month.

Each figure is one GROUP BY query bounded by date. Dates are grouped by day in SQL with
``date()``, which SQLite and PostgreSQL both know, and gathered into weeks or months in Python.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Date, func, select

from pvd_network.auth.administration import pending_accounts_query
from pvd_network.core.database import as_utc, utcnow
from pvd_network.extensions import db
from pvd_network.geo.models import Region
from pvd_network.moderation import reports
from pvd_network.moderation.models import REPORT_REASONS, ModerationAction, Report
from pvd_network.moderation.queue import approval_required, submitted_query
from pvd_network.themes.models import Theme
from pvd_network.writeups.models import PUBLISHED, Writeup, writeup_themes

WEEKS = 12
MONTHS = 12


@dataclass
class WaitingFigure:
    key: str
    count: int
    oldest: datetime | None

    @property
    def age_days(self) -> int | None:
        if self.oldest is None:
            return None
        return max(0, (utcnow() - as_utc(self.oldest)).days)


def _oldest_and_count(statement, column) -> tuple[int, datetime | None]:
    subquery = statement.order_by(None).subquery()
    row = db.session.execute(select(func.count(), func.min(subquery.c[column]))).one()
    return row[0] or 0, row[1]


def waiting(region_codes: set[str] | None) -> list[WaitingFigure]:
    """Items waiting, per kind, with the date of the oldest one."""
    figures = []
    count, oldest = _oldest_and_count(submitted_query(region_codes), "submitted_at")
    figures.append(WaitingFigure("writeups", count, oldest))
    if approval_required():
        count, oldest = _oldest_and_count(pending_accounts_query(region_codes), "confirmed_at")
        figures.append(WaitingFigure("accounts", count, oldest))
    count, oldest = _oldest_and_count(reports.scoped_groups(region_codes), "first_at")
    figures.append(WaitingFigure("reports", count, oldest))
    return figures


def _start_of(day: date) -> datetime:
    return as_utc(datetime.combine(day, time.min))


def _day(column):
    return func.date(column, type_=Date)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks(today: date | None = None) -> list[date]:
    """The Mondays of the last WEEKS weeks, oldest first (the current week last)."""
    current = week_start(today or utcnow().date())
    return [current - timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]


def decisions_per_week(region_codes: set[str] | None) -> list[tuple[date, int]]:
    """Decisions taken by moderators each week (automatic actions left out)."""
    mondays = weeks()
    day = _day(ModerationAction.created_at)
    statement = (
        select(day, func.count())
        .where(ModerationAction.moderator_id.is_not(None),
               ModerationAction.created_at >= _start_of(mondays[0]))
        .group_by(day)
    )
    if region_codes is not None:
        statement = statement.where(ModerationAction.region_code.in_(region_codes))
    counts: Counter[date] = Counter()
    for when, count in db.session.execute(statement):
        counts[week_start(_as_date(when))] += count
    return [(monday, counts.get(monday, 0)) for monday in mondays]


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def reports_by_reason(region_codes: set[str] | None) -> list[tuple[str, int]]:
    """Reports received over the last WEEKS weeks, per reason (every reason listed, even at 0)."""
    since = _start_of(weeks()[0])
    statement = reports.scope_to_regions(
        select(Report.reason, func.count(Report.id)).where(Report.created_at >= since), region_codes
    ).group_by(Report.reason)
    counts = dict(db.session.execute(statement).all())
    return [(str(label), counts.get(code, 0)) for code, label in REPORT_REASONS.items()]


def months(today: date | None = None) -> list[date]:
    """The first days of the last MONTHS months, oldest first."""
    current = (today or utcnow().date()).replace(day=1)
    result = [current]
    for _n in range(MONTHS - 1):
        current = (current - timedelta(days=1)).replace(day=1)
        result.append(current)
    return list(reversed(result))


@dataclass
class Series:
    """Monthly counts of one theme or région."""

    name: str
    values: list[int]

    @property
    def total(self) -> int:
        return sum(self.values)


def _monthly(statement, names: dict, month_list: list[date]) -> list[Series]:
    counts: dict[object, Counter] = {}
    for key, when, count in db.session.execute(statement):
        counts.setdefault(key, Counter())[_as_date(when).replace(day=1)] += count
    series = [Series(names.get(key, str(key)), [counter.get(m, 0) for m in month_list])
              for key, counter in counts.items()]
    return sorted(series, key=lambda s: (-s.total, s.name))


def published_per_theme(region_codes: set[str] | None) -> tuple[list[date], list[Series]]:
    """Write-ups published (and still shown) each month, per theme."""
    month_list = months()
    day = _day(Writeup.published_at)
    statement = (
        select(writeup_themes.c.theme_id, day, func.count())
        .select_from(Writeup)
        .join(writeup_themes, writeup_themes.c.writeup_id == Writeup.id)
        .where(*_published_since(month_list[0]))
        .group_by(writeup_themes.c.theme_id, day)
    )
    if region_codes is not None:
        statement = statement.where(Writeup.region_code.in_(region_codes))
    names = dict(db.session.execute(select(Theme.id, Theme.name)).all())
    return month_list, _monthly(statement, names, month_list)


def published_per_region(region_codes: set[str] | None) -> tuple[list[date], list[Series]]:
    """Write-ups published (and still shown) each month, per région."""
    month_list = months()
    day = _day(Writeup.published_at)
    statement = (
        select(Writeup.region_code, day, func.count())
        .where(*_published_since(month_list[0]))
        .group_by(Writeup.region_code, day)
    )
    if region_codes is not None:
        statement = statement.where(Writeup.region_code.in_(region_codes))
    names = dict(db.session.execute(select(Region.code, Region.name)).all())
    return month_list, _monthly(statement, names, month_list)


def _published_since(first: date):
    return (Writeup.status == PUBLISHED, Writeup.hidden_at.is_(None),
            Writeup.published_at >= _start_of(first))

