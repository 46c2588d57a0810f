"""Write-ups made in their own application context, for tests that send requests as
different readers (no context stays pushed: Flask-Login caches the user in ``g``).

The context's end drains the search change log, as the end of a request does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from pvd_network.core.database import utcnow
from pvd_network.extensions import db
from pvd_network.writeups.models import Writeup
from tests.factories import make_user, make_writeup


@dataclass(frozen=True)
class Ref:
    id: int
    title: str
    path: str


def add_author(app, **fields) -> int:
    with app.app_context():
        return make_user(**{"first_name": "Claire", "last_name": "Martin", **fields}).id


def add_writeup(app, author_id: int, title: str, **fields) -> Ref:
    """A committed write-up (published unless ``status`` says otherwise; see make_writeup)."""
    from pvd_network.auth.models import User

    with app.app_context():
        writeup = make_writeup(db.session.get(User, author_id), title=title, **fields)
        return Ref(id=writeup.id, title=writeup.title, path=f"/retours/{writeup.id}-{writeup.slug}")


def hide_without_reindexing(app, ref: Ref) -> None:
    """Hide a write-up in the database only: the index still has it (a drain is pending)."""
    with app.app_context():
        writeup = db.session.get(Writeup, ref.id)
        writeup.hidden_at = utcnow()
        db.session.commit()


def result_titles(html: str) -> list[str]:
    block = re.search(r'<ol class="pvd-results".*?</ol>', html, re.S)
    if not block:
        return []
    return [
        unescape(t)
        for t in re.findall(r'<h3 class="fr-card__title"><a href="[^"]+">([^<]+)</a>', block.group(0))
    ]


def results_block(html: str) -> str:
    block = re.search(r'<ol class="pvd-results".*?</ol>', html, re.S)
    return block.group(0) if block else ""
