"""Jinja filters and globals shared by every template."""
from __future__ import annotations

from flask import Flask, current_app, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from pvd_network.core import i18n
from pvd_network.core.signals import render_template_hook

# Main navigation, in order. An entry whose endpoint is not registered yet is left out,
# so a link to a feature that is not built is absent rather than broken.
NAVIGATION = (
    ("main.index", _l("Accueil")),
    ("catalogue.index", _l("Retours d'expérience")),
    ("themes.index", _l("Thématiques")),
    ("search.index", _l("Recherche")),
    ("users.directory", _l("Membres")),
)


def endpoint_exists(endpoint: str) -> bool:
    """True when a view is registered under ``endpoint``."""
    return endpoint in current_app.view_functions


def navigation() -> list[dict]:
    """The main navigation entries available in this build, marking the current one."""
    current = request.endpoint or ""
    items = []
    for endpoint, label in NAVIGATION:
        if not endpoint_exists(endpoint):
            continue
        blueprint = endpoint.split(".", 1)[0]
        active = current == endpoint or (endpoint != "main.index" and current.startswith(blueprint + "."))
        items.append({"url": url_for(endpoint), "label": label, "active": active})
    return items


def register(app: Flask) -> None:
    """Install the filters and globals on ``app``."""
    app.jinja_env.filters.update(number=i18n.number, dateformat=i18n.dateformat)
    app.jinja_env.globals.update(
        template_hook=render_template_hook,
        endpoint_exists=endpoint_exists,
        navigation=navigation,
        current_locale=lambda: str(get_locale() or "fr"),
    )
    # In place of Jinja's i18n extension's (installed by Flask-Babel): see core/i18n.py.
    app.jinja_env.globals.update(_=i18n.gettext, gettext=i18n.gettext, ngettext=i18n.ngettext)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
