"""Profiles, the members directory and the admin list of members."""
from __future__ import annotations

from typing import BinaryIO

from flask_babel import gettext as _
from sqlalchemy import Select, or_, select

from pvd_network.auth import services as auth_services
from pvd_network.auth.models import FUNCTIONS, ROLES, STATUS_ACTIVE, STATUS_DELETED, STATUSES, User
from pvd_network.core import uploads
from pvd_network.core.markup import render_markdown
from pvd_network.core.text import fold
from pvd_network.core.transactions import after_commit, after_rollback
from pvd_network.extensions import db
from pvd_network.geo.models import Commune, Department, Region
from pvd_network.users import avatars

BIO_MAX = 5000


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def update_profile(
    user: User,
    *,
    first_name: str,
    last_name: str,
    function: str,
    organisation: str,
    commune: str,
    bio: str,
    locale: str | None,
    avatar: BinaryIO | None = None,
    remove_avatar: bool = False,
) -> None:
    """Save the profile: bio rendered through the one sanitiser, picture re-encoded."""
    errors = {}
    if function not in FUNCTIONS:
        errors["function"] = _("Choisissez une fonction dans la liste.")
    commune_insee = None
    try:
        commune_insee = auth_services.find_commune(commune).insee
    except auth_services.FieldError as error:
        errors.update(error.errors)
    picture = None
    if avatar is not None:
        try:
            picture = avatars.normalise(avatars.read_limited(avatar))
        except avatars.InvalidImage as error:
            errors["avatar"] = str(error)
    if errors:
        raise auth_services.FieldErrors(errors)
    auth_services.set_names(user, first_name, last_name)
    user.function = function
    user.organisation = organisation.strip()
    user.commune_insee = commune_insee
    user.bio = bio.strip()
    user.bio_html = render_markdown(user.bio)
    user.locale = locale or None
    if picture is not None or remove_avatar:
        old_name = user.avatar
        user.avatar = None
        if picture is not None:
            user.avatar = new_name = uploads.store(avatars.KIND, picture, avatars.EXTENSION)
            after_rollback(lambda: uploads.remove(avatars.KIND, new_name))
        after_commit(lambda: uploads.remove(avatars.KIND, old_name))
    db.session.flush()


def directory_query(
    *, name: str = "", region: str = "", department: str = "", function: str = ""
) -> Select:
    """Active members matching the filters, by last name then first name."""
    statement = (
        select(User)
        .outerjoin(Commune, Commune.insee == User.commune_insee)
        .where(User.status == STATUS_ACTIVE)
        .order_by(User.last_name, User.first_name, User.id)
    )
    folded = fold(name)
    if folded:
        statement = statement.where(User.search_name.contains(folded, autoescape=True))
    if region:
        statement = statement.where(Commune.region_code == region)
    if department:
        statement = statement.where(Commune.department_code == department)
    if function in FUNCTIONS:
        statement = statement.where(User.function == function)
    return statement


def admin_members_query(*, text: str = "", status: str = "", role: str = "") -> Select:
    """Every account except deleted ones (unless asked), newest first, for the admin list."""
    statement = select(User).order_by(User.created_at.desc(), User.id.desc())
    if status in STATUSES:
        statement = statement.where(User.status == status)
    else:
        statement = statement.where(User.status != STATUS_DELETED)
    if role in ROLES:
        statement = statement.where(User.role == role)
    folded = fold(text)
    if folded:
        statement = statement.where(
            or_(User.search_name.contains(folded, autoescape=True),
                User.email.contains(text.strip().lower(), autoescape=True))
        )
    return statement


def region_choices() -> list[tuple[str, str]]:
    """(code, name) of every région, by name."""
    return [(r.code, r.name) for r in db.session.scalars(select(Region).order_by(Region.name))]


def department_choices() -> list[tuple[str, str]]:
    """(code, "code — name") of every département, by code."""
    rows = db.session.scalars(select(Department).order_by(Department.code))
    return [(d.code, f"{d.code} — {d.name}") for d in rows]


def seed_demo() -> str:
    """Add the demonstration members that are missing (idempotent); say who can sign in."""
    from pvd_network.auth.administration import create_confirmed_account, set_role
    from pvd_network.users import demo

    created = kept = skipped = 0
    for email, first, last, function, organisation, insee, role, bio in demo.ACCOUNTS:
        if auth_services.find_by_email(email) is not None:
            kept += 1
            continue
        if db.session.get(Commune, insee) is None:  # geography not imported (or commune merged)
            skipped += 1
            continue
        user = create_confirmed_account(
            email, demo.password_for(role), first_name=first, last_name=last, function=function,
            organisation=organisation, commune_insee=insee,
        )
        user.bio, user.bio_html = bio, render_markdown(bio)
        if role != "member":
            set_role(None, user, role)
        created += 1
    db.session.flush()
    summary = f"{created} created, {kept} already there"
    if skipped:
        summary += f", {skipped} skipped (commune missing: run `flask geo import`)"
    lines = [summary, "  Demo accounts (address / password):"]
    for email, *_rest, role, _bio in demo.ACCOUNTS:
        lines.append(f"    {role:<9}  {email:<44}  {demo.password_for(role)}")
    return "\n".join(lines)
