"""The "utile" button on write-ups and comments: a toggle (add, or take back) for members.

The form says which way it goes (``useful`` = "1" or "0"), so a second click from a stale
page never counts twice nor undoes by surprise; scripts get JSON, forms a redirect.
"""
from __future__ import annotations

from flask import abort, flash, jsonify, redirect
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from pvd_network.auth.permissions import can_react
from pvd_network.core.errors import MESSAGES
from pvd_network.discussions import services
from pvd_network.discussions.forms import ReactionForm
from pvd_network.discussions.views import (
    bp,
    comment_or_abort,
    permalink_url,
    refuse,
    wants_json,
    writeup_or_abort,
)
from pvd_network.discussions.views.comments import require_member
from pvd_network.extensions import db
from pvd_network.writeups.urls import writeup_url


def _message(target: str, wanted: bool, changed: bool) -> str:
    if target == "writeup":
        if wanted:
            return (_("Merci : vous avez indiqué que ce retour vous est utile.") if changed else
                    _("Vous aviez déjà indiqué que ce retour vous est utile : il n'est compté qu'une fois."))
        return (_("Vous avez retiré votre « utile » sur ce retour.") if changed else
                _("Vous n'aviez pas indiqué que ce retour vous est utile."))
    if wanted:
        return (_("Merci : vous avez indiqué que ce commentaire vous est utile.") if changed else
                _("Vous aviez déjà indiqué que ce commentaire vous est utile : il n'est compté qu'une fois."))
    return (_("Vous avez retiré votre « utile » sur ce commentaire.") if changed else
            _("Vous n'aviez pas indiqué que ce commentaire vous est utile."))


def _refuse(status: int, message: str):
    """JSON for scripts, the French error page for forms."""
    if wants_json():
        title, _default = MESSAGES[status]
        response = jsonify(error={"code": status, "title": str(title), "message": message})
        response.status_code = status
        abort(response)
    refuse(status, message)


def _toggle(target: str, item, anchor: str, **kwargs):
    if not can_react(current_user, item):
        _refuse(403, _("Vous ne pouvez pas indiquer que votre propre contribution vous est utile."))
    form = ReactionForm()
    if not form.validate_on_submit() or form.useful.data not in ("0", "1"):
        _refuse(400, _("La demande n'a pas pu être vérifiée : rechargez la page et réessayez."))
    wanted = form.useful.data == "1"
    action = services.add_reaction if wanted else services.remove_reaction
    changed = action(current_user, **kwargs)
    count = item.useful_count
    db.session.commit()
    message = _message(target, wanted, changed)
    if wants_json():
        label = ngettext("%(num)s personne l'a trouvé utile", "%(num)s personnes l'ont trouvé utile", count)
        return jsonify(pressed=wanted, changed=changed, count=count, label=label, message=message)
    flash(message, "success" if changed else "info")
    return redirect(anchor, 303)


@bp.post("/retours/<int:writeup_id>/utile")
def writeup_useful(writeup_id: int):
    """Mark a published write-up "utile" (``useful=1``) or take it back (``useful=0``)."""
    writeup = writeup_or_abort(writeup_id)
    require_member()
    if not writeup.is_published or writeup.is_hidden:
        abort(404)
    return _toggle("writeup", writeup, writeup_url(writeup) + "#utile-retour", writeup=writeup)


@bp.post("/commentaires/<int:comment_id>/utile")
def comment_useful(comment_id: int):
    """Mark a comment "utile" (``useful=1``) or take it back (``useful=0``)."""
    comment = comment_or_abort(comment_id)
    require_member()
    if not comment.writeup.is_published or comment.writeup.is_hidden:
        abort(404)
    if not comment.is_visible:
        _refuse(404, _("Ce commentaire a été supprimé ou masqué : il ne peut plus être marqué utile."))
    return _toggle("comment", comment, permalink_url(comment), comment=comment)
