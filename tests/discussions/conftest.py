"""Shared helpers of the discussion tests: a published write-up, posting through the page."""
from __future__ import annotations

import re
from html import unescape

import pytest

from pvd_network.discussions.models import Comment
from pvd_network.extensions import db
from tests.factories import make_user, make_writeup
from tests.helpers import csrf_token


def detached(row):
    """``row`` loaded, then detached: readable outside the application context and after other
    requests' commits (like tests.factories.make_user). Re-read it with db.session.get to change it."""
    db.session.refresh(row)
    db.session.expunge(row)
    return row


def make_detached_writeup(author=None, **fields):
    """A published write-up (make_writeup), detached; call inside an application context."""
    return detached(make_writeup(author, **fields))


@pytest.fixture
def author(app):
    """The write-up's author, Claire Martin in Commercy."""
    with app.app_context():
        return make_user(first_name="Claire", last_name="Martin", email="claire.martin@commercy.example.fr")


@pytest.fixture
def writeup(app, author):
    """A public, published write-up by Claire Martin (detached: requests run in their own contexts)."""
    with app.app_context():
        return make_detached_writeup(author, title="Une maison de santé dans l'ancienne gendarmerie")


def page_url(writeup, **params) -> str:
    """``/retours/<id>-<slug>`` (the page's canonical address), with query parameters."""
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"/retours/{writeup.id}-{writeup.slug}" + (f"?{query}" if query else "")


def page_token(client, writeup) -> str:
    """A CSRF token from the write-up page (any form of the page carries one)."""
    response = client.get(page_url(writeup))
    assert response.status_code == 200
    return csrf_token(response.data)


def post(client, writeup, body: str, reply_to: int | None = None, token: str | None = None, **kwargs):
    """POST a comment (or a reply) like the page's form does."""
    data = {"csrf_token": token or page_token(client, writeup), "body": body}
    if reply_to is not None:
        data["reply_to"] = str(reply_to)
    return client.post(f"/retours/{writeup.id}/commentaires", data=data, **kwargs)


def comments(app, writeup_id: int) -> list[Comment]:
    """The write-up's comments in the database, oldest first (detached)."""
    with app.app_context():
        rows = list(db.session.scalars(
            db.select(Comment).where(Comment.writeup_id == writeup_id).order_by(Comment.id)
        ))
        for row in rows:
            db.session.expunge(row)
        return rows


def text(response) -> str:
    """The page's visible text, tags removed, whitespace collapsed (for "what users see" checks)."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def thread_html(response) -> str:
    """The discussion section of a write-up page."""
    html = response.get_data(as_text=True)
    match = re.search(r'<section class="pvd-discussion".*?</section>', html, re.S)
    assert match, "no discussion on the page"
    return match.group(0)
