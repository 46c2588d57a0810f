"""Browsing pages: blueprint ``catalogue`` (the listing and territories) and blueprint
``themes`` (theme pages and their administration). Both list write-ups, so they live here,
above writeups, while the themes package itself stays below it."""
from __future__ import annotations

from flask import Blueprint

from pvd_network.catalogue import links

bp = Blueprint("catalogue", __name__)
themes_bp = Blueprint("themes", __name__)

# Every template may link to a write-up and show its cover (cards in other features' pages).
bp.add_app_template_global(links.writeup_url, "writeup_url")
bp.add_app_template_global(links.cover_url, "writeup_cover_url")

from pvd_network.catalogue.views import listing, territories, theme_admin, themes  # noqa: E402,F401
