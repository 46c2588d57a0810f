"""Life-cycle buttons of the write-up page: the author submits or archives; moderators decide."""
from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pvd_network.auth.permissions import (
    can_archive_writeup,
    can_moderate_writeup,
    can_submit_writeup,
    can_view_writeup,
    is_writeup_author,
    member_required,
)
from pvd_network.extensions import db
from pvd_network.writeups import services
from pvd_network.writeups.forms import ActionForm, PublishForm, RejectForm, RequestChangesForm
from pvd_network.writeups.models import PUBLISHED, SUBMITTED, Writeup
from pvd_network.writeups.urls import writeup_url
from pvd_network.writeups.views import INVALID_FORM, bp, get_or_404
from pvd_network.writeups.views.page import render_page


def _allowed(writeup_id: int, predicate) -> Writeup:
    """The write-up, if the current member may act on it: 404 when they may not even see it, else 403."""
    writeup = get_or_404(writeup_id)
    if not can_view_writeup(current_user, writeup):
        abort(404)
    if not predicate(current_user, writeup):
        abort(403)
    return writeup


@bp.post("/retours/<int:writeup_id>/soumettre")
@member_required
def submit(writeup_id: int):
    """The author sends a complete draft to the moderators."""
    writeup = _allowed(writeup_id, can_submit_writeup)
    if not ActionForm().validate_on_submit():
        abort(400)
    problems = services.submission_problems(writeup)
    if problems:
        flash(_("Complétez votre retour avant de le soumettre : %(missing)s",
                missing=" ".join(problems.values())), "error")
        return redirect(url_for("writeups.edit", writeup_id=writeup.id))
    services.submit(writeup)
    db.session.commit()
    if writeup.status == PUBLISHED:  # trusted contributors publish without review
        flash(_("Votre retour d'expérience est publié : en tant que contributeur ou contributrice de "
                "confiance, vos retours ne passent pas par la relecture."), "success")
        return redirect(writeup_url(writeup))
    flash(_("Votre retour d'expérience est soumis à la relecture. Vous serez prévenu·e par courriel "
            "de la décision de l'équipe de modération."), "success")
    return redirect(writeup_url(writeup))


@bp.post("/retours/<int:writeup_id>/archiver")
@member_required
def archive(writeup_id: int):
    """Withdraw a write-up from every listing (it stays in its author's "Mes retours")."""
    writeup = _allowed(writeup_id, can_archive_writeup)
    if not ActionForm().validate_on_submit():
        abort(400)
    services.archive(writeup, by=current_user)
    db.session.commit()
    flash(_("Le retour d'expérience « %(title)s » est archivé.", title=writeup.title), "success")
    if is_writeup_author(current_user, writeup):
        return redirect(url_for("writeups.mine"))
    return redirect(writeup_url(writeup))


def _decision(writeup_id: int) -> Writeup | None:
    """A submitted write-up the current moderator may decide on; None (and a message) when already decided."""
    writeup = _allowed(writeup_id, can_moderate_writeup)
    if writeup.status != SUBMITTED:
        flash(_("Ce retour d'expérience n'attend plus de relecture : %(status)s.",
                status=writeup.status_label.lower()), "info")
        return None
    return writeup


@bp.post("/retours/<int:writeup_id>/publier")
@member_required
def publish(writeup_id: int):
    """A moderator publishes; the author is told by mail."""
    writeup = _decision(writeup_id)
    if writeup is None:
        return redirect(writeup_url(get_or_404(writeup_id)))
    form = PublishForm()
    if not form.validate_on_submit():
        return render_page(writeup, INVALID_FORM, publish_form=form)
    services.publish(writeup, by=current_user, message=form.message.data or "")
    db.session.commit()
    flash(_("Le retour d'expérience est publié ; son auteur en est informé."), "success")
    return redirect(writeup_url(writeup))


@bp.post("/retours/<int:writeup_id>/demander-des-modifications")
@member_required
def request_changes(writeup_id: int):
    """A moderator sends the write-up back to its author with a message (required)."""
    writeup = _decision(writeup_id)
    if writeup is None:
        return redirect(writeup_url(get_or_404(writeup_id)))
    form = RequestChangesForm()
    if not form.validate_on_submit():
        return render_page(writeup, INVALID_FORM, changes_form=form)
    services.request_changes(writeup, by=current_user, message=form.message.data)
    db.session.commit()
    flash(_("Votre demande de modifications est envoyée à l'auteur."), "success")
    return redirect(writeup_url(writeup))


@bp.post("/retours/<int:writeup_id>/refuser")
@member_required
def reject(writeup_id: int):
    """A moderator refuses the write-up, with a reason (required) sent to its author."""
    writeup = _decision(writeup_id)
    if writeup is None:
        return redirect(writeup_url(get_or_404(writeup_id)))
    form = RejectForm()
    if not form.validate_on_submit():
        return render_page(writeup, INVALID_FORM, reject_form=form)
    services.reject(writeup, by=current_user, reason=form.reason.data)
    db.session.commit()
    flash(_("Le retour d'expérience est refusé ; son auteur en connaît le motif."), "success")
    return redirect(writeup_url(writeup))
