"""Discussion pages and actions (blueprint ``discussions``): comments, replies, edits,
deletions, permalinks, "utile" reactions and the member suggestions of mentions."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import default_exceptions

from pvd_network.auth.permissions import can_view_writeup
from pvd_network.core.errors import render_error
from pvd_network.discussions.models import Comment
from pvd_network.discussions.threads import Viewer, page_of
from pvd_network.extensions import db, login_manager
from pvd_network.writeups import services as writeup_services
from pvd_network.writeups.models import PUBLISHED, Writeup
from pvd_network.writeups.urls import writeup_url

bp = Blueprint("discussions", __name__)

TOO_MANY_COMMENTS = 429


def refuse(status: int, message: str):
    """Abort with ``status``, the French error page showing ``message``."""
    error = default_exceptions[status]()
    error.pvd_detail = message
    raise error


def writeup_or_abort(writeup_id: int) -> Writeup:
    """The write-up when the current user may see it: members-only ones send visitors to
    sign in; anything unpublished or hidden is a 404 for all but its author and moderators."""
    writeup = writeup_services.get_writeup(writeup_id)
    if writeup is None:
        abort(404)
    if can_view_writeup(current_user, writeup):
        return writeup
    if not current_user.is_authenticated and writeup.status == PUBLISHED and writeup.hidden_at is None:
        abort(login_manager.unauthorized())
    abort(404)


def comment_or_abort(comment_id: int) -> Comment:
    """A comment the current user may see (hidden ones: their author and moderators only)."""
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        abort(404)
    writeup = writeup_or_abort(comment.writeup_id)
    hidden = comment.is_hidden and not comment.is_deleted
    if hidden and not Viewer.of(current_user, writeup).sees_hidden(comment):
        abort(404)
    return comment


def permalink_url(comment: Comment) -> str:
    """The write-up's page (the right page of the discussion) at the comment's anchor."""
    number = page_of(comment, current_user)
    params = {"page": number} if number and number > 1 else {}
    return writeup_url(comment.writeup, **params) + f"#commentaire-{comment.id}"


def wants_json() -> bool:
    """Scripts (static/js/discussions.js) ask for JSON; forms get pages."""
    return request.accept_mimetypes.best == "application/json"


def render_form_page(writeup: Writeup, form, *, action: str, mode: str, target: Comment | None = None,
                     status: int = 200):
    """The comment form on a page of its own (reply, quote, edit, or a refused comment)."""
    return render_template(
        "discussions/form.html", writeup=writeup, form=form, action=action, mode=mode, target=target
    ), status


@bp.errorhandler(TOO_MANY_COMMENTS)
def too_many_comments(_error):
    """French explanation when a member posts faster than PVD_COMMENT_RATE_LIMIT allows."""
    return render_error(TOO_MANY_COMMENTS, _(
        "Vous avez publié beaucoup de commentaires en peu de temps. Patientez quelques minutes avant "
        "d'en publier un autre : votre texte n'est pas perdu, revenez à la page précédente pour le retrouver."
    ))


from pvd_network.discussions.views import comments, members, reactions  # noqa: E402,F401  (routes)
