"""Jinja filters and globals shared by every template."""
from __future__ import annotations

from flask import Flask, current_app, request, url_for
from flask_babel import format_decimal, get_locale, get_translations
from flask_babel import lazy_gettext as _l
from jinja2 import pass_eval_context
from markupsafe import Markup

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


def number(value) -> str:
    """A number in the reader's locale: 12 345 in French."""
    if value is None:
        return ""
    return format_decimal(value)


# The catalogue of each locale, once looked up. Flask-Babel finds the request's context, domain
# and locale again for every string (about 20 µs, and a page translates about a hundred).
_catalogues: dict = {}


def catalogue():
    """The translations of the current locale (the one ``force_locale`` sets, in mails too)."""
    locale = get_locale()
    try:
        return _catalogues[locale]
    except KeyError:
        return _catalogues.setdefault(locale, get_translations())


@pass_eval_context
def gettext(_eval_context, _string: str, /, **variables) -> str:
    """``_("…", name=value)`` in templates: translated, values escaped in HTML templates."""
    text = catalogue().ugettext(_string)
    if _eval_context.autoescape:
        text = Markup(text)  # noqa: S704 - our own catalogue's text; the values are escaped by %
    return text % variables


@pass_eval_context
def ngettext(_eval_context, _singular: str, _plural: str, _count: int, /, **variables) -> str:
    """``ngettext("%(num)s …", "%(num)s …", n)``: the form for ``n``, ``num`` available."""
    variables.setdefault("num", _count)
    text = catalogue().ungettext(_singular, _plural, _count)
    if _eval_context.autoescape:
        text = Markup(text)  # noqa: S704 - as in gettext
    return text % variables


def register(app: Flask) -> None:
    """Install the filters and globals on ``app``."""
    app.jinja_env.filters["number"] = number
    app.jinja_env.globals.update(
        template_hook=render_template_hook,
        endpoint_exists=endpoint_exists,
        navigation=navigation,
        current_locale=lambda: str(get_locale() or "fr"),
    )
    # Jinja's i18n extension (installed by Flask-Babel) routes each string through three
    # context calls; these do what its "newstyle" functions do, in one.
    app.jinja_env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
