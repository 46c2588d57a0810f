"""The cover picture of a write-up, as cards show it."""
from __future__ import annotations

from flask import current_app, url_for


def cover_url(writeup) -> str | None:
    """The cover image of a write-up, when it has one and covers are served."""
    if not writeup.cover or "writeups.cover" not in current_app.view_functions:
        return None
    return url_for("writeups.cover", writeup_id=writeup.id, name=writeup.cover)
