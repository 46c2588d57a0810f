""" "Mes données" and "Supprimer mon compte" (RGPD)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from pvd_network.auth.models import User
from pvd_network.extensions import db
from tests.factories import DEFAULT_PASSWORD
from tests.helpers import field_errors, submit


def test_my_data_is_a_json_download_of_everything_stored(client, login_as):
    user = login_as(
        "member",
        first_name="Claire",
        last_name="Martin",
        organisation="Mairie de Commercy",
        bio="Cheffe de projet.",
    )
    response = client.get("/compte/mes-donnees")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.data)
    account = data["account"]
    assert account["email"] == user.email
    assert (account["first_name"], account["last_name"]) == ("Claire", "Martin")
    assert account["commune"] == {
        "insee": "55122",
        "name": "Commercy",
        "department": "Meuse",
        "region": "Grand Est",
    }
    assert account["bio_markdown"] == "Cheffe de projet."
    assert account["function_label"] == "Chef·fe de projet PVD"
    assert account["created_at"].endswith("+00:00")
    assert "password_hash" not in json.dumps(data)


def test_deleting_my_account_needs_the_password_and_the_checkbox(client, login_as):
    login_as("member")
    wrong = submit(client, "/compte/supprimer", {"password": "mauvais", "confirm": "y"})
    assert wrong.status_code == 422
    assert field_errors(wrong.data, "password") == ["Le mot de passe est incorrect."]
    unchecked = submit(client, "/compte/supprimer", {"password": DEFAULT_PASSWORD})
    assert unchecked.status_code == 422
    assert field_errors(unchecked.data, "confirm") == ["Cochez la case pour confirmer la suppression."]
    assert client.get("/compte").status_code == 200


def test_deleting_my_account_erases_personal_data_and_keeps_an_anonymous_row(app, client, login_as):
    user = login_as("member", first_name="Claire", last_name="Martin", bio="Présentation")
    picture = io.BytesIO()
    Image.new("RGB", (300, 200), "red").save(picture, "PNG")
    form = client.get("/compte/profil").get_data(as_text=True)
    assert (
        submit(
            client,
            "/compte/profil",
            {
                "first_name": "Claire",
                "last_name": "Martin",
                "function": "chef-projet",
                "organisation": "Mairie",
                "commune": "55122",
                "bio": "",
                "locale": "",
                "avatar": (io.BytesIO(picture.getvalue()), "moi.png"),
            },
            content_type="multipart/form-data",
        ).status_code
        == 302
    ), form
    with app.app_context():
        avatar = db.session.get(User, user.id).avatar
    avatar_file = Path(app.instance_path) / "uploads" / "avatars" / avatar
    assert avatar_file.exists()

    response = submit(client, "/compte/supprimer", {"password": DEFAULT_PASSWORD, "confirm": "y"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Votre compte a été supprimé" in client.get("/").get_data(as_text=True)
    assert client.get("/compte").status_code == 302  # signed out
    with app.app_context():
        row = db.session.get(User, user.id)
        assert row.status == "deleted" and row.deleted_at is not None
        assert row.email is None and row.password_hash is None
        assert (row.first_name, row.last_name, row.organisation, row.bio, row.bio_html) == (
            "",
            "",
            "",
            "",
            "",
        )
        assert row.commune_insee is None and row.avatar is None
        assert row.display_name == "Ancien membre"
        assert db.session.scalar(select(User).where(User.email == user.email)) is None
    assert not avatar_file.exists()
    # The old credentials are gone with the account.
    assert (
        submit(client, "/connexion", {"email": user.email, "password": DEFAULT_PASSWORD}).status_code == 422
    )


def test_a_deleted_member_appears_as_former_member(app, client, login_as):
    with app.app_context():
        from tests.factories import make_user

        gone = make_user(status="deleted", email=None, first_name="", last_name="")
        gone_id = gone.id
    login_as("member")
    response = client.get(f"/membres/{gone_id}")
    assert response.status_code == 404
    with app.app_context():
        from flask import render_template_string

        with app.test_request_context():
            html = render_template_string(
                '{% from "users/_macros.html" import member_link %}{{ member_link(user) }}',
                user=db.session.get(User, gone_id),
            )
        assert "Ancien membre" in html and "<a" not in html
