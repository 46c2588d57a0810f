"""A member seen by a moderator: warnings, suspension until a date, reactivation, trust."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from pvd_network.auth.models import User
from pvd_network.auth.permissions import can_access_moderation, can_moderate_member, permission_required
from pvd_network.core.database import utcnow
from pvd_network.extensions import db
from pvd_network.moderation import audit, sanctions
from pvd_network.moderation.actions import REACTIVATE, SUSPEND, TRUST, UNTRUST, USER, WARN
from pvd_network.moderation.decisions import AlreadyDecided, DecisionError
from pvd_network.moderation.views import BAD_REQUEST, CONFLICT, Submitted, bp, posted_decision

DONE = {
    WARN: _l("L'avertissement est envoyé au membre."),
    SUSPEND: _l("Le compte est suspendu ; le membre en connaît le motif et la durée."),
    REACTIVATE: _l("Le compte est de nouveau actif."),
    TRUST: _l("Ce membre est désormais contributeur de confiance : ses retours seront publiés sans "
              "relecture."),
    UNTRUST: _l("Les retours de ce membre passeront de nouveau par la relecture."),
}


def _member_or_abort(user_id: int) -> User:
    member = db.session.get(User, user_id)
    if member is None or member.is_deleted:
        abort(404)
    if not can_moderate_member(current_user, member):
        abort(403)
    return member


def render_member(member: User, submitted: Submitted | None = None, status: int = 200):
    """The moderation page of a member."""
    allowed = [a for a in sanctions.MEMBER_DECISIONS if sanctions.member_allows(member, a)]
    return render_template(
        "moderation/member.html",
        member=member,
        allowed=allowed,
        token=sanctions.member_state(member),
        history=audit.history_of(USER, member.id),
        today=utcnow().date(),
        submitted=submitted or Submitted(),
    ), status


@bp.get("/moderation/membres/<int:user_id>")
@permission_required(can_access_moderation)
def member(user_id: int):
    """A member's standing and moderation history, with the decisions it allows."""
    return render_member(_member_or_abort(user_id))


@bp.post("/moderation/membres/<int:user_id>/decision")
@permission_required(can_access_moderation)
def decide_member(user_id: int):
    """Warn, suspend until a date, reactivate, trust or stop trusting a member — with a reason."""
    member = _member_or_abort(user_id)
    submitted = posted_decision()
    try:
        sanctions.decide_on_member(member, submitted.action, current_user, reason=submitted.reason,
                                   state=submitted.state,
                                   until=submitted.until_date() if submitted.action == SUSPEND else None)
    except DecisionError as error:
        db.session.rollback()
        submitted.refuse(error)
        code = CONFLICT if isinstance(error, AlreadyDecided) else BAD_REQUEST
        return render_member(_member_or_abort(user_id), submitted, code)
    db.session.commit()
    flash(str(DONE.get(submitted.action, _("Décision enregistrée."))), "success")
    return redirect(url_for("moderation.member", user_id=member.id))
