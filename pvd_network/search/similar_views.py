"""``/retours/<id>/similaires``: the "Retours similaires" block on its own (blueprint ``search``).

The write-up page's script fetches the fragment (``?fragment=1``) when the block was not known
with the page; readers without JavaScript follow the placeholder's link to the full page.
"""

from __future__ import annotations

import logging

from flask import abort, render_template, request
from flask_login import current_user

from pvd_network.auth.permissions import can_view_writeup
from pvd_network.search.similar import similar
from pvd_network.search.store import IndexUnavailable
from pvd_network.search.views import UNAVAILABLE, bp
from pvd_network.writeups import services as writeup_services

log = logging.getLogger(__name__)
NO_CONTENT = 204


@bp.get("/retours/<int(max=2147483647):writeup_id>/similaires")
def similar_block(writeup_id: int):
    """Write-ups like this one that the reader may see: a fragment for the page, or a page."""
    writeup = writeup_services.get_writeup(writeup_id)
    if writeup is None or not can_view_writeup(current_user, writeup):
        abort(404)
    fragment = request.args.get("fragment") == "1"
    try:
        found = similar(writeup, current_user)
    except IndexUnavailable:
        log.warning("Similar write-ups unavailable for write-up %s", writeup.id, exc_info=True)
        if fragment:
            return "", UNAVAILABLE
        found, unavailable = [], True
    else:
        unavailable = False
    if fragment:
        if not found:
            return "", NO_CONTENT
        return render_template("search/_similar.html", writeups=found)
    return render_template("search/similar.html", writeup=writeup, writeups=found, unavailable=unavailable)
