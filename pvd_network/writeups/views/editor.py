"""The editor: new write-up, edit, and the Markdown preview (live with JavaScript, a button without)."""
from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pvd_network.auth.permissions import (
    can_create_writeup,
    can_edit_writeup,
    can_view_writeup,
    member_required,
    permission_required,
)
from pvd_network.core.markup import render_markdown
from pvd_network.extensions import db, limiter
from pvd_network.geo.services import CommuneNotFound, commune_label, resolve_commune
from pvd_network.themes.services import active_themes
from pvd_network.writeups import files, services
from pvd_network.writeups.forms import SECTION_MAX, WriteupForm, require_for_submission
from pvd_network.writeups.models import (
    CHANGES_REQUESTED,
    DRAFT,
    PUBLIC,
    PUBLISHED,
    SECTIONS,
    SUBMITTED,
    Writeup,
)
from pvd_network.writeups.urls import writeup_url
from pvd_network.writeups.views import INVALID_FORM, bp, get_or_404

# The buttons of the editor (name="action").
SAVE, SUBMIT, PREVIEW = "save", "submit", "preview"


def _prepare(form: WriteupForm, writeup: Writeup | None) -> None:
    """Choices that depend on the database: active themes (plus any archived one already chosen)."""
    themes = active_themes()
    if writeup is not None:
        themes += [t for t in writeup.themes if t not in themes]
    form.themes.choices = [(t.slug, t.name) for t in themes]
    attachments = writeup.attachments if writeup else []
    form.remove_attachments.choices = [(a.id, a.original_name) for a in attachments]


def _fill(form: WriteupForm, writeup: Writeup) -> None:
    """Put a stored write-up into the form (GET of the edit page)."""
    for name in ("title", "summary", "budget_eur", "stage", "year", "visibility",
                 *(section for section, _title in SECTIONS)):
        getattr(form, name).data = getattr(writeup, name)
    form.funders.data = list(writeup.funders or [])
    form.partners.data = list(writeup.partners or [])
    form.commune.data = commune_label(writeup.commune)
    form.themes.data = [t.slug for t in writeup.themes]


def _check_uploads(form: WriteupForm, writeup: Writeup | None) -> tuple[bytes | None, list]:
    """Read the cover and the new attachments; refusals become errors beside their fields."""
    cover = None
    upload = form.cover.data
    if upload is not None and getattr(upload, "filename", ""):
        try:
            cover = files.read_cover(upload.stream, upload.filename)
        except files.InvalidUpload as error:
            form.cover.errors = [*form.cover.errors, str(error)]
    checked, problems = [], []
    for upload in form.attachments.data or []:
        if upload is None or not getattr(upload, "filename", ""):
            continue
        try:
            checked.append(files.read_attachment(upload.stream, upload.filename))
        except files.InvalidUpload as error:
            problems.append(str(error))
    kept = len(writeup.attachments) - len(form.remove_attachments.data or []) if writeup else 0
    if kept + len(checked) > files.MAX_ATTACHMENTS:
        problems.append(_("Un retour compte au plus %(n)d pièces jointes : retirez-en avant d'en ajouter.",
                          n=files.MAX_ATTACHMENTS))
    if problems:
        form.attachments.errors = [*form.attachments.errors, *problems]
    return cover, checked


def _content(form: WriteupForm, commune_insee: str) -> dict:
    """What the form says, in the shape of services.apply_content."""
    plain = ("title", "summary", "budget_eur", "year", "visibility")
    data = {name: getattr(form, name).data for name in plain}
    data.update({section: getattr(form, section).data or "" for section, _title in SECTIONS})
    data["summary"] = data["summary"] or ""
    data["stage"] = form.stage.data or None
    data["funders"] = form.funders.data or []
    data["partners"] = form.partners.data or []
    data["themes"] = form.themes.data or []
    data["commune_insee"] = commune_insee
    return data


def _save_files(form: WriteupForm, writeup: Writeup, cover: bytes | None, checked: list) -> None:
    if cover is not None:
        files.set_cover(writeup, cover)
    elif form.remove_cover.data and writeup.cover:
        files.set_cover(writeup, None)
    removed = set(form.remove_attachments.data or [])
    for attachment in [a for a in writeup.attachments if a.id in removed]:
        files.remove_attachment(attachment)
    for item in checked:
        files.add_attachment(writeup, item)


def _previews(form: WriteupForm) -> dict[str, str]:
    """Each section through the one sanitiser, as it will be stored."""
    return {section: render_markdown(getattr(form, section).data or "") for section, _title in SECTIONS}


def _render(form: WriteupForm, writeup: Writeup | None, status: int = 200, previewed: bool = False):
    files_dropped = request.method == "POST" and bool(request.files) and any(
        f.filename for f in request.files.getlist("cover") + request.files.getlist("attachments")
    )
    return render_template(
        "writeups/editor.html",
        form=form,
        writeup=writeup,
        sections=SECTIONS,
        previews=_previews(form),
        previewed=previewed,
        files_dropped=files_dropped,
    ), status


def _handle(form: WriteupForm, writeup: Writeup | None):
    """Preview, or validate and save (then submit when asked); a refusal keeps every value typed."""
    action = request.form.get("action", SAVE)
    if action == PREVIEW:
        return _render(form, writeup, previewed=True)
    valid = form.validate()
    if action == SUBMIT:
        valid = require_for_submission(form) and valid
    commune = None
    try:
        if form.commune.data and not form.commune.errors:
            commune = resolve_commune(form.commune.data)
    except CommuneNotFound as error:
        form.commune.errors = [*form.commune.errors, str(error)]
    cover, checked = _check_uploads(form, writeup)
    if not valid or commune is None or form.cover.errors or form.attachments.errors:
        return _render(form, writeup, status=INVALID_FORM)

    data = _content(form, commune.insee)
    if writeup is None:
        writeup = services.create_writeup(current_user, data)
    else:
        services.update_writeup(writeup, data, editor=current_user, note=form.note.data or "")
    _save_files(form, writeup, cover, checked)
    if action == SUBMIT and writeup.status in (DRAFT, CHANGES_REQUESTED):
        services.submit(writeup)
        db.session.commit()
        flash(_("Votre retour d'expérience est soumis à la relecture. Vous serez prévenu·e par courriel "
                "de la décision de l'équipe de modération."), "success")
        return redirect(writeup_url(writeup))
    db.session.commit()
    if writeup.status == PUBLISHED:
        flash(_("Vos modifications sont publiées."), "success")
        return redirect(writeup_url(writeup))
    if writeup.status == SUBMITTED:
        flash(_("Vos modifications sont enregistrées ; votre retour reste en attente de relecture."),
              "success")
        return redirect(writeup_url(writeup))
    flash(_("Votre brouillon est enregistré."), "success")
    return redirect(url_for("writeups.edit", writeup_id=writeup.id))


@bp.route("/retours/nouveau", methods=["GET", "POST"])
@permission_required(can_create_writeup)
def new():
    """Write a new write-up: saved as a draft, or submitted to the moderators."""
    form = WriteupForm()
    _prepare(form, None)
    if request.method == "GET":
        form.commune.data = commune_label(current_user.commune) if current_user.commune else ""
        form.visibility.data = PUBLIC
        return _render(form, None)
    return _handle(form, None)


@bp.route("/retours/<int:writeup_id>/modifier", methods=["GET", "POST"])
@member_required
def edit(writeup_id: int):
    """Edit my write-up; once published, each saved edit is published as a new revision."""
    writeup = get_or_404(writeup_id)
    if not can_view_writeup(current_user, writeup):
        abort(404)
    if not can_edit_writeup(current_user, writeup):
        abort(403)
    form = WriteupForm()
    _prepare(form, writeup)
    if request.method == "GET":
        _fill(form, writeup)
        return _render(form, writeup)
    return _handle(form, writeup)


@bp.post("/retours/apercu")
@member_required
@limiter.limit("240/minute")
def preview():
    """The sanitised HTML of some Markdown, for the editor's live preview (CSRF-protected POST)."""
    source = request.form.get("markdown")
    if source is None and request.is_json:
        source = (request.get_json(silent=True) or {}).get("markdown")
    if not isinstance(source, str):
        return jsonify(error={"code": 400, "message": _("Aucun texte à prévisualiser.")}), 400
    if len(source) > SECTION_MAX:
        message = _("Ce texte dépasse %(n)d caractères.", n=SECTION_MAX)
        return jsonify(error={"code": 413, "message": message}), 413
    return jsonify(html=render_markdown(source))
