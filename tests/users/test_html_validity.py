"""Every page type of accounts and members is valid HTML (Nu validator), forms with errors included."""

from __future__ import annotations

from pathlib import Path

from pvd_network.auth import tokens
from pvd_network.auth.models import User
from pvd_network.extensions import db
from tests.factories import make_user
from tests.helpers import csrf_token, submit
from tests.test_html_validity import validate


def test_account_and_member_pages_are_valid_html(app, client, tmp_path):
    with app.app_context():
        unconfirmed = make_user(status="unconfirmed")
        member = make_user(
            first_name="Thomas",
            last_name="Lefèvre",
            commune_insee="63178",
            bio="**Bio**",
            bio_html="<p><strong>Bio</strong></p>",
        )
        make_user(status="pending", first_name="Nadia", last_name="Benali")
        with app.test_request_context():
            confirm = tokens.make_token(tokens.CONFIRM, db.session.get(User, unconfirmed.id))
            reset = tokens.make_token(tokens.RESET, db.session.get(User, member.id))
            change = tokens.make_token(
                tokens.CHANGE_EMAIL, db.session.get(User, member.id), email="n@example.org"
            )
    pages: dict[str, bytes] = {}

    def get(name, url, status=200):
        response = client.get(url)
        assert response.status_code == status, (url, response.status_code)
        pages[name] = response.data

    for name, url in {
        "register": "/inscription",
        "login": "/connexion",
        "forgot": "/mot-de-passe-oublie",
        "resend": "/inscription/nouveau-lien",
        "register-done": "/inscription/verifiez-vos-courriels",
        "terms": "/conditions-generales-d-utilisation",
        "confirm": f"/inscription/confirmer/{confirm}",
        "reset": f"/mot-de-passe-oublie/{reset}",
        "change-email-confirm": f"/compte/adresse-electronique/confirmer/{change}",
    }.items():
        get(name, url)
    get("invalid-link", "/inscription/confirmer/abimé", status=400)
    pages["register-errors"] = submit(client, "/inscription", {"email": "x", "commune": "Sainte-Croix"}).data
    pages["login-refused"] = submit(client, "/connexion", {"email": "a@example.org", "password": "x"}).data

    page = client.get("/connexion")
    client.post(
        "/connexion",
        data={
            "csrf_token": csrf_token(page.data),
            "email": "admin@example.org",
            "password": "une phrase de passe solide",
        },
    )
    with app.app_context():
        make_user(email="admin@example.org", role="admin")
    submit(client, "/connexion", {"email": "admin@example.org", "password": "une phrase de passe solide"})
    for name, url in {
        "home-signed-in": "/",
        "account": "/compte",
        "profile-edit": "/compte/profil",
        "password": "/compte/mot-de-passe",
        "email": "/compte/adresse-electronique",
        "delete": "/compte/supprimer",
        "directory": "/membres?region=84",
        "profile": f"/membres/{member.id}",
        "admin-members": "/admin/membres",
        "admin-member": f"/admin/membres/{member.id}",
        "pending": "/admin/inscriptions",
    }.items():
        get(name, url)
    pages["profile-errors"] = submit(client, "/compte/profil", {"first_name": "", "bio": "x" * 6000}).data

    files = []
    for name, body in pages.items():
        path = Path(tmp_path) / f"{name}.html"
        path.write_bytes(body)
        files.append(path)
    errors = validate(files)
    report = "\n".join(f"{Path(e.get('url', '')).name}:{e.get('lastLine')}: {e['message']}" for e in errors)
    assert not errors, "invalid HTML:\n" + report
