"""Staff pages: accounts waiting for validation (moderators) and members' roles and status (admins)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pvd_network.auth import administration
from pvd_network.auth.forms import options
from pvd_network.auth.models import ROLE_MODERATOR
from pvd_network.auth.permissions import (
    can_change_role,
    can_manage_members,
    can_review_account,
    can_review_registrations,
    can_suspend,
    moderated_region_codes,
    permission_required,
)
from pvd_network.auth.services import FieldErrors
from pvd_network.auth.views import apply_errors
from pvd_network.core.pagination import paginate, parse_page
from pvd_network.extensions import db
from pvd_network.users import services
from pvd_network.users.forms import ActionForm, AdminFilterForm, ReasonForm, RoleForm
from pvd_network.users.views import bp

PER_PAGE = 50
INVALID_FORM = 422


def _account_or_404(user_id: int):
    account = services.get_user(user_id)
    if account is None:
        abort(404)
    return account


# --- Registrations waiting for validation ----------------------------------------------------


def _pending_page(refuse_form: ReasonForm | None = None, refused_id: int | None = None, status: int = 200):
    statement = administration.pending_accounts_query(moderated_region_codes(current_user))
    page = paginate(statement, parse_page(request.args.get("page")), PER_PAGE)
    return render_template(
        "users/pending_accounts.html",
        page=page,
        page_url=lambda number: url_for("users.pending_accounts", page=number),
        action_form=ActionForm(),
        refuse_form=refuse_form,
        refused_id=refused_id,
    ), status


@bp.get("/admin/inscriptions")
@permission_required(can_review_registrations)
def pending_accounts():
    """Accounts whose address is confirmed and that wait for a moderator."""
    return _pending_page()


def _reviewable(user_id: int):
    account = _account_or_404(user_id)
    if not can_review_account(current_user, account):
        abort(403)
    return account


@bp.post("/admin/inscriptions/<int:user_id>/valider")
@permission_required(can_review_registrations)
def approve_account(user_id: int):
    """Validate a waiting account; its owner is told by mail."""
    account = _reviewable(user_id)
    if ActionForm().validate_on_submit():
        try:
            administration.approve(current_user, account)
        except administration.NotAllowed as error:
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("Le compte de %(name)s est validé.", name=account.display_name), "success")
    return redirect(url_for("users.pending_accounts"))


@bp.post("/admin/inscriptions/<int:user_id>/refuser")
@permission_required(can_review_registrations)
def refuse_account(user_id: int):
    """Refuse a waiting account, with a reason mailed to its owner."""
    account = _reviewable(user_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        return _pending_page(refuse_form=form, refused_id=account.id, status=INVALID_FORM)
    try:
        administration.refuse(current_user, account, form.reason.data)
    except administration.NotAllowed as error:
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("L'inscription de %(name)s est refusée.", name=account.display_name), "success")
    return redirect(url_for("users.pending_accounts"))


# --- Members: roles and status -----------------------------------------------------------------


@bp.get("/admin/membres")
@permission_required(can_manage_members)
def admin_members():
    """Every account with its role and status, filtered and paginated."""
    form = AdminFilterForm(request.args)
    form.validate()
    statement = services.admin_members_query(
        text=form.q.data if not form.q.errors else "",
        status=form.status.data or "",
        role=form.role.data or "",
    )
    page = paginate(statement, parse_page(request.args.get("page")), PER_PAGE)
    filters = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "users/admin_members.html",
        form=form,
        page=page,
        filters=filters,
        page_url=lambda number: url_for("users.admin_members", page=number, **filters),
    )


def _member_page(account, role_form=None, suspend_form=None, status: int = 200):
    if role_form is None:
        role_form = RoleForm(
            formdata=None, role=account.role, regions=[r.code for r in account.moderated_regions]
        )
    role_form.regions.choices = options(services.region_choices())
    return render_template(
        "users/admin_member.html",
        member=account,
        role_form=role_form,
        suspend_form=suspend_form or ReasonForm(formdata=None),
        action_form=ActionForm(),
    ), status


@bp.get("/admin/membres/<int:user_id>")
@permission_required(can_manage_members)
def admin_member(user_id: int):
    """One account: role (and régions), suspension, reactivation."""
    return _member_page(_account_or_404(user_id))


@bp.post("/admin/membres/<int:user_id>/role")
@permission_required(can_manage_members)
def change_role(user_id: int):
    """Give an account a role (moderators optionally limited to some régions)."""
    account = _account_or_404(user_id)
    if not can_change_role(current_user, account):
        abort(403)
    form = RoleForm()
    form.regions.choices = options(services.region_choices())
    if form.validate_on_submit():
        regions = form.regions.data if form.role.data == ROLE_MODERATOR else []
        try:
            administration.set_role(current_user, account, form.role.data, regions)
        except FieldErrors as error:
            apply_errors(form, error)
        except administration.NotAllowed as error:
            form.role.errors = [*form.role.errors, str(error)]
        else:
            db.session.commit()
            flash(_("Rôle de %(name)s : %(role)s.", name=account.display_name, role=account.role_label),
                  "success")
            return redirect(url_for("users.admin_member", user_id=account.id))
    return _member_page(account, role_form=form, status=INVALID_FORM)


@bp.post("/admin/membres/<int:user_id>/suspendre")
@permission_required(can_manage_members)
def suspend_member(user_id: int):
    """Suspend an account: it cannot sign in and is told why."""
    account = _account_or_404(user_id)
    if not can_suspend(current_user, account):
        abort(403)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            administration.suspend(current_user, account, form.reason.data)
        except administration.NotAllowed as error:
            form.reason.errors = [*form.reason.errors, str(error)]
        else:
            db.session.commit()
            flash(_("Le compte de %(name)s est suspendu.", name=account.display_name), "success")
            return redirect(url_for("users.admin_member", user_id=account.id))
    return _member_page(account, suspend_form=form, status=INVALID_FORM)


@bp.post("/admin/membres/<int:user_id>/reactiver")
@permission_required(can_manage_members)
def reactivate_member(user_id: int):
    """Lift a suspension or a refusal."""
    account = _account_or_404(user_id)
    if not can_suspend(current_user, account):
        abort(403)
    if ActionForm().validate_on_submit():
        try:
            administration.reactivate(current_user, account)
        except administration.NotAllowed as error:
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("Le compte de %(name)s est de nouveau actif.", name=account.display_name), "success")
    return redirect(url_for("users.admin_member", user_id=account.id))
