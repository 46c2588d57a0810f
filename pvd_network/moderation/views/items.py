"""One write-up or one comment seen by a moderator: its state, reports, history, and the decisions
it allows. Decisions posted from the write-up page (in context) come back here on error."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from pvd_network.auth.permissions import (
    can_access_moderation,
    can_moderate_comment,
    can_moderate_writeup,
    permission_required,
)
from pvd_network.core.urls import safe_next
from pvd_network.discussions.models import Comment
from pvd_network.extensions import db
from pvd_network.moderation import audit, decisions, queue, reports
from pvd_network.moderation.actions import (
    COMMENT,
    DELETE,
    HIDE,
    KEEP,
    LOCK,
    PUBLISH,
    REJECT,
    REJECT_REASONS,
    REQUEST_CHANGES,
    UNHIDE,
    UNLOCK,
    WRITEUP,
)
from pvd_network.moderation.views import BAD_REQUEST, CONFLICT, Submitted, bp, posted_decision
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.models import Writeup
from pvd_network.writeups.urls import writeup_url

DONE = {
    PUBLISH: _l("Le retour d'expérience est publié ; son auteur en est informé."),
    REQUEST_CHANGES: _l("Votre demande de modifications est envoyée à l'auteur."),
    REJECT: _l("Le retour d'expérience est refusé ; son auteur en connaît le motif."),
    HIDE: _l("Le contenu est masqué ; son auteur en connaît le motif."),
    UNHIDE: _l("Le contenu est de nouveau visible ; son auteur en est informé."),
    DELETE: _l("Le contenu est supprimé ; son auteur en connaît le motif."),
    KEEP: _l("Les signalements sont classés sans suite ; le contenu reste visible."),
    LOCK: _l("La discussion est verrouillée : plus aucun commentaire ne peut être ajouté."),
    UNLOCK: _l("La discussion est rouverte."),
}


def _done(action: str) -> str:
    return str(DONE.get(action, _("Décision enregistrée.")))


# --- Write-ups -----------------------------------------------------------------------------------


def _writeup_or_abort(writeup_id: int) -> Writeup:
    writeup = writeup_services.get_writeup(writeup_id)
    if writeup is None:
        abort(404)
    if not can_moderate_writeup(current_user, writeup):
        abort(403)
    return writeup


def render_writeup(writeup: Writeup, submitted: Submitted | None = None, status: int = 200):
    """The moderation page of a write-up (``submitted``: a refused decision, errors beside its fields)."""
    open_count = reports.open_count(writeup=writeup)
    allowed = [a for a in decisions.WRITEUP_DECISIONS if decisions.writeup_allows(writeup, a, open_count)]
    return render_template(
        "moderation/writeup.html",
        writeup=writeup,
        allowed=allowed,
        token=decisions.state_token(decisions.writeup_state(writeup), open_count),
        open_reports=reports.open_reports(writeup=writeup),
        diff=queue.review_diff(writeup) if writeup.status == "submitted" else None,
        history=audit.history_of(WRITEUP, writeup.id),
        deleted=writeup_services.is_deleted(writeup),
        reject_reasons=REJECT_REASONS,
        submitted=submitted or Submitted(),
    ), status


@bp.get("/moderation/retours/<int:writeup_id>")
@permission_required(can_access_moderation)
def writeup(writeup_id: int):
    """A write-up as its moderators see it, with the decisions its state allows."""
    return render_writeup(_writeup_or_abort(writeup_id))


@bp.post("/moderation/retours/<int:writeup_id>/decision")
@permission_required(can_access_moderation)
def decide_writeup(writeup_id: int):
    """Publish, request changes, reject, hide, restore, delete, keep, lock or unlock — with a reason."""
    writeup = _writeup_or_abort(writeup_id)
    submitted = posted_decision()
    try:
        decisions.decide_on_writeup(writeup, submitted.action, current_user, reason=submitted.reason,
                                    state=submitted.state, reject_reason=submitted.reject_reason)
    except decisions.DecisionError as error:
        db.session.rollback()
        submitted.refuse(error)
        code = CONFLICT if isinstance(error, decisions.AlreadyDecided) else BAD_REQUEST
        return render_writeup(_writeup_or_abort(writeup_id), submitted, code)
    db.session.commit()
    flash(_done(submitted.action), "success")
    fallback = url_for("moderation.writeup", writeup_id=writeup.id)
    if submitted.action in (PUBLISH, UNHIDE, KEEP, LOCK, UNLOCK):
        fallback = writeup_url(writeup)
    return redirect(safe_next(request.form.get("next"), fallback))


# --- Comments ------------------------------------------------------------------------------------


def _comment_or_abort(comment_id: int) -> Comment:
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        abort(404)
    if not can_moderate_comment(current_user, comment):
        abort(403)
    return comment


def render_comment(comment: Comment, submitted: Submitted | None = None, status: int = 200):
    """The moderation page of a comment."""
    open_count = reports.open_count(comment=comment)
    allowed = [a for a in decisions.COMMENT_DECISIONS if decisions.comment_allows(comment, a, open_count)]
    return render_template(
        "moderation/comment.html",
        comment=comment,
        writeup=comment.writeup,
        allowed=allowed,
        token=decisions.state_token(decisions.comment_state(comment), open_count),
        open_reports=reports.open_reports(comment=comment),
        history=audit.history_of(COMMENT, comment.id),
        submitted=submitted or Submitted(),
    ), status


@bp.get("/moderation/commentaires/<int:comment_id>")
@permission_required(can_access_moderation)
def comment(comment_id: int):
    """A comment as its moderators see it (even hidden or deleted), with its reports and decisions."""
    return render_comment(_comment_or_abort(comment_id))


@bp.post("/moderation/commentaires/<int:comment_id>/decision")
@permission_required(can_access_moderation)
def decide_comment(comment_id: int):
    """Hide, restore, delete or keep a comment — with a reason."""
    comment = _comment_or_abort(comment_id)
    submitted = posted_decision()
    try:
        decisions.decide_on_comment(comment, submitted.action, current_user, reason=submitted.reason,
                                    state=submitted.state)
    except decisions.DecisionError as error:
        db.session.rollback()
        submitted.refuse(error)
        code = CONFLICT if isinstance(error, decisions.AlreadyDecided) else BAD_REQUEST
        return render_comment(_comment_or_abort(comment_id), submitted, code)
    db.session.commit()
    flash(_done(submitted.action), "success")
    fallback = url_for("moderation.comment", comment_id=comment.id)
    return redirect(safe_next(request.form.get("next"), fallback))
