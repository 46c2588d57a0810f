"""Administration of the territorial vocabulary (admins): list, add, edit, delete synonym groups."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from pvd_network.auth.permissions import can_manage_vocabulary, permission_required
from pvd_network.extensions import db
from pvd_network.search import synonyms
from pvd_network.search.admin_forms import DeleteForm, SynonymGroupForm

bp = Blueprint("search_admin", __name__)

INVALID_FORM = 422


def _group_or_404(group_id: int):
    group = synonyms.get_group(group_id)
    if group is None:
        abort(404)
    return group


def _render_form(form: SynonymGroupForm, group=None):
    status = INVALID_FORM if form.is_submitted() else 200
    return render_template("search/vocabulary_form.html", form=form, group=group), status


def _show_errors(form: SynonymGroupForm, error: synonyms.SynonymError) -> None:
    for name, message in error.errors.items():
        field = getattr(form, name)
        field.errors = [*field.errors, message]


@bp.get("/admin/vocabulaire")
@permission_required(can_manage_vocabulary)
def index():
    """Every synonym group, with its actions (the initial groups are added on the first visit)."""
    if synonyms.ensure_seeded():
        db.session.commit()
    return render_template(
        "search/vocabulary_index.html", groups=synonyms.all_groups(), delete_form=DeleteForm()
    )


@bp.route("/admin/vocabulaire/nouveau", methods=["GET", "POST"])
@permission_required(can_manage_vocabulary)
def new():
    """Add a synonym group."""
    form = SynonymGroupForm()
    if form.validate_on_submit():
        try:
            group = synonyms.add_group(form.terms.data, form.note.data or "")
        except synonyms.SynonymError as error:
            _show_errors(form, error)
        else:
            db.session.commit()
            flash(_("Le groupe « %(name)s » a été ajouté.", name=group.term_list[0]), "success")
            return redirect(url_for("search_admin.index"))
    return _render_form(form)


@bp.route("/admin/vocabulaire/<int:group_id>/modifier", methods=["GET", "POST"])
@permission_required(can_manage_vocabulary)
def edit(group_id: int):
    """Change a group's expressions or note."""
    group = _group_or_404(group_id)
    form = SynonymGroupForm(obj=group)
    if form.validate_on_submit():
        try:
            synonyms.update_group(group, form.terms.data, form.note.data or "")
        except synonyms.SynonymError as error:
            _show_errors(form, error)
        else:
            db.session.commit()
            flash(_("Le groupe « %(name)s » a été enregistré.", name=group.term_list[0]), "success")
            return redirect(url_for("search_admin.index"))
    return _render_form(form, group)


@bp.post("/admin/vocabulaire/<int:group_id>/supprimer")
@permission_required(can_manage_vocabulary)
def delete(group_id: int):
    """Delete a group: search stops expanding its expressions."""
    group = _group_or_404(group_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    name = group.term_list[0] if group.term_list else ""
    synonyms.delete_group(group)
    db.session.commit()
    flash(_("Le groupe « %(name)s » a été supprimé.", name=name), "success")
    return redirect(url_for("search_admin.index"))
