"""Decisions about members: warn, suspend until a date, reactivate, trust; validate or refuse
waiting accounts. Checked against the state the moderator saw, recorded, told to the member."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask_babel import get_timezone
from flask_babel import gettext as _

from pvd_network.auth import administration
from pvd_network.auth.models import STATUS_ACTIVE, STATUS_PENDING, STATUS_REFUSED, STATUS_SUSPENDED, User
from pvd_network.auth.permissions import member_region_code
from pvd_network.core.database import utcnow
from pvd_network.moderation.actions import (
    APPROVE,
    REACTIVATE,
    REFUSE,
    SUSPEND,
    TRUST,
    UNTRUST,
    USER,
    WARN,
)
from pvd_network.moderation.audit import record, recorded_here
from pvd_network.moderation.decisions import (
    AlreadyDecided,
    InvalidDecision,
    check_action,
    check_reason,
    lock_row,
    not_applicable,
    tell,
)
from pvd_network.moderation.models import ModerationAction

MEMBER_DECISIONS = (WARN, SUSPEND, REACTIVATE, TRUST, UNTRUST)
ACCOUNT_DECISIONS = (APPROVE, REFUSE)
# Decisions whose mail auth/mails.py already sends.
MAILED = (SUSPEND, REACTIVATE, APPROVE, REFUSE)
LONGEST_SUSPENSION = timedelta(days=5 * 366)


def member_state(member: User) -> str:
    """"active", "active:trusted", "suspended"…: the form's token and the audit's before/after."""
    return f"{member.status}:trusted" if member.trusted_at is not None else member.status


def member_allows(member: User, action: str) -> bool:
    return {
        WARN: member.status == STATUS_ACTIVE,
        SUSPEND: member.status == STATUS_ACTIVE,
        REACTIVATE: member.status in (STATUS_SUSPENDED, STATUS_REFUSED),
        TRUST: member.status == STATUS_ACTIVE and member.trusted_at is None,
        UNTRUST: member.trusted_at is not None,
        APPROVE: member.status == STATUS_PENDING,
        REFUSE: member.status == STATUS_PENDING,
    }.get(action, False)


def suspension_end(day: date | None) -> datetime:
    """The suspension lifts at midnight (Paris time) on ``day``; InvalidDecision unless it is to come."""
    if day is None:
        raise InvalidDecision("until", _("Indiquez la date de fin de la suspension (format JJ/MM/AAAA)."))
    end = datetime.combine(day, time.min).replace(tzinfo=get_timezone())
    now = utcnow()
    if end <= now:
        raise InvalidDecision("until", _("Choisissez une date de fin à venir."))
    if end - now > LONGEST_SUSPENSION:
        raise InvalidDecision("until", _("Une suspension ne peut pas dépasser cinq ans."))
    return end


def decide_on_member(member: User, action: str, by: User, *, reason: str, state: str,
                     until: date | None = None,
                     allowed: tuple[str, ...] = MEMBER_DECISIONS) -> ModerationAction:
    """Carry out one decision on a member (or a waiting account), record it and tell them."""
    check_action(action, allowed)
    reason = check_reason(reason)
    end = suspension_end(until) if action == SUSPEND else None
    member = lock_row(User, member.id)
    if state != member_state(member):
        raise AlreadyDecided()
    if not member_allows(member, action):
        raise not_applicable()
    before = member_state(member)
    details = {}
    with recorded_here():
        try:
            if action == SUSPEND:
                administration.suspend(by, member, reason, until=end)
                details["until"] = end.isoformat()
            elif action == REACTIVATE:
                administration.reactivate(by, member)
            elif action in (TRUST, UNTRUST):
                administration.set_trusted(by, member, action == TRUST)
            elif action == APPROVE:
                administration.approve(by, member)
            elif action == REFUSE:
                administration.refuse(by, member, reason)
        except administration.NotAllowed as error:  # the last admin, for instance
            raise InvalidDecision("action", str(error)) from None
    row = record(action, USER, member.id, by=by, region_code=member_region_code(member), before=before,
                 after=member_state(member), reason=reason, details=details)
    tell(member, action, by, reason, member, emailed=action in MAILED)
    return row
