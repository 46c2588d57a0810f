"""The moderation queue: one tab per kind of item waiting (tabs are links: no script needed)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from pvd_network.auth.models import User
from pvd_network.auth.permissions import (
    can_access_moderation,
    can_review_account,
    moderated_region_codes,
    permission_required,
)
from pvd_network.core.pagination import paginate, parse_page
from pvd_network.extensions import db
from pvd_network.moderation import queue, reports
from pvd_network.moderation.actions import APPROVE, REFUSE
from pvd_network.moderation.decisions import AlreadyDecided, DecisionError
from pvd_network.moderation.sanctions import ACCOUNT_DECISIONS, decide_on_member, member_state
from pvd_network.moderation.views import BAD_REQUEST, CONFLICT, Submitted, bp, posted_decision

PER_PAGE = 20
TABS = (
    ("writeups", "moderation.queue", _l("Retours à relire")),
    ("accounts", "moderation.queue_accounts", _l("Inscriptions")),
    ("reports", "moderation.queue_reports", _l("Signalements")),
)


def _tabs(current: str, waiting: queue.Waiting) -> list[dict]:
    counts = {"writeups": waiting.writeups, "accounts": waiting.accounts, "reports": waiting.reports}
    return [
        {"key": key, "url": url_for(endpoint), "label": label, "count": counts[key],
         "current": key == current}
        for key, endpoint, label in TABS
        if key != "accounts" or key == current or queue.approval_required() or counts["accounts"]
    ]


def _render(tab: str, status: int = 200, **context):
    scope = moderated_region_codes(current_user)
    waiting = queue.waiting_for(current_user)
    return render_template(
        "moderation/queue.html",
        tab=tab,
        tabs=_tabs(tab, waiting),
        scope_names=[r.name for r in current_user.moderated_regions] if scope is not None else [],
        approval=queue.approval_required(),
        page_url=lambda number: url_for(request.endpoint, page=number),
        **context,
    ), status


@bp.get("/moderation", endpoint="queue")
@permission_required(can_access_moderation)
def queue_page():
    """Write-ups waiting for review, oldest first, each with what changed when it was seen before."""
    scope = moderated_region_codes(current_user)
    page = paginate(queue.submitted_query(scope), parse_page(request.args.get("page")), PER_PAGE)
    diffs = {writeup.id: queue.review_diff(writeup) for writeup in page.items}
    return _render("writeups", page=page, diffs=diffs)


@bp.get("/moderation/inscriptions")
@permission_required(can_access_moderation)
def queue_accounts(submitted: Submitted | None = None, account_id: int | None = None, status: int = 200):
    """Accounts waiting for validation (when PVD_REQUIRE_APPROVAL is on)."""
    scope = moderated_region_codes(current_user)
    page = paginate(queue.pending_query(scope), parse_page(request.args.get("page")), PER_PAGE)
    return _render("accounts", status, page=page, submitted=submitted, submitted_for=account_id,
                   member_state=member_state)


@bp.get("/moderation/signalements")
@permission_required(can_access_moderation)
def queue_reports():
    """Reported write-ups and comments, grouped by item, with reasons, counts and reporters."""
    scope = moderated_region_codes(current_user)
    page = reports.groups_page(scope, parse_page(request.args.get("page")), PER_PAGE)
    return _render("reports", page=page)


@bp.post("/moderation/inscriptions/<int:user_id>/decision")
@permission_required(can_access_moderation)
def decide_account(user_id: int):
    """Validate or refuse a waiting account, with a reason told to its owner."""
    account = db.session.get(User, user_id)
    if account is None:
        abort(404)
    if not can_review_account(current_user, account):
        abort(403)
    submitted = posted_decision()
    try:
        decide_on_member(account, submitted.action, current_user, reason=submitted.reason,
                         state=submitted.state, allowed=ACCOUNT_DECISIONS)
    except DecisionError as error:
        db.session.rollback()
        submitted.refuse(error)
        code = CONFLICT if isinstance(error, AlreadyDecided) else BAD_REQUEST
        return queue_accounts(submitted=submitted, account_id=account.id, status=code)
    db.session.commit()
    messages = {APPROVE: _("Le compte de %(name)s est validé.", name=account.display_name),
                REFUSE: _("L'inscription de %(name)s est refusée.", name=account.display_name)}
    flash(messages[submitted.action], "success")
    return redirect(url_for("moderation.queue_accounts"))
