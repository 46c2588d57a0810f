"""Confirmation of the address by a signed link: 48 hours, single use, tamper-proof."""

from __future__ import annotations

import time

import itsdangerous
import pytest
from sqlalchemy import select

from pvd_network.auth import tokens
from pvd_network.auth.models import STATUS_ACTIVE, STATUS_PENDING, User
from pvd_network.extensions import db
from tests.factories import make_user
from tests.helpers import csrf_token, mail_links, submit


@pytest.fixture
def app_config(smtp_server):
    port, _mailbox = smtp_server
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port}


def confirmation_link(mailbox, address, count=1) -> str:
    mailbox.wait_for(count)
    [message] = mailbox.to(address)[-1:]
    return next(link for link in mail_links(message) if "/inscription/confirmer/" in link)


def path_of(link: str) -> str:
    return link.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_the_mail_arrives_in_french_with_text_and_html_and_the_link_confirms(
    app, client, registration, smtp_server
):
    _port, mailbox = smtp_server
    assert submit(client, "/inscription", registration).status_code == 302
    [message] = mailbox.wait_for(1)
    assert message["To"] == "claire.martin@commercy.example.fr"
    assert message["Subject"] == "[Réseau PVD] Confirmez votre adresse électronique"
    assert message.get_body(preferencelist=("plain",)).get_content().startswith("Bonjour Claire,")
    html = message.get_body(preferencelist=("html",)).get_content()
    assert '<html lang="fr">' in html and "Confirmer mon adresse électronique" in html

    link = path_of(confirmation_link(mailbox, registration["email"]))
    page = client.get(link)  # the link alone changes nothing (mail scanners follow links)
    assert page.status_code == 200
    assert "Confirmer mon adresse" in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(User.status)) == "unconfirmed"
    response = client.post(link, data={"csrf_token": csrf_token(page.data)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/connexion")
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.status == STATUS_ACTIVE and user.confirmed_at is not None

    # Single use: the same link is now dead, and says so.
    again = client.get(link)
    assert again.status_code == 400
    assert "déjà été utilisé" in again.get_data(as_text=True)


def test_a_tampered_link_is_refused(app, client):
    with app.app_context():
        user = make_user(status="unconfirmed")
        with app.test_request_context():
            token = tokens.make_token(tokens.CONFIRM, user)
    for bad in (token[:-2] + ("aa" if not token.endswith("aa") else "bb"), "nimporte-quoi", token + "x"):
        response = client.get(f"/inscription/confirmer/{bad}")
        assert response.status_code == 400
        assert "incomplet ou a été modifié" in response.get_data(as_text=True)


def test_a_link_signed_for_another_purpose_is_refused(app, client):
    with app.app_context():
        user = make_user(status="unconfirmed")
        token = tokens.make_token(tokens.RESET, user)
    assert client.get(f"/inscription/confirmer/{token}").status_code == 400


def test_a_link_older_than_48_hours_has_expired(app, client, monkeypatch):
    with app.app_context():
        user = make_user(status="unconfirmed")
        monkeypatch.setattr(
            itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: int(time.time()) - 48 * 3600 - 5
        )
        token = tokens.make_token(tokens.CONFIRM, user)
        monkeypatch.undo()
    response = client.get(f"/inscription/confirmer/{token}")
    assert response.status_code == 400
    assert "expiré" in response.get_data(as_text=True)
    # Posting to it changes nothing either.
    response = client.post(f"/inscription/confirmer/{token}", data={"csrf_token": "x"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.get(User, user.id).status == "unconfirmed"


def test_a_link_just_under_48_hours_still_works(app, client, monkeypatch):
    with app.app_context():
        user = make_user(status="unconfirmed")
        monkeypatch.setattr(
            itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: int(time.time()) - 47 * 3600
        )
        token = tokens.make_token(tokens.CONFIRM, user)
        monkeypatch.undo()
    assert client.get(f"/inscription/confirmer/{token}").status_code == 200


def test_unconfirmed_accounts_cannot_sign_in_and_can_ask_for_a_new_link(
    app, client, registration, smtp_server
):
    _port, mailbox = smtp_server
    submit(client, "/inscription", registration)
    mailbox.wait_for(1)
    response = submit(
        client, "/connexion", {"email": registration["email"], "password": registration["password"]}
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "pas encore confirmée" in html and "/inscription/nouveau-lien" in html

    response = submit(client, "/inscription/nouveau-lien", {"email": "CLAIRE.martin@commercy.example.fr "})
    assert response.status_code == 302
    link = path_of(confirmation_link(mailbox, registration["email"], count=2))
    page = client.get(link)
    client.post(link, data={"csrf_token": csrf_token(page.data)})
    with app.app_context():
        assert db.session.scalar(select(User.status)) == STATUS_ACTIVE


def test_asking_a_new_link_for_an_unknown_address_says_the_same_and_sends_nothing(client, smtp_server):
    _port, mailbox = smtp_server
    response = submit(client, "/inscription/nouveau-lien", {"email": "personne@example.org"})
    assert response.status_code == 302
    assert "Si un compte non confirmé correspond" in client.get("/connexion").get_data(as_text=True)
    time.sleep(0.2)
    assert mailbox.messages == []


class TestApprovalRequired:
    @pytest.fixture
    def app_config(self, smtp_server):
        port, _mailbox = smtp_server
        return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "REQUIRE_APPROVAL": True}

    def test_confirmed_account_waits_and_staff_are_told(self, app, client, registration, smtp_server):
        _port, mailbox = smtp_server
        with app.app_context():
            make_user(email="admin@anct.example.fr", role="admin")
            make_user(email="modo.grand-est@example.org", role="moderator", regions=("44",))
            make_user(email="modo.bretagne@example.org", role="moderator", regions=("53",))
        submit(client, "/inscription", registration)
        link = path_of(confirmation_link(mailbox, registration["email"]))
        page = client.get(link)
        response = client.post(link, data={"csrf_token": csrf_token(page.data)})
        assert response.status_code == 200
        assert "en attente de validation" in response.get_data(as_text=True)
        with app.app_context():
            assert db.session.scalar(select(User.status).where(User.email == registration["email"])) == (
                STATUS_PENDING
            )
        mailbox.wait_for(3)
        notified = {m["To"] for m in mailbox.messages if "attend votre validation" in m["Subject"]}
        # Commercy is in Grand Est: the Breton moderator is not asked.
        assert notified == {"admin@anct.example.fr", "modo.grand-est@example.org"}
        response = submit(
            client, "/connexion", {"email": registration["email"], "password": registration["password"]}
        )
        assert response.status_code == 422
        assert "en attente de validation" in response.get_data(as_text=True)
