"""Notification fixtures: members, a published write-up, comments posted the real way, mailboxes."""

from __future__ import annotations

import socket

import pytest
from sqlalchemy import select

from pvd_network.auth.models import User
from pvd_network.discussions.models import Comment
from pvd_network.extensions import db
from pvd_network.notifications.models import Notification
from pvd_network.writeups.models import Writeup
from tests.factories import make_user, make_writeup


def closed_port() -> int:
    """A port nobody listens on once this socket is closed."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_config(smtp_server) -> dict:
    """Settings pointing Flask-Mail at the test SMTP server."""
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp_server[0]}


@pytest.fixture
def links(app):
    """A request context, so mails built outside a view get absolute links (http://localhost/)."""
    with app.test_request_context("/"):
        yield


@pytest.fixture
def people(app_ctx):
    """Three members: Bérénice writes the write-up, Antoine and Chloé discuss it."""
    return {
        "author": make_user(first_name="Bérénice", last_name="Auteur", email="berenice@example.org"),
        "antoine": make_user(first_name="Antoine", last_name="Commentateur", email="antoine@example.org"),
        "chloe": make_user(first_name="Chloé", last_name="Mentionnée", email="chloe@example.org"),
    }


@pytest.fixture
def writeup(app_ctx, people):
    """A published write-up by Bérénice (she follows it: authors do)."""
    author = db.session.get(User, people["author"].id)
    return make_writeup(author, title="Une halle gourmande en centre-bourg")


def post_comment(writeup: Writeup, author: User, body: str, parent: Comment | None = None) -> Comment:
    """A comment posted through discussions.services, committed (its signal, receivers and
    after-commit mails run as in a request)."""
    from pvd_network.discussions import services

    writeup = db.session.get(Writeup, writeup.id)
    author = db.session.get(User, author.id)
    parent = db.session.get(Comment, parent.id) if parent is not None else None
    comment = services.post_comment(writeup, author, body, parent=parent)
    db.session.commit()
    return comment


def notifications_of(user: User) -> list[Notification]:
    """Every notification row of ``user`` (shown or not), oldest first."""
    return list(
        db.session.scalars(
            select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
        )
    )


def kinds_of(user: User) -> list[str]:
    return [notification.kind for notification in notifications_of(user)]
