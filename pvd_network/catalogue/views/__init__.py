"""Browsing pages: blueprint ``catalogue`` (the listing and territories) and blueprint
``themes`` (theme pages and their administration). Both list write-ups, so they live here,
above writeups, while the themes package itself stays below it."""
from __future__ import annotations

from flask import Blueprint

from pvd_network.catalogue import links

bp = Blueprint("catalogue", __name__)
themes_bp = Blueprint("themes", __name__)

# Cards (also shown on other features' pages) link with the write-up feature's global
# ``writeup_url`` and show covers through this one.
bp.add_app_template_global(links.cover_url, "writeup_cover_url")

from pvd_network.catalogue.views import listing, territories, theme_admin, themes  # noqa: E402,F401
