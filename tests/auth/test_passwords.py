"""Forgotten password (mailed link: 1 hour, single use), password change, address change."""

from __future__ import annotations

import time
from html import unescape

import itsdangerous
import pytest

from pvd_network.auth import tokens
from pvd_network.auth.models import User
from pvd_network.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import csrf_token, field_errors, mail_links, submit

NEW_PASSWORD = "trois tilleuls sur la place"


@pytest.fixture
def app_config(smtp_server):
    port, _mailbox = smtp_server
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port}


@pytest.fixture
def member(app):
    with app.app_context():
        return make_user(email="claire.martin@commercy.example.fr", first_name="Claire").id


def local(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def reset_link(mailbox, count=1) -> str:
    mailbox.wait_for(count)
    message = [m for m in mailbox.messages if "Réinitialisation" in m["Subject"]][-1]
    return local(next(link for link in mail_links(message) if "/mot-de-passe-oublie/" in link))


def text(response) -> str:
    return unescape(response.get_data(as_text=True))


def sign_in(client, password):
    return submit(client, "/connexion", {"email": "claire.martin@commercy.example.fr", "password": password})


def test_reset_by_mailed_link_then_sign_in_with_the_new_password(app, client, member, smtp_server):
    _port, mailbox = smtp_server
    response = submit(client, "/mot-de-passe-oublie", {"email": "CLAIRE.MARTIN@commercy.example.fr"})
    assert response.status_code == 302
    assert "Il est valable 1 heure" in text(client.get("/connexion"))
    link = reset_link(mailbox)
    assert mailbox.messages[0]["Subject"] == "[Réseau PVD] Réinitialisation de votre mot de passe"
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(
        link,
        data={
            "csrf_token": csrf_token(page.data),
            "password": NEW_PASSWORD,
            "password_confirm": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == "/connexion"
    assert sign_in(client, DEFAULT_PASSWORD).status_code == 422
    assert sign_in(client, NEW_PASSWORD).status_code == 302
    # Single use: the link died with the old password.
    again = client.get(link)
    assert again.status_code == 400 and "déjà été utilisé" in text(again)
    # And the member is told the password changed.
    mailbox.wait_for(2)
    assert any("Votre mot de passe a été modifié" in m["Subject"] for m in mailbox.messages)


def test_reset_form_refuses_weak_and_mismatched_passwords(app, client, member, smtp_server):
    _port, mailbox = smtp_server
    submit(client, "/mot-de-passe-oublie", {"email": "claire.martin@commercy.example.fr"})
    link = reset_link(mailbox)
    token = csrf_token(client.get(link).data)
    weak = client.post(link, data={"csrf_token": token, "password": "court", "password_confirm": "court"})
    assert weak.status_code == 422
    assert field_errors(weak.data, "password") == ["Le mot de passe doit contenir au moins 12 caractères."]
    mismatch = client.post(
        link, data={"csrf_token": token, "password": NEW_PASSWORD, "password_confirm": "autre"}
    )
    assert mismatch.status_code == 422
    assert field_errors(mismatch.data, "password_confirm") == [
        "Les deux mots de passe ne sont pas identiques."
    ]
    assert client.get(link).status_code == 200  # still usable after refused attempts


def test_unknown_address_gets_the_same_answer_and_no_mail(client, smtp_server):
    _port, mailbox = smtp_server
    response = submit(client, "/mot-de-passe-oublie", {"email": "personne@example.org"})
    assert response.status_code == 302
    assert "Si un compte correspond à personne@example.org" in text(client.get("/connexion"))
    time.sleep(0.2)
    assert mailbox.messages == []


def test_malformed_and_empty_address(client):
    for value, message in (
        ("", "Saisissez votre adresse électronique."),
        ("pas-une-adresse", "Saisissez une"),
    ):
        response = submit(client, "/mot-de-passe-oublie", {"email": value})
        assert response.status_code == 422
        assert field_errors(response.data, "email")[0].startswith(message)


def test_reset_link_expires_after_one_hour(app, client, member, monkeypatch):
    with app.app_context():
        user = db.session.get(User, member)
        monkeypatch.setattr(
            itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: int(time.time()) - 3601
        )
        token = tokens.make_token(tokens.RESET, user)
        monkeypatch.undo()
    response = client.get(f"/mot-de-passe-oublie/{token}")
    assert response.status_code == 400 and "expiré" in text(response)


def test_reset_link_dies_when_the_password_changes_another_way(app, client, member, login_as):
    with app.app_context():
        token = tokens.make_token(tokens.RESET, db.session.get(User, member))
    assert client.get(f"/mot-de-passe-oublie/{token}").status_code == 200
    with app.app_context():
        from pvd_network.auth.services import set_password

        with app.test_request_context():
            set_password(db.session.get(User, member), NEW_PASSWORD)
            db.session.commit()
    assert client.get(f"/mot-de-passe-oublie/{token}").status_code == 400


def test_tampered_reset_link(client):
    response = client.get("/mot-de-passe-oublie/abc.def.ghi")
    assert response.status_code == 400 and "incomplet ou a été modifié" in text(response)


def test_change_password_requires_the_current_one(app, client, member):
    assert sign_in(client, DEFAULT_PASSWORD).status_code == 302
    wrong = submit(
        client,
        "/compte/mot-de-passe",
        {
            "current_password": "pas le bon",
            "password": NEW_PASSWORD,
            "password_confirm": NEW_PASSWORD,
        },
    )
    assert wrong.status_code == 422
    assert field_errors(wrong.data, "current_password") == ["Le mot de passe actuel est incorrect."]
    ok = submit(
        client,
        "/compte/mot-de-passe",
        {
            "current_password": DEFAULT_PASSWORD,
            "password": NEW_PASSWORD,
            "password_confirm": NEW_PASSWORD,
        },
    )
    assert ok.status_code == 302
    assert "Votre mot de passe a été modifié." in text(client.get("/compte"))  # still signed in


def test_changing_the_password_signs_out_other_sessions(app, member):
    laptop, phone = app.test_client(), app.test_client()
    for device in (laptop, phone):
        assert sign_in(device, DEFAULT_PASSWORD).status_code == 302
    submit(
        laptop,
        "/compte/mot-de-passe",
        {
            "current_password": DEFAULT_PASSWORD,
            "password": NEW_PASSWORD,
            "password_confirm": NEW_PASSWORD,
        },
    )
    assert laptop.get("/compte").status_code == 200
    assert phone.get("/compte").status_code == 302


def test_change_email_is_confirmed_by_a_link_sent_to_the_new_address(app, client, member, smtp_server):
    _port, mailbox = smtp_server
    sign_in(client, DEFAULT_PASSWORD)
    response = submit(
        client,
        "/compte/adresse-electronique",
        {
            "email": " Claire.Martin@Meuse.example.fr ",
            "password": DEFAULT_PASSWORD,
        },
    )
    assert response.status_code == 302
    [message] = mailbox.wait_for(1)
    assert message["To"] == "claire.martin@meuse.example.fr"
    with app.app_context():
        assert db.session.get(User, member).email == "claire.martin@commercy.example.fr"  # not yet
    link = local(next(link for link in mail_links(message) if "/adresse-electronique/confirmer/" in link))
    page = client.get(link)
    assert "claire.martin@meuse.example.fr" in text(page)
    response = client.post(link, data={"csrf_token": csrf_token(page.data)})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, member).email == "claire.martin@meuse.example.fr"
    # The old address is told; the link is single use.
    mailbox.wait_for(2)
    assert mailbox.messages[1]["To"] == "claire.martin@commercy.example.fr"
    assert client.get(link).status_code == 400


def test_change_email_refusals(app, client, member):
    with app.app_context():
        make_user(email="deja.pris@example.org")
    sign_in(client, DEFAULT_PASSWORD)
    cases = [
        (
            {"email": "DEJA.PRIS@example.org ", "password": DEFAULT_PASSWORD},
            "email",
            "Un compte existe déjà avec cette adresse électronique.",
        ),
        (
            {"email": "claire.martin@commercy.example.fr", "password": DEFAULT_PASSWORD},
            "email",
            "C'est déjà votre adresse électronique.",
        ),
        (
            {"email": "nouvelle@example.org", "password": "mauvais"},
            "password",
            "Le mot de passe est incorrect.",
        ),
        (
            {"email": "pas une adresse", "password": DEFAULT_PASSWORD},
            "email",
            "Saisissez une adresse électronique valide, par exemple prenom.nom@mairie.fr.",
        ),
    ]
    for data, field, message in cases:
        response = submit(client, "/compte/adresse-electronique", data)
        assert response.status_code == 422
        assert field_errors(response.data, field) == [message]


def test_an_address_taken_meanwhile_is_refused_at_confirmation(app, client, member):
    with app.app_context():
        token = tokens.make_token(
            tokens.CHANGE_EMAIL, db.session.get(User, member), email="convoitee@example.org"
        )
        make_user(email="convoitee@example.org")
    page = client.get(f"/compte/adresse-electronique/confirmer/{token}")
    response = client.post(
        f"/compte/adresse-electronique/confirmer/{token}", data={"csrf_token": csrf_token(page.data)}
    )
    assert response.status_code == 422
    assert "Un compte existe déjà" in text(response)


def test_a_change_email_token_cannot_be_edited_to_another_address(app, client, member):
    with app.app_context():
        token = tokens.make_token(tokens.CHANGE_EMAIL, db.session.get(User, member), email="a@example.org")
    payload, _sep, rest = token.partition(".")
    forged = itsdangerous.encoding.base64_encode(b'{"id":1,"fp":"x","email":"b@example.org"}').decode()
    assert client.get(f"/compte/adresse-electronique/confirmer/{forged}.{rest}").status_code == 400
