"""Shared fixtures: the application on a real database, its clients, a live server and an SMTP server.

The database is SQLite in a temporary folder, or PostgreSQL when ``DATABASE_URL`` is set
(CI runs the suite on both). Tables are created once per session and emptied after
each test; every test starts with a small, real extract of the Etalab geography.
"""
from __future__ import annotations

import os
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from werkzeug.serving import make_server

os.environ.setdefault("PVD_ENV", "testing")

from pvd_network import create_app  # noqa: E402
from pvd_network.extensions import db  # noqa: E402
from pvd_network.geo.services import import_reference  # noqa: E402
from pvd_network.themes.services import ensure_initial_themes  # noqa: E402

TESTS_DIR = Path(__file__).resolve().parent
GEO_FIXTURES = TESTS_DIR / "data" / "geo"
PROJECT_ROOT = TESTS_DIR.parent


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """PostgreSQL when DATABASE_URL is set, else a SQLite file for the session."""
    return os.environ.get("DATABASE_URL") or "sqlite:///" + str(tmp_path_factory.mktemp("db") / "pvd.sqlite3")


def make_config(instance_path: Path, database_url: str, **overrides) -> dict:
    """Settings of a test application."""
    config = {
        "INSTANCE_PATH": instance_path,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "GEO_DATA_DIR": str(GEO_FIXTURES),
        "SERVER_NAME": None,
        "MAIL_SERVER": None,
    }
    config.update(overrides)
    return config


@pytest.fixture(scope="session")
def _schema(database_url, tmp_path_factory):
    """Create every table once per session (on a clean database)."""
    application = create_app(make_config(tmp_path_factory.mktemp("schema"), database_url))
    with application.app_context():
        db.drop_all()
        db.create_all()
    yield
    with application.app_context():
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def app_config() -> dict:
    """Extra settings for the ``app`` fixture: override in a test module to change them."""
    return {}


@pytest.fixture
def app(tmp_path, database_url, _schema, app_config):
    """The application with the small geography loaded; every row is removed afterwards."""
    application = create_app(make_config(tmp_path / "instance", database_url, **app_config))
    with application.app_context():
        import_reference(GEO_FIXTURES)
        ensure_initial_themes()
        db.session.commit()
    yield application
    with application.app_context():
        db.session.remove()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def app_ctx(app):
    """An application context, for calling services directly."""
    with app.app_context():
        yield app


# --- Live server for browser tests ------------------------------------------------------


@dataclass
class LiveServer:
    url: str

    def __call__(self, path: str = "/") -> str:
        return self.url + path


@pytest.fixture
def live_server(app):
    """The application served on a free port of 127.0.0.1, in a thread of the test process."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(url=f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    thread.join(timeout=5)


# --- A real SMTP server ------------------------------------------------------------------


@dataclass
class Mailbox:
    """Messages received by the test SMTP server, parsed."""

    messages: list[EmailMessage] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list[EmailMessage]:
        """Block until ``count`` messages have arrived (or fail after ``timeout`` seconds)."""
        with self.arrived:
            if not self.arrived.wait_for(lambda: len(self.messages) >= count, timeout=timeout):
                raise AssertionError(f"expected {count} message(s), got {len(self.messages)}")
        return self.messages

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address.lower() in m["To"].lower()]


class _Handler:
    def __init__(self, mailbox: Mailbox):
        self.mailbox = mailbox

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        with self.mailbox.arrived:
            self.mailbox.messages.append(message)
            self.mailbox.arrived.notify_all()
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    """An aiosmtpd server on 127.0.0.1; yields (port, mailbox)."""
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    port = _free_port()
    controller = Controller(_Handler(mailbox), hostname="127.0.0.1", port=port)
    controller.start()
    yield port, mailbox
    controller.stop()


# --- Accounts -------------------------------------------------------------------------------


@pytest.fixture
def login_as(app, client):
    """Create an account of a role ("member", "moderator", "admin", "suspended") and sign in."""
    from tests.factories import make_login_as

    return make_login_as(app, client)
