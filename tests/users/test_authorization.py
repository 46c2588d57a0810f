"""Authorization matrix: every route of accounts and members, for every kind of visitor.

Expected answers: "login" (redirect to the sign-in page), 403, 200, or a redirect
elsewhere ("→/path"). A suspended member's old session counts as signed out.
"""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from pvd_network.auth import tokens
from pvd_network.auth.models import User
from pvd_network.core import uploads
from pvd_network.extensions import db
from tests.factories import make_user
from tests.helpers import page_token

ROLES = ("anonymous", "member", "suspended", "moderator", "admin")
LOGIN = "login"

# (method, url template, answers for anonymous, member, suspended, moderator, admin)
PUBLIC = (200, 200, 200, 200, 200)
GUESTS_ONLY = (200, "→/compte", 200, "→/compte", "→/compte")
MEMBERS = (LOGIN, 200, LOGIN, 200, 200)
MODERATORS = (LOGIN, 403, LOGIN, 200, 200)
ADMINS = (LOGIN, 403, LOGIN, 403, 200)
MODERATOR_ACTION = (LOGIN, 403, LOGIN, "→/admin/inscriptions", "→/admin/inscriptions")
ADMIN_ACTION = (LOGIN, 403, LOGIN, 403, "→/admin/membres/{other}")

MATRIX = [
    ("GET", "/inscription", GUESTS_ONLY),
    ("GET", "/connexion", GUESTS_ONLY),
    ("GET", "/inscription/verifiez-vos-courriels", PUBLIC),
    ("GET", "/inscription/nouveau-lien", PUBLIC),
    ("GET", "/inscription/confirmer/{confirm_token}", PUBLIC),
    ("GET", "/mot-de-passe-oublie", PUBLIC),
    ("GET", "/mot-de-passe-oublie/{reset_token}", PUBLIC),
    ("GET", "/compte/adresse-electronique/confirmer/{email_token}", PUBLIC),
    ("GET", "/conditions-generales-d-utilisation", PUBLIC),
    ("GET", "/uploads/avatars/{avatar}", PUBLIC),
    ("POST", "/deconnexion", ("→/",) * 5),
    ("GET", "/compte", MEMBERS),
    ("GET", "/compte/profil", MEMBERS),
    ("GET", "/compte/mot-de-passe", MEMBERS),
    ("GET", "/compte/adresse-electronique", MEMBERS),
    ("GET", "/compte/mes-donnees", MEMBERS),
    ("GET", "/compte/supprimer", MEMBERS),
    ("GET", "/membres", MEMBERS),
    ("GET", "/membres/{other}", MEMBERS),
    ("GET", "/admin/inscriptions", MODERATORS),
    ("POST", "/admin/inscriptions/{pending}/valider", MODERATOR_ACTION),
    ("POST", "/admin/inscriptions/{pending}/refuser", MODERATOR_ACTION),
    ("GET", "/admin/membres", ADMINS),
    ("GET", "/admin/membres/{other}", ADMINS),
    ("POST", "/admin/membres/{other}/role", ADMIN_ACTION),
    ("POST", "/admin/membres/{other}/suspendre", ADMIN_ACTION),
    (
        "POST",
        "/admin/membres/{suspended_other}/reactiver",
        (LOGIN, 403, LOGIN, 403, "→/admin/membres/{suspended_other}"),
    ),
]

POST_DATA = {"reason": "Motif de test.", "role": "member"}


@pytest.fixture
def targets(app):
    """Accounts and links the routes act on."""
    with app.app_context():
        other = make_user(first_name="Autre", last_name="Membre")
        pending = make_user(status="pending")
        suspended_other = make_user(status="suspended", status_reason="Test.")
        unconfirmed = make_user(status="unconfirmed")
        picture = io.BytesIO()
        Image.new("RGB", (8, 8)).save(picture, "WEBP")
        avatar = uploads.store("avatars", picture.getvalue(), "webp")
        row = db.session.get(User, other.id)
        row.avatar = avatar
        db.session.commit()
        with app.test_request_context():
            return {
                "other": other.id,
                "pending": pending.id,
                "suspended_other": suspended_other.id,
                "avatar": avatar,
                "confirm_token": tokens.make_token(tokens.CONFIRM, db.session.get(User, unconfirmed.id)),
                "reset_token": tokens.make_token(tokens.RESET, db.session.get(User, other.id)),
                "email_token": tokens.make_token(
                    tokens.CHANGE_EMAIL, db.session.get(User, other.id), email="nouvelle@example.org"
                ),
            }


@pytest.mark.parametrize(("method", "url", "answers"), MATRIX, ids=[f"{m} {u}" for m, u, _a in MATRIX])
@pytest.mark.parametrize("role", ROLES)
def test_authorization_matrix(client, login_as, targets, method, url, answers, role):
    if role != "anonymous":
        login_as(role)
    expected = answers[ROLES.index(role)]
    path = url.format(**targets)
    if method == "GET":
        response = client.get(path)
    else:
        response = client.post(
            path, data={"csrf_token": page_token(client, "/mot-de-passe-oublie"), **POST_DATA}
        )
    if expected == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response.headers["Location"].startswith("/connexion?next=")
    elif isinstance(expected, str):
        assert response.status_code == 302, response.status_code
        assert response.headers["Location"].split("?")[0] == expected[1:].format(**targets)
    else:
        assert response.status_code == expected


def test_the_matrix_covers_every_route_of_the_feature(app):
    def shape(path: str) -> str:
        return re.sub(r"<[^>]+>|\{[^}]+\}", "{}", path)

    covered = {shape(url) for _method, url, _answers in MATRIX}
    routes = {
        shape(rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in ("auth", "users")
    }
    assert routes == covered
