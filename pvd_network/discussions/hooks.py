"""What discussions add to lower features: the "utile" button and the thread of comments below
the write-up's content (template hook, core/signals.py); comments in "Mes données"."""
from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from pvd_network.core.pagination import parse_page
from pvd_network.core.signals import template_hook
from pvd_network.discussions import personal_data, services, threads
from pvd_network.discussions.forms import CommentForm, ReactionForm
from pvd_network.writeups.models import PUBLISHED
from pvd_network.writeups.urls import writeup_url


def discussion_block(_name: str, writeup=None, **_kwargs) -> str | None:
    """The discussion under a published write-up (a draft under review has none)."""
    if writeup is None or writeup.status != PUBLISHED:
        return None
    thread = threads.thread(writeup, current_user, parse_page(request.args.get("page")))
    # Forms for members only: building one makes a CSRF token, and so a session cookie, which
    # would keep an anonymous reader's page out of the page cache (core/page_cache.py).
    member = current_user.is_authenticated
    return render_template(
        "discussions/_thread.html",
        writeup=writeup,
        thread=thread,
        form=CommentForm(formdata=None) if member else None,
        reaction_form=ReactionForm(formdata=None) if member else None,
        closed_reason=services.closed_reason(writeup),
        page_url=lambda number: _page_url(writeup, number),
    )


def _page_url(writeup, number: int) -> str:
    """The write-up page showing the discussion's page ``number`` (page 1 without a parameter)."""
    return writeup_url(writeup, **({"page": number} if number > 1 else {})) + "#discussion"


def connect() -> None:
    """Connect the receivers (idempotent: blinker keeps one connection per receiver and name)."""
    template_hook.connect(discussion_block, sender="writeup-page-after-content")
    personal_data.connect()  # comments and "utile" in "Mes données"
