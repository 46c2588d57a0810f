"""The XSS corpus in members' names, write-up titles and comment text stays inert in the
notification list, the header and every notification email (immediate and digest)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import update

from pvd_network.auth.models import User
from pvd_network.extensions import db
from pvd_network.notifications import services as notification_services
from pvd_network.notifications.models import Notification
from tests.data.xss_corpus import VECTORS, assert_inert
from tests.factories import make_user, make_writeup
from tests.notifications.conftest import post_comment

HOSTILE_TITLE = "Halle <script>alert('titre')</script><img src=x onerror=alert(1)>"


@pytest.fixture
def app_config(smtp_config):
    return smtp_config


@pytest.fixture
def hostile(app, login_as):
    """The signed-in member's write-up, commented once per vector by a member named after it."""
    member = login_as("member", first_name="Bérénice", email="berenice@example.org")
    with app.test_request_context("/"):
        writeup = make_writeup(db.session.get(User, member.id), title=HOSTILE_TITLE)
        for n, vector in enumerate(VECTORS):
            commenter = make_user(first_name=vector[:100], last_name=f"Nom{n}")
            post_comment(writeup, commenter, f"Question {n} : {vector}")
    return member


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def _body(message) -> str:
    """The HTML part's <body> content (the layout's own <meta> and <body> are ours)."""
    html = message.get_body(preferencelist=("html",)).get_content()
    return re.search(r"<body>(.*)</body>", html, re.S).group(1)


def test_the_notification_list_is_inert(client, hostile):
    shown = set()
    for page in (1, 2):
        html = client.get(f"/notifications?page={page}").get_data(as_text=True)
        parts = re.findall(r'<p class="pvd-notification__(?:headline|excerpt)[^"]*">(.*?)</p>', html, re.S)
        for part in parts:
            assert_inert(part, f"notification list page {page}")
        shown.update(re.findall(r'id="notification-(\d+)"', html))
        main = _main(html)
        assert "<script>alert" not in main and "<img src=x" not in main and "<svg" not in main
    assert len(shown) == len(VECTORS)


def test_immediate_emails_are_inert(hostile, smtp_server):
    messages = smtp_server[1].wait_for(len(VECTORS))
    assert len(messages) == len(VECTORS)
    for message in messages:
        html = _body(message)
        assert_inert(html, f"mail {message['Subject']!r}")
        assert "Halle &lt;script&gt;" in html


def test_digest_emails_are_inert(app, runner, hostile, smtp_server):
    _port, mailbox = smtp_server
    mailbox.wait_for(len(VECTORS))
    with app.app_context():
        notification_services.set_frequency(db.session.get(User, hostile.id), "new_comment", "daily")
        db.session.execute(update(Notification).values(email_state="daily"))  # as if they had waited
        db.session.commit()
    result = runner.invoke(
        args=[
            "notifications",
            "send-digests",
            "--period",
            "daily",
            "--base-url",
            "http://localhost",
            "--skip-saved-searches",
        ]
    )
    assert "Digests: 1 sent" in result.output, result.output
    digest = mailbox.wait_for(len(VECTORS) + 1)[-1]
    html = _body(digest)
    assert_inert(html, "digest")
    assert html.count("<li>") == len(VECTORS)
