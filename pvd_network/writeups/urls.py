"""Canonical addresses of write-ups, for every feature that links to one."""
from __future__ import annotations

from flask import url_for


def writeup_url(writeup, _external: bool = False, **params) -> str:
    """``/retours/<id>-<slug>``: the one address of a write-up (others redirect here with a 301)."""
    return url_for("writeups.show", writeup_id=writeup.id, slug=writeup.slug or "retour",
                   _external=_external, **params)


def history_url(writeup, _external: bool = False) -> str:
    """``/retours/<id>-<slug>/historique``."""
    return url_for("writeups.history", writeup_id=writeup.id, slug=writeup.slug or "retour",
                   _external=_external)
