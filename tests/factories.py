"""Factory functions creating real rows (committed), and signing a test client in."""

from __future__ import annotations

import itertools
from functools import cache

from werkzeug.security import generate_password_hash

from pvd_network.auth.models import STATUS_ACTIVE, STATUS_SUSPENDED, User
from pvd_network.core.database import utcnow
from pvd_network.core.text import fold
from pvd_network.extensions import db
from pvd_network.geo.models import Region

DEFAULT_PASSWORD = "une phrase de passe solide"
_sequence = itertools.count(1)


@cache
def password_hash(password: str) -> str:
    """Hashing is slow on purpose: each distinct test password is hashed once per session."""
    return generate_password_hash(password)


def make_user(
    *,
    email: str | None = None,
    password: str = DEFAULT_PASSWORD,
    first_name: str = "Camille",
    last_name: str | None = None,
    role: str = "member",
    status: str = STATUS_ACTIVE,
    function: str = "chef-projet",
    organisation: str = "Mairie de Commercy",
    commune_insee: str | None = "55122",
    regions: tuple[str, ...] = (),
    status_reason: str = "",
    **fields,
) -> User:
    """A committed account (active, confirmed member in Commercy unless told otherwise)."""
    n = next(_sequence)
    last_name = last_name if last_name is not None else f"Dupont{n}"
    now = utcnow()
    user = User(
        email=email if email is not None else f"membre{n}@example.org",
        password_hash=password_hash(password),
        first_name=first_name,
        last_name=last_name,
        search_name=fold(f"{first_name} {last_name}"),
        role=role,
        status=status,
        status_reason=status_reason,
        function=function,
        organisation=organisation,
        commune_insee=commune_insee,
        confirmed_at=now if status != "unconfirmed" else None,
        terms_accepted_at=now,
        **fields,
    )
    if regions:
        user.moderated_regions = [db.session.get(Region, code) for code in regions]
    db.session.add(user)
    db.session.commit()
    # Loaded, then detached: the object stays readable outside the app context and after
    # later commits. Re-read it (db.session.get) to change it.
    db.session.refresh(user)
    db.session.expunge(user)
    return user


def sign_in(client, user: User) -> None:
    """Put ``user`` in ``client``'s session the way Flask-Login does (no password check)."""
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


def make_login_as(app, client):
    """``login_as(role, **fields)``: create an account of that role and sign ``client`` in.

    Roles: "member", "moderator", "admin", and "suspended" (a member signed in, then
    suspended — what a suspended member's old session sees).
    """

    def login_as(role: str = "member", **fields) -> User:
        with app.app_context():
            suspended = role == "suspended"
            user = make_user(role="member" if suspended else role, **fields)
            sign_in(client, user)
            if suspended:
                row = db.session.get(User, user.id)
                row.status, row.status_reason = STATUS_SUSPENDED, "Messages publicitaires répétés."
                db.session.commit()
                user.status, user.status_reason = row.status, row.status_reason
            return user

    return login_as


def make_writeup(
    author: User | None = None,
    *,
    status: str = "published",
    hidden: bool = False,
    published_at=None,
    **fields,
):
    """A committed write-up made through the real services: published unless ``status`` says
    "draft", "submitted", "changes_requested", "rejected" or "archived"; ``hidden=True`` then
    hides it as a moderator would. Fields default to a complete write-up in Commercy."""
    from pvd_network.writeups import services

    n = next(_sequence)
    external_id = fields.pop("external_id", None)  # set by the importer, not by apply_content
    data = {
        "title": f"Une maison de santé pluridisciplinaire n°{n}",
        "summary": "Comment une petite ville a attiré trois médecins en deux ans.",
        "commune_insee": "55122",
        "themes": ["acces-aux-soins"],
        "context": "Le dernier médecin partait à la retraite.",
        "actions": "Nous avons rénové un bâtiment communal.",
        "stage": "realise",
        "visibility": "public",
        **fields,
    }
    initial = {"published": "published", "submitted": "submitted"}.get(status, "draft")
    if status in ("changes_requested", "rejected"):
        initial = "submitted"
    writeup = services.create_writeup(author, data, status=initial)
    if status == "changes_requested":
        services.request_changes(writeup, by=None, message="Précisez le budget.")
    elif status == "rejected":
        services.reject(writeup, by=None, reason="Hors sujet.")
    elif status == "archived":
        services.publish(writeup, by=None)
        services.archive(writeup, by=None)
    if published_at is not None and writeup.published_at is not None:
        writeup.published_at = published_at
    writeup.external_id = external_id
    if hidden:
        writeup.hidden_at = utcnow()
        writeup.hidden_reason = "Contenu signalé."
    db.session.commit()
    return writeup
