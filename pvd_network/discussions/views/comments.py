"""Posting, answering, quoting, editing and deleting comments; permalinks."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user

from pvd_network.auth.permissions import can_delete_comment, is_comment_author, is_member
from pvd_network.discussions import services
from pvd_network.discussions.forms import CommentForm, DeleteCommentForm
from pvd_network.discussions.models import Comment
from pvd_network.discussions.services import CommentRefused
from pvd_network.discussions.views import (
    bp,
    comment_or_abort,
    permalink_url,
    refuse,
    render_form_page,
    writeup_or_abort,
)
from pvd_network.extensions import db, limiter, login_manager
from pvd_network.writeups.models import Writeup
from pvd_network.writeups.urls import writeup_url

DEFAULT_RATE_LIMIT = "10 per minute; 100 per day"
MAX_ID_DIGITS = 9


def comment_rate_limit() -> str:
    """PVD_COMMENT_RATE_LIMIT (Flask-Limiter syntax), read at request time."""
    return current_app.config.get("COMMENT_RATE_LIMIT") or DEFAULT_RATE_LIMIT


def per_member() -> str:
    """Posting is limited per member (their address when not signed in)."""
    if current_user.is_authenticated:
        return f"member:{current_user.id}"
    return get_remote_address()


def require_member() -> None:
    """Visitors go to the sign-in page; signed-in accounts that are not active members get 403."""
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    if not is_member(current_user):
        abort(403)


def _refused(form: CommentForm, refusal: CommentRefused) -> None:
    form.body.errors = [*form.body.errors, refusal.message]


def _reply_target(raw: str, writeup: Writeup) -> Comment:
    """The comment answered, from the form's hidden field (400 when it is not of this discussion)."""
    raw = (raw or "").strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= MAX_ID_DIGITS):
        refuse(400, _("Le commentaire auquel vous répondez est introuvable."))
    comment = db.session.get(Comment, int(raw))
    if comment is None or comment.writeup_id != writeup.id:
        refuse(400, _("Le commentaire auquel vous répondez est introuvable."))
    return comment


@bp.post("/retours/<int:writeup_id>/commentaires")
@limiter.limit(comment_rate_limit, key_func=per_member)
def post(writeup_id: int):
    """Publish a comment, or a reply (``reply_to``), under a write-up."""
    writeup = writeup_or_abort(writeup_id)
    require_member()
    form = CommentForm()
    target = _reply_target(form.reply_to.data, writeup) if form.reply_to.data else None
    mode = "reply" if target is not None else "new"
    action = url_for("discussions.post", writeup_id=writeup.id)
    reason = services.closed_reason(writeup)
    if reason is not None:
        _refused(form, CommentRefused(reason))
        return render_form_page(writeup, form, action=action, mode=mode, target=target, status=403)
    if not form.validate_on_submit():
        return render_form_page(writeup, form, action=action, mode=mode, target=target, status=422)
    try:
        comment = services.post_comment(writeup, current_user, form.body.data, parent=target)
    except CommentRefused as refusal:
        _refused(form, refusal)
        return render_form_page(writeup, form, action=action, mode=mode, target=target, status=refusal.status)
    db.session.commit()
    flash(_("Votre réponse est publiée.") if target is not None else _("Votre commentaire est publié."),
          "success")
    return redirect(permalink_url(comment), 303)


@bp.get("/commentaires/<int:comment_id>")
def permalink(comment_id: int):
    """``/commentaires/<id>`` -> the write-up's page where the comment is shown, at its anchor."""
    comment = comment_or_abort(comment_id)
    return redirect(permalink_url(comment))


def _answerable_or_refuse(comment: Comment) -> Writeup:
    writeup = writeup_or_abort(comment.writeup_id)
    require_member()
    reason = services.closed_reason(writeup)
    if reason is not None:
        refuse(403, reason)
    if comment.is_deleted:
        refuse(422, services.deleted_target_message())
    if comment.is_hidden:
        refuse(422, services.hidden_target_message())
    return writeup


@bp.get("/commentaires/<int:comment_id>/repondre")
def reply(comment_id: int):
    """The reply form on a page of its own (what "Répondre" opens without JavaScript)."""
    comment = comment_or_abort(comment_id)
    writeup = _answerable_or_refuse(comment)
    form = CommentForm(formdata=None, reply_to=str(comment.id))
    action = url_for("discussions.post", writeup_id=writeup.id)
    return render_form_page(writeup, form, action=action, mode="reply", target=comment)


@bp.get("/commentaires/<int:comment_id>/citer")
def quote(comment_id: int):
    """A new comment pre-filled with a Markdown quote of this one ("Citer" without JavaScript)."""
    comment = comment_or_abort(comment_id)
    writeup = _answerable_or_refuse(comment)
    form = CommentForm(formdata=None, body=services.quote_markdown(comment))
    action = url_for("discussions.post", writeup_id=writeup.id)
    return render_form_page(writeup, form, action=action, mode="quote", target=comment)


@bp.route("/commentaires/<int:comment_id>/modifier", methods=["GET", "POST"])
def edit(comment_id: int):
    """Its author changes a comment's text (marked "modifié" with the time)."""
    comment = comment_or_abort(comment_id)
    require_member()
    if comment.is_deleted:
        refuse(404, _("Ce commentaire a été supprimé : il ne peut plus être modifié."))
    if not is_comment_author(current_user, comment):
        abort(403)
    writeup = comment.writeup
    form = CommentForm() if request.method == "POST" else CommentForm(formdata=None, body=comment.body)
    action = url_for("discussions.edit", comment_id=comment.id)
    reason = services.closed_reason(writeup)
    if reason is not None:
        _refused(form, CommentRefused(reason))
        return render_form_page(writeup, form, action=action, mode="edit", target=comment, status=403)
    if form.validate_on_submit():
        try:
            services.edit_comment(comment, current_user, form.body.data)
        except CommentRefused as refusal:
            _refused(form, refusal)
            return render_form_page(writeup, form, action=action, mode="edit", target=comment,
                                    status=refusal.status)
        db.session.commit()
        flash(_("Votre commentaire est modifié."), "success")
        return redirect(permalink_url(comment), 303)
    status = 422 if form.is_submitted() else 200
    return render_form_page(writeup, form, action=action, mode="edit", target=comment, status=status)


@bp.route("/commentaires/<int:comment_id>/supprimer", methods=["GET", "POST"])
def delete(comment_id: int):
    """Its author deletes a comment, after confirming; a placeholder keeps the replies readable."""
    comment = comment_or_abort(comment_id)
    require_member()
    if comment.is_deleted:
        refuse(404, _("Ce commentaire est déjà supprimé."))
    if not can_delete_comment(current_user, comment):
        abort(403)
    form = DeleteCommentForm()
    if form.validate_on_submit():
        services.delete_comment(comment, by=current_user)
        db.session.commit()
        flash(_("Votre commentaire est supprimé."), "success")
        return redirect(permalink_url(comment), 303)
    return render_template("discussions/delete.html", comment=comment, writeup=comment.writeup, form=form,
                           back_url=writeup_url(comment.writeup) + f"#commentaire-{comment.id}")
