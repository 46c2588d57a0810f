"""Mails of the life cycle, through a real SMTP server: French, text + HTML, after the commit."""
from __future__ import annotations

import re

import pytest

from pvd_network.extensions import db
from pvd_network.writeups import services
from pvd_network.writeups.models import Writeup
from tests.data.xss_corpus import assert_inert
from tests.factories import make_user, sign_in
from tests.helpers import mail_links, page_token
from tests.writeups.conftest import new_writeup


@pytest.fixture
def app_config(smtp_server):
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp_server[0]}


@pytest.fixture
def people(app):
    with app.app_context():
        author = make_user(email="claire.martin@commercy.example.fr", first_name="Claire")
        moderator = make_user(email="moderation@example.org", role="moderator")
        other = make_user(email="breton@example.org", role="moderator", regions=("53",))
    return author, moderator, other


def post(client, url: str, data: dict | None = None):
    return client.post(url, data={"csrf_token": page_token(client, "/mes-retours"), **(data or {})})


def parts(message) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_moderators_of_the_region_hear_of_a_submission(app, client, people, smtp_server):
    _port, mailbox = smtp_server
    author, moderator, other = people
    writeup = new_writeup(app, author, status="draft")
    sign_in(client, author)
    post(client, f"/retours/{writeup.id}/soumettre")
    (message,) = mailbox.wait_for(1)
    assert message["To"] == "moderation@example.org"  # not the Breton moderator, not the author
    assert message["Subject"] == "[Réseau PVD] Un retour d'expérience attend votre relecture"
    text, _html = parts(message)
    assert writeup.title in text
    assert mail_links(message) == [f"http://localhost/retours/{writeup.id}-{writeup.slug}"]


def test_the_author_is_told_of_the_publication(app, client, people, smtp_server):
    _port, mailbox = smtp_server
    author, moderator, _other = people
    writeup = new_writeup(app, author, status="submitted")
    mailbox.messages.clear()
    sign_in(client, moderator)
    post(client, f"/retours/{writeup.id}/publier", {"publier-message": "Bravo pour ce retour."})
    (message,) = mailbox.wait_for(1)
    assert message["To"] == "claire.martin@commercy.example.fr"
    assert message["Subject"] == "[Réseau PVD] Votre retour d'expérience est publié"
    text, html = parts(message)
    assert text.startswith("Bonjour Claire,")
    assert "Bravo pour ce retour." in text and "Bravo pour ce retour." in html
    assert f"/retours/{writeup.id}-{writeup.slug}" in mail_links(message)[0]


def test_the_author_receives_the_requested_changes(app, client, people, smtp_server):
    _port, mailbox = smtp_server
    author, moderator, _other = people
    writeup = new_writeup(app, author, status="submitted")
    mailbox.messages.clear()
    sign_in(client, moderator)
    post(client, f"/retours/{writeup.id}/demander-des-modifications",
         {"modifications-message": "Ajoutez le budget, s'il vous plaît."})
    (message,) = mailbox.wait_for(1)
    assert message["Subject"] == "[Réseau PVD] Des modifications sont demandées sur votre retour d'expérience"
    text, _html = parts(message)
    assert "Ajoutez le budget, s'il vous plaît." in text
    assert f"http://localhost/retours/{writeup.id}/modifier" in mail_links(message)


def test_the_author_receives_the_reason_of_a_rejection(app, client, people, smtp_server):
    _port, mailbox = smtp_server
    author, moderator, _other = people
    writeup = new_writeup(app, author, status="submitted")
    mailbox.messages.clear()
    sign_in(client, moderator)
    post(client, f"/retours/{writeup.id}/refuser", {"refus-reason": "Sujet déjà traité la semaine dernière."})
    (message,) = mailbox.wait_for(1)
    assert message["Subject"] == "[Réseau PVD] Votre retour d'expérience n'a pas été retenu"
    text, html = parts(message)
    assert "Motif : Sujet déjà traité la semaine dernière." in text
    assert "Sujet déjà traité la semaine dernière." in html


def test_archiving_by_a_moderator_tells_the_author_but_not_archiving_by_oneself(app, client, people,
                                                                                 smtp_server):
    _port, mailbox = smtp_server
    author, moderator, _other = people
    first = new_writeup(app, author)
    second = new_writeup(app, author)
    sign_in(client, author)
    post(client, f"/retours/{first.id}/archiver")
    sign_in(client, moderator)
    post(client, f"/retours/{second.id}/archiver")
    (message,) = mailbox.wait_for(1)
    assert message["Subject"] == "[Réseau PVD] Votre retour d'expérience a été archivé"
    assert second.title in parts(message)[0]


def test_nothing_is_sent_for_imports_or_when_the_change_is_rolled_back(app, people, smtp_server):
    _port, mailbox = smtp_server
    author, moderator, _other = people
    with app.test_request_context():
        imported = {"title": "Importé sans relecture", "commune_insee": "55122"}
        writeup = services.create_writeup(author, imported, status="published")
        db.session.commit()
        assert writeup.status == "published"
        services.submit(services.create_writeup(author, {"title": "Jamais soumis", "commune_insee": "55122"}))
        db.session.rollback()
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Writeup)) == 1
    assert mailbox.messages == []


def test_member_written_text_is_escaped_in_mails(app, client, people, smtp_server):
    _port, mailbox = smtp_server
    author, moderator, _other = people
    writeup = new_writeup(app, author, status="submitted", title="<script>alert(1)</script> La halle")
    mailbox.messages.clear()
    sign_in(client, moderator)
    post(client, f"/retours/{writeup.id}/refuser", {"refus-reason": "<img src=x onerror=alert(1)>"})
    (message,) = mailbox.wait_for(1)
    _text, html = parts(message)
    body = re.search(r"<body>(.*)</body>", html, re.S).group(1)
    assert "&lt;script&gt;" in body and "&lt;img src=x" in body
    assert_inert(body, "rejection mail")
