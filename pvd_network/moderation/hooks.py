"""Moderation in context: a panel on the write-up page for its moderators (template hook
"writeup-page-sidebar"), and a "Modérer" link on each comment ("comment-actions"). Review
decisions on submitted write-ups stay in the page's own panel (templates/writeups/_moderation.html);
the panel hides, restores, deletes and locks."""
from __future__ import annotations

from flask import render_template
from flask_login import current_user

from pvd_network.auth.permissions import can_moderate_comment, can_moderate_writeup
from pvd_network.core.signals import template_hook
from pvd_network.moderation import decisions, reports
from pvd_network.moderation.actions import DELETE, HIDE, KEEP, LOCK, UNHIDE, UNLOCK
from pvd_network.writeups.urls import writeup_url

IN_CONTEXT = (HIDE, UNHIDE, KEEP, LOCK, UNLOCK, DELETE)


def writeup_panel(_name: str, writeup=None, **_kwargs) -> str | None:
    """The moderators' panel of a write-up page."""
    if writeup is None or not can_moderate_writeup(current_user, writeup):
        return None
    open_count = reports.open_count(writeup=writeup)
    allowed = [a for a in IN_CONTEXT if decisions.writeup_allows(writeup, a, open_count)]
    return render_template(
        "moderation/_writeup_panel.html",
        writeup=writeup,
        allowed=allowed,
        open_count=open_count,
        token=decisions.state_token(decisions.writeup_state(writeup), open_count),
        next_url=writeup_url(writeup),
    )


def comment_action(_name: str, comment=None, author_name: str = "", **_kwargs) -> str | None:
    """"Modérer" among a comment's actions, for its moderators (template hook "comment-actions")."""
    if comment is None or not can_moderate_comment(current_user, comment):
        return None
    # No count of reports here: one query per comment would grow with the thread.
    return render_template("moderation/_comment_action.html", comment=comment, name=author_name)


def connect() -> None:
    """Connect the receivers (idempotent: blinker keeps one connection per receiver and name)."""
    template_hook.connect(writeup_panel, sender="writeup-page-sidebar")
    template_hook.connect(comment_action, sender="comment-actions")
