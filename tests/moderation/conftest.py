"""Shared helpers of the moderation tests: a cast of members, decisions posted like the pages do."""
from __future__ import annotations

import re
from email import message_from_bytes, policy
from html import unescape
from pathlib import Path
from types import SimpleNamespace

import pytest

from pvd_network.auth.models import User
from pvd_network.discussions import services as discussions
from pvd_network.extensions import db
from pvd_network.moderation.models import ModerationAction
from tests.factories import make_user, make_writeup, sign_in
from tests.helpers import csrf_token


@pytest.fixture
def cast(app):
    """Claire (author, Commercy, Grand Est), three members, Marc (moderator of Grand Est), Brigitte
    (moderator of Bretagne) and Alice (admin). Detached users: re-read them to change them."""
    with app.app_context():
        return SimpleNamespace(
            author=make_user(first_name="Claire", last_name="Martin", email="claire@example.org"),
            members=[make_user(first_name=name, last_name="Membre", email=f"{address}@example.org")
                     for name, address in (("Léa", "lea"), ("Hugo", "hugo"), ("Inès", "ines"))],
            moderator=make_user(first_name="Marc", last_name="Dubois", email="marc@example.org",
                                role="moderator", regions=("44",)),
            other_moderator=make_user(first_name="Brigitte", last_name="Le Goff", role="moderator",
                                      email="brigitte@example.org", regions=("53",), commune_insee="29019"),
            admin=make_user(first_name="Alice", last_name="Admin", email="alice@example.org", role="admin"),
        )


def new_writeup(app, author, **fields) -> int:
    """A write-up made through the real services (published unless ``status`` says otherwise); its id."""
    with app.app_context():
        return make_writeup(author, **fields).id


def new_comment(app, writeup_id: int, author, body: str = "Merci pour ce retour très utile.") -> int:
    """A comment posted through the discussions services; its id."""
    from pvd_network.writeups.models import Writeup

    with app.app_context():
        writeup = db.session.get(Writeup, writeup_id)
        comment = discussions.post_comment(writeup, db.session.get(User, author.id), body)
        db.session.commit()
        return comment.id


def as_user(client, user) -> None:
    """Sign ``client`` in as ``user`` (replacing whoever was signed in)."""
    with client.session_transaction() as session:
        session.clear()
    sign_in(client, user)


_STATE = re.compile(r'<form[^>]*id="decision-(\w+)".*?name="state" value="([^"]*)"', re.S)


def states(html: str | bytes) -> dict[str, str]:
    """The state token of each decision form of a page, by action."""
    text = html.decode() if isinstance(html, bytes) else html
    return {action: unescape(state) for action, state in _STATE.findall(text)}


def decide(client, page: str, action: str, reason: str = "Motif de test.", state: str | None = None,
           **fields):
    """GET the moderation ``page`` (its CSRF token and the form's state), then POST the decision."""
    response = client.get(page)
    assert response.status_code == 200, f"{page}: {response.status_code}"
    if state is None:
        state = states(response.data).get(action, "")
    data = {"csrf_token": csrf_token(response.data), "action": action, "reason": reason, "state": state,
            **fields}
    return client.post(page + "/decision", data=data)


def mails_to(app, address: str) -> list:
    """Messages written to the instance's mail folder (no MAIL_SERVER in tests) for ``address``."""
    folder = Path(app.instance_path) / "mail"
    paths = sorted(folder.glob("*.eml"))
    messages = [message_from_bytes(path.read_bytes(), policy=policy.default) for path in paths]
    return [m for m in messages if address in m["To"]]


def text(response) -> str:
    """The page's visible text, tags removed, whitespace collapsed."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def audit_rows(app, **filters) -> list[ModerationAction]:
    """The audit log, oldest first (detached rows)."""
    with app.app_context():
        statement = db.select(ModerationAction).filter_by(**filters).order_by(ModerationAction.id)
        rows = list(db.session.scalars(statement))
        for row in rows:
            db.session.expunge(row)
        return rows
