"""Member profiles, their pictures, and the directory."""
from __future__ import annotations

import os

from flask import abort, flash, redirect, render_template, request, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pvd_network.auth.forms import options
from pvd_network.auth.permissions import (
    can_edit_profile,
    can_view_directory,
    can_view_profile,
    member_required,
    permission_required,
)
from pvd_network.auth.services import FieldErrors
from pvd_network.auth.views import apply_errors, render_form
from pvd_network.core import uploads
from pvd_network.core.pagination import paginate, parse_page
from pvd_network.extensions import db
from pvd_network.geo.services import commune_label
from pvd_network.users import avatars, services
from pvd_network.users.forms import DirectoryFilterForm, ProfileForm
from pvd_network.users.views import bp

PER_PAGE = 24


@bp.get("/membres")
@permission_required(can_view_directory)
def directory():
    """Active members, filtered by région, département, function and name."""
    form = DirectoryFilterForm(request.args)
    form.region.choices = options([("", _("Toutes les régions")), *services.region_choices()])
    form.department.choices = options([("", _("Tous les départements")), *services.department_choices()])
    form.validate()
    statement = services.directory_query(
        name=form.q.data if not form.q.errors else "",
        region=form.region.data or "",
        department=form.department.data or "",
        function=form.function.data or "",
    )
    page = paginate(statement, parse_page(request.args.get("page")), PER_PAGE)
    filters = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "users/directory.html",
        form=form,
        page=page,
        filters=filters,
        page_url=lambda number: url_for("users.directory", page=number, **filters),
    )


@bp.get("/membres/<int:user_id>")
@member_required
def profile(user_id: int):
    """A member's profile: function, organisation, commune, presentation."""
    member = services.get_user(user_id)
    if member is None or not can_view_profile(current_user, member):
        abort(404)
    return render_template("users/profile.html", member=member)


@bp.route("/compte/profil", methods=["GET", "POST"])
@member_required
def edit_profile():
    """Edit my own profile (and my picture)."""
    if not can_edit_profile(current_user, current_user):
        abort(403)
    # The account fills the form only when it is shown: a submitted field that is missing
    # must count as empty, not fall back to the stored value.
    form = ProfileForm(obj=current_user if request.method == "GET" else None)
    if request.method == "GET":
        form.commune.data = commune_label(current_user.commune) if current_user.commune else ""
        form.locale.data = current_user.locale or ""
        form.avatar.data = None
    if form.validate_on_submit():
        upload = form.avatar.data
        has_upload = upload is not None and getattr(upload, "filename", "")
        try:
            services.update_profile(
                current_user,
                first_name=form.first_name.data,
                last_name=form.last_name.data,
                function=form.function.data,
                organisation=form.organisation.data,
                commune=form.commune.data,
                bio=form.bio.data or "",
                locale=form.locale.data,
                avatar=upload.stream if has_upload else None,
                remove_avatar=form.remove_avatar.data,
            )
        except FieldErrors as error:
            apply_errors(form, error)
        else:
            db.session.commit()
            flash(_("Votre profil a été enregistré."), "success")
            return redirect(url_for("users.profile", user_id=current_user.id))
    return render_form("users/edit_profile.html", form)


@bp.get("/uploads/avatars/<name>")
def avatar(name: str):
    """A stored profile picture (random names; a replaced picture's name is never reused)."""
    if not uploads.is_stored_name(name):
        abort(404)
    folder = uploads.folder(avatars.KIND)
    if not os.path.isfile(os.path.join(folder, name)):
        abort(404)
    response = send_from_directory(folder, name, mimetype="image/webp", max_age=7 * 24 * 3600)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
