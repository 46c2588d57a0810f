"""Addresses of write-up pages and covers, as cards and feeds link to them."""
from __future__ import annotations

from flask import current_app, url_for

from pvd_network.writeups.urls import writeup_url as canonical_url


def writeup_url(writeup, external: bool = False) -> str:
    """The canonical page of a write-up: ``/retours/<id>-<slug>``."""
    if "writeups.show" in current_app.view_functions:
        return canonical_url(writeup, _external=external)
    # Until the write-up pages are registered: the same agreed address, built by hand.
    path = f"/retours/{writeup.id}-{writeup.slug or 'retour'}"
    return url_for("main.index", _external=True).rstrip("/") + path if external else path


def cover_url(writeup) -> str | None:
    """The cover image of a write-up, when it has one and covers are served."""
    if not writeup.cover or "writeups.cover" not in current_app.view_functions:
        return None
    return url_for("writeups.cover", writeup_id=writeup.id, name=writeup.cover)
