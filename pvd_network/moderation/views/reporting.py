"""Members report a write-up or a comment (endpoints ``report_writeup`` and ``report_comment``)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from pvd_network.auth.permissions import can_report, member_required
from pvd_network.discussions.models import Comment
from pvd_network.extensions import db
from pvd_network.moderation import reports
from pvd_network.moderation.models import REPORT_REASONS
from pvd_network.moderation.views import BAD_REQUEST, bp
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.urls import writeup_url

THANKS = _l("Merci : votre signalement est transmis à l'équipe de modération, qui vous informera de sa "
            "décision.")


def _visible_writeup(writeup_id: int):
    writeup = writeup_services.get_writeup(writeup_id)
    # Only what the member can see as everyone does (published, not hidden) can be reported.
    if writeup is None or not writeup_services.is_visible(current_user, writeup):
        abort(404)
    return writeup


def _visible_comment(comment_id: int) -> Comment:
    comment = db.session.get(Comment, comment_id)
    if comment is None or not comment.is_visible:
        abort(404)
    if not writeup_services.is_visible(current_user, comment.writeup):
        abort(404)
    return comment


def _report_page(template_context: dict, target_url: str, **target):
    """GET: the form; POST: record the report, or show its refusal beside the field (400)."""
    item = target.get("writeup") or target.get("comment")
    if not can_report(current_user, item):
        abort(403)
    errors, values, status = {}, {"reason": "", "text": ""}, 200
    already = reports.has_reported(current_user, **target)
    if request.method == "POST":
        values = {"reason": request.form.get("reason", ""), "text": request.form.get("text", "")}
        try:
            reports.report(current_user, values["reason"], values["text"], **target)
        except reports.ReportError as error:
            db.session.rollback()
            errors[error.field] = error.message
            status = BAD_REQUEST
        else:
            db.session.commit()
            flash(str(THANKS), "success")
            return redirect(target_url)
    return render_template("moderation/report.html", reasons=REPORT_REASONS, errors=errors, values=values,
                           already=already, target_url=target_url, **template_context), status


@bp.route("/retours/<int:writeup_id>/signaler", methods=["GET", "POST"])
@member_required
def report_writeup(writeup_id: int):
    """Report a write-up to the moderators (once per member)."""
    writeup = _visible_writeup(writeup_id)
    return _report_page({"writeup": writeup, "comment": None}, writeup_url(writeup), writeup=writeup)


@bp.route("/commentaires/<int:comment_id>/signaler", methods=["GET", "POST"])
@member_required
def report_comment(comment_id: int):
    """Report a comment to the moderators (once per member)."""
    comment = _visible_comment(comment_id)
    target_url = writeup_url(comment.writeup) + f"#commentaire-{comment.id}"
    return _report_page({"writeup": comment.writeup, "comment": comment}, target_url, comment=comment)

