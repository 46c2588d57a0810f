"""Mail leaves only after the commit; a failed send is logged and loses nothing."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest
from sqlalchemy import select

from pvd_network.auth.models import User
from pvd_network.core.mail import build_message, send_after_commit
from pvd_network.extensions import db
from tests.helpers import submit


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nobody listens there once the socket is closed


class TestWithoutServer:
    def test_messages_are_written_as_eml_files_and_logged(self, app, client, registration, caplog):
        caplog.set_level(logging.INFO, logger="pvd_network.core.mail")
        submit(client, "/inscription", registration)
        [eml] = (Path(app.instance_path) / "mail").glob("*.eml")
        raw = eml.read_bytes()
        assert b"Content-Type: multipart/alternative" in raw
        assert b"text/plain" in raw and b"text/html" in raw
        assert any(str(eml) in record.getMessage() for record in caplog.records)


class TestFailedSend:
    @pytest.fixture
    def app_config(self):
        return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": closed_port()}

    def test_the_account_is_kept_and_the_failure_logged(self, app, client, registration, caplog):
        caplog.set_level(logging.INFO)
        response = submit(client, "/inscription", registration)
        assert response.status_code == 302  # the visitor is not shown an error page
        with app.app_context():
            assert db.session.scalar(select(User.email)) == registration["email"]
        failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert any("could not be sent" in r.getMessage() for r in failures)


class TestAfterCommit:
    @pytest.fixture
    def app_config(self, smtp_server):
        return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp_server[0]}

    def test_nothing_leaves_before_the_commit_nor_after_a_rollback(self, app, smtp_server):
        _port, mailbox = smtp_server
        with app.test_request_context():
            message = build_message("Essai", ["a@example.org"], "auth/mail/deleted")
            send_after_commit(message)
            db.session.execute(select(1))
            assert mailbox.messages == []
            db.session.rollback()
            db.session.commit()
            assert mailbox.messages == []

            send_after_commit(build_message("Essai 2", ["b@example.org"], "auth/mail/deleted"))
            db.session.execute(select(1))
            db.session.commit()
            [received] = mailbox.wait_for(1)
            assert received["Subject"] == "[Réseau PVD] Essai 2"
