"""Every mail's subject survives Flask-Mail's re-folding: long, accented subjects keep their spaces."""

from __future__ import annotations

import pytest

from pvd_network.core.mail import build_message, deliver, encoded_subject


@pytest.fixture
def app_config(smtp_server):
    port, _mailbox = smtp_server
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port}


def test_a_long_accented_subject_arrives_whole(app, smtp_server):
    _port, mailbox = smtp_server
    subject = "Votre retour « Réhabilitation énergétique des écoles à Château-Thierry » a été publié"
    with app.test_request_context():
        message = build_message(subject, ["claire@example.org"], "auth/mail/suspended",
                                user=None, reason="")
        assert deliver(message)
    [received] = mailbox.wait_for(1)
    assert received["Subject"] == f"[Réseau PVD] {subject}"


def test_short_ascii_subjects_and_encoded_ones_are_left_alone():
    assert encoded_subject("Hello") == "Hello"
    once = encoded_subject("Une réponse à votre commentaire sur « La halle »")
    assert once.startswith("=?utf-8?b?") and encoded_subject(once) == once
