"""Administration of themes (admins): add, rename, archive and unarchive. Slugs never change."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pvd_network.auth.permissions import can_manage_themes, permission_required
from pvd_network.catalogue import services
from pvd_network.catalogue.views import themes_bp as bp
from pvd_network.extensions import db
from pvd_network.themes import services as theme_services
from pvd_network.themes.forms import ConfirmForm, ThemeForm

INVALID_FORM = 422


def _theme_or_404(slug: str):
    theme = theme_services.get_by_slug(slug) if len(slug) <= 60 else None
    if theme is None:
        abort(404)
    return theme


def _pictogram_choices(current: str | None = None) -> list[tuple[str, str]]:
    names = theme_services.available_pictograms()
    if current and current not in names:
        names = [current, *names]
    return [(name, name) for name in names]


def _show_errors(form: ThemeForm, errors: dict[str, str]) -> None:
    """Show the service's refusals beside their fields (one message per field)."""
    for name, message in errors.items():
        field = getattr(form, name, None)
        if field is None:
            form.form_errors.append(message)
        elif not field.errors:
            field.errors = [*field.errors, message]


def _render_form(form: ThemeForm, theme=None):
    status = INVALID_FORM if form.is_submitted() else 200
    return render_template("themes/admin_form.html", form=form, theme=theme), status


@bp.get("/admin/thematiques")
@permission_required(can_manage_themes)
def admin_index():
    """Every theme, archived ones included, with their actions."""
    return render_template(
        "themes/admin_index.html",
        themes=theme_services.all_themes(),
        counts=services.counts_by_theme(current_user),
    )


@bp.route("/admin/thematiques/nouvelle", methods=["GET", "POST"])
@permission_required(can_manage_themes)
def admin_new():
    """Add a theme."""
    form = ThemeForm(pictogram=theme_services.DEFAULT_PICTOGRAM)
    form.pictogram.choices = _pictogram_choices()
    if form.validate_on_submit():
        try:
            theme = theme_services.add_theme(
                form.slug.data, form.name.data, form.description.data or "", form.pictogram.data
            )
        except theme_services.ThemeError as error:
            _show_errors(form, error.errors)
        else:
            db.session.commit()
            flash(_("La thématique « %(name)s » a été ajoutée.", name=theme.name), "success")
            return redirect(url_for("themes.admin_index"))
    elif form.is_submitted():
        # Every problem at once: the slug's too, even when the form already refused the name.
        _show_errors(form, theme_services.new_theme_problems(
            form.slug.data or "", form.name.data or "", form.description.data or "", form.pictogram.data or ""
        ))
    return _render_form(form)


@bp.route("/admin/thematiques/<slug>/modifier", methods=["GET", "POST"])
@permission_required(can_manage_themes)
def admin_edit(slug: str):
    """Rename a theme, change its description or pictogram."""
    theme = _theme_or_404(slug)
    form = ThemeForm(obj=theme)
    del form.slug
    form.pictogram.choices = _pictogram_choices(theme.pictogram)
    if form.validate_on_submit():
        try:
            theme_services.update_theme(
                theme, form.name.data, form.description.data or "", form.pictogram.data
            )
        except theme_services.ThemeError as error:
            _show_errors(form, error.errors)
        else:
            db.session.commit()
            flash(_("La thématique « %(name)s » a été enregistrée.", name=theme.name), "success")
            return redirect(url_for("themes.admin_index"))
    return _render_form(form, theme)


@bp.post("/admin/thematiques/<slug>/archiver")
@permission_required(can_manage_themes)
def admin_archive(slug: str):
    """Stop offering a theme for new write-ups and in filters."""
    theme = _theme_or_404(slug)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    theme_services.archive_theme(theme)
    db.session.commit()
    flash(_("La thématique « %(name)s » est archivée.", name=theme.name), "success")
    return redirect(url_for("themes.admin_index"))


@bp.post("/admin/thematiques/<slug>/reactiver")
@permission_required(can_manage_themes)
def admin_unarchive(slug: str):
    """Offer an archived theme again."""
    theme = _theme_or_404(slug)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    theme_services.unarchive_theme(theme)
    db.session.commit()
    flash(_("La thématique « %(name)s » est de nouveau proposée.", name=theme.name), "success")
    return redirect(url_for("themes.admin_index"))
