"""Moderators' decisions on write-ups and comments: checked, carried out, recorded, told.

Every decision names the state of the item the moderator saw (``state``, a hidden field of
the form). The row is locked first, then that state is compared with the current one: when
another moderator decided in between, :class:`AlreadyDecided` is raised and nothing changes.
Services flush and never commit (the view commits once).
"""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select, text

from pvd_network.auth.models import User
from pvd_network.discussions import services as discussions
from pvd_network.discussions.models import Comment
from pvd_network.extensions import db
from pvd_network.moderation import reports as report_services
from pvd_network.moderation.actions import (
    COMMENT,
    DELETE,
    HIDE,
    KEEP,
    LOCK,
    PUBLISH,
    REJECT,
    REJECT_REASONS,
    REPORT_DELETED,
    REPORT_HIDDEN,
    REPORT_KEPT,
    REQUEST_CHANGES,
    UNHIDE,
    UNLOCK,
    WRITEUP,
    reject_message,
)
from pvd_network.moderation.audit import record, recorded_here
from pvd_network.moderation.models import ModerationAction
from pvd_network.moderation.signals import decided
from pvd_network.writeups import services as writeups
from pvd_network.writeups.models import PUBLISHED, SUBMITTED, Writeup

WRITEUP_DECISIONS = (PUBLISH, REQUEST_CHANGES, REJECT, HIDE, UNHIDE, DELETE, KEEP, LOCK, UNLOCK)
COMMENT_DECISIONS = (HIDE, UNHIDE, DELETE, KEEP)
REASON_MAX = 2000
# Outcome stored on the reports an action resolves, and the action their reporters are told.
REPORT_OUTCOMES = {HIDE: ("hidden", REPORT_HIDDEN), DELETE: ("deleted", REPORT_DELETED),
                   KEEP: ("kept", REPORT_KEPT), UNHIDE: ("kept", REPORT_KEPT)}
# Mails about these already go out from writeups/mails.py.
MAILED = (PUBLISH, REQUEST_CHANGES, REJECT)


class DecisionError(ValueError):
    """A decision refused before anything changed."""


class InvalidDecision(DecisionError):
    """Bad input (no reason, unknown action, a decision the item's state does not allow), by field;
    ``others``: more fields refused at the same time (every problem is shown at once)."""

    def __init__(self, field: str, message: str, others: dict[str, str] | None = None):
        super().__init__(message)
        self.field = field
        self.message = message
        self.errors = {field: message, **(others or {})}


class AlreadyDecided(DecisionError):
    """Another moderator decided on the item since the page was shown."""

    def __init__(self, message: str | None = None):
        self.message = message or _(
            "Déjà traité : cet élément a changé depuis l'affichage de la page (un autre membre de l'équipe "
            "de modération vient sans doute de décider). Rien n'a été modifié : vérifiez son état actuel "
            "ci-dessous avant de décider à nouveau."
        )
        super().__init__(self.message)


# --- States -------------------------------------------------------------------------------------


def writeup_state(writeup: Writeup) -> str:
    """"published", "published:hidden", "published:locked", "archived:hidden" (deleted)…"""
    parts = [writeup.status]
    if writeup.hidden_at is not None:
        parts.append("hidden")
    if writeup.discussion_locked_at is not None:
        parts.append("locked")
    return ":".join(parts)


def comment_state(comment: Comment) -> str:
    if comment.deleted_at is not None:
        return "deleted"
    return "hidden" if comment.hidden_at is not None else "visible"


def state_token(state: str, open_reports: int) -> str:
    """What the form carries: the state plus the number of reports waiting (a new report changes it)."""
    return f"{state}|{open_reports}"


def writeup_token(writeup: Writeup) -> str:
    return state_token(writeup_state(writeup), report_services.open_count(writeup=writeup))


def comment_token(comment: Comment) -> str:
    return state_token(comment_state(comment), report_services.open_count(comment=comment))


def lock_row(model, row_id: int):
    """Load the row for a decision, locked until the commit: SELECT … FOR UPDATE on PostgreSQL.
    SQLite has no row locks: a no-op UPDATE first takes its (database-wide) write lock, so the
    re-read sees any decision committed meanwhile."""
    if db.session.get_bind().dialect.name == "sqlite":
        # __tablename__ is ours, never user input.
        db.session.execute(text(f"UPDATE {model.__tablename__} SET id = id WHERE id = :id"), {"id": row_id})
    statement = (
        select(model).where(model.id == row_id).with_for_update(of=model)
        .execution_options(populate_existing=True)
    )
    return db.session.scalars(statement).one()


def check_reason(reason: str | None) -> str:
    """The reason, stripped; InvalidDecision when empty or too long."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidDecision(
            "reason", _("Indiquez le motif de votre décision : il sera communiqué au membre concerné.")
        )
    if len(reason) > REASON_MAX:
        raise InvalidDecision("reason", _("Le motif ne doit pas dépasser %(n)d caractères.", n=REASON_MAX))
    return reason


def check_action(action: str, allowed: tuple[str, ...]) -> None:
    if action not in allowed:
        raise InvalidDecision("action", _("Décision inconnue : choisissez l'une des décisions proposées."))


def not_applicable() -> InvalidDecision:
    return InvalidDecision(
        "action", _("Cette décision ne s'applique pas à cet élément dans son état actuel.")
    )


# --- Write-ups ----------------------------------------------------------------------------------


def writeup_allows(writeup: Writeup, action: str, open_reports: int) -> bool:
    """May ``action`` be taken on ``writeup`` as it stands?"""
    hidden, deleted = writeup.hidden_at is not None, writeups.is_deleted(writeup)
    return {
        PUBLISH: writeup.status == SUBMITTED,
        REQUEST_CHANGES: writeup.status == SUBMITTED,
        REJECT: writeup.status == SUBMITTED,
        HIDE: writeup.status == PUBLISHED and not hidden,
        UNHIDE: hidden,
        DELETE: not deleted,
        KEEP: open_reports > 0 and not hidden,  # hidden: "unhide" restores and closes the reports
        LOCK: writeup.status == PUBLISHED and writeup.discussion_locked_at is None,
        UNLOCK: writeup.discussion_locked_at is not None,
    }.get(action, False)


def decide_on_writeup(writeup: Writeup, action: str, by: User, *, reason: str, state: str,
                      reject_reason: str = "") -> ModerationAction:
    """Carry out one decision on a write-up, record it and tell its author (and its reporters)."""
    check_action(action, WRITEUP_DECISIONS)
    if action == REJECT and reject_reason not in REJECT_REASONS:
        others = {}
        try:
            check_reason(reason)
        except InvalidDecision as error:
            others = error.errors
        raise InvalidDecision("reject_reason", _("Choisissez le motif du refus dans la liste."), others)
    reason = check_reason(reason)
    writeup = lock_row(Writeup, writeup.id)
    open_reports = report_services.open_count(writeup=writeup)
    if state != state_token(writeup_state(writeup), open_reports):
        raise AlreadyDecided()
    if not writeup_allows(writeup, action, open_reports):
        raise not_applicable()
    before = writeup_state(writeup)
    told_reason, details = reason, {}
    with recorded_here():
        if action == PUBLISH:
            writeups.publish(writeup, by=by, message=reason)
        elif action == REQUEST_CHANGES:
            writeups.request_changes(writeup, by=by, message=reason)
            details["snapshot"] = writeups.snapshot(writeup)  # to show what changed on resubmission
        elif action == REJECT:
            told_reason = reject_message(reject_reason, reason)
            details["reject_reason"] = reject_reason
            writeups.reject(writeup, by=by, reason=told_reason)
        elif action == HIDE:
            writeups.hide_writeup(writeup, by=by, reason=reason)
        elif action == UNHIDE:
            _restore_writeup(writeup, by, reason)
        elif action == DELETE:
            writeups.delete_writeup(writeup, by=by, reason=reason)
        elif action in (LOCK, UNLOCK):
            writeups.set_discussion_locked(writeup, action == LOCK)
    row = record(action, WRITEUP, writeup.id, by=by, region_code=writeup.region_code, before=before,
                 after=writeup_state(writeup), reason=told_reason, details=details)
    if action != KEEP:  # reports closed on visible content: only the reporters hear of it
        tell(writeup, action, by, told_reason, writeup.author, emailed=action in MAILED)
    _resolve_reports(writeup, action, by, reason, writeup=writeup)
    return row


def _restore_writeup(writeup: Writeup, by, reason: str) -> None:
    """Unhide (if hidden); a deleted write-up that had been published is published again."""
    was_deleted = writeups.is_deleted(writeup)
    if writeup.hidden_at is not None:
        writeups.unhide_writeup(writeup, by=by)
    if was_deleted and writeup.published_at is not None:
        writeups.publish(writeup, by=by, message=reason)


# --- Comments -----------------------------------------------------------------------------------


def comment_allows(comment: Comment, action: str, open_reports: int) -> bool:
    deleted, hidden = comment.deleted_at is not None, comment.hidden_at is not None
    return {
        HIDE: not deleted and not hidden,
        UNHIDE: not deleted and hidden,
        DELETE: not deleted,
        KEEP: open_reports > 0 and not deleted and not hidden,
    }.get(action, False)


def decide_on_comment(comment: Comment, action: str, by: User, *, reason: str,
                      state: str) -> ModerationAction:
    """Hide, restore or delete a comment (or keep it and close its reports); record and tell."""
    check_action(action, COMMENT_DECISIONS)
    reason = check_reason(reason)
    comment = lock_row(Comment, comment.id)
    open_reports = report_services.open_count(comment=comment)
    if state != state_token(comment_state(comment), open_reports):
        raise AlreadyDecided()
    if not comment_allows(comment, action, open_reports):
        raise not_applicable()
    before = comment_state(comment)
    with recorded_here():
        if action == HIDE:
            discussions.hide_comment(comment, by, reason)
        elif action == UNHIDE:
            discussions.unhide_comment(comment, by)
        elif action == DELETE:
            discussions.delete_comment(comment, by)
    row = record(action, COMMENT, comment.id, by=by, region_code=comment.writeup.region_code, before=before,
                 after=comment_state(comment), reason=reason, details={"writeup_id": comment.writeup_id})
    if action != KEEP:
        tell(comment, action, by, reason, comment.author, emailed=False)
    _resolve_reports(comment, action, by, reason, comment=comment)
    return row


# --- Telling the members concerned --------------------------------------------------------------


def tell(item, action: str, by, reason: str, recipient: User | None, emailed: bool) -> None:
    """Announce the decision to ``recipient`` (notifications), unless they decided it themselves."""
    if recipient is None or recipient.is_deleted or getattr(by, "id", None) == recipient.id:
        return
    decided.send(item, action=action, by=by, reason=reason, recipient=recipient, emailed=emailed)


def _resolve_reports(item, action: str, by, reason: str, **target) -> None:
    """Close the reports waiting on the item with this action's outcome; each reporter hears of it."""
    if action not in REPORT_OUTCOMES:
        return
    outcome, told_action = REPORT_OUTCOMES[action]
    for report in report_services.resolve(by, outcome, **target):
        tell(item, told_action, by, reason, report.reporter, emailed=False)
