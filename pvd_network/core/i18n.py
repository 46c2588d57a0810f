"""Translations and locale formats for templates, at the cost a page can afford.

A page translates about a hundred strings and formats dozens of dates and numbers. Through
Jinja's i18n extension and Flask-Babel each string cost about 20 µs (three context calls, then
the request's context, domain and locale found again), each date or count 25 µs (Babel parses
the locale's patterns again). Same results, from catalogues and formats kept per locale.
"""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from babel import Locale, dates, numbers
from flask_babel import format_decimal, get_locale, get_translations, to_user_timezone
from jinja2 import pass_eval_context
from markupsafe import Markup

# Catalogue of each locale (language, territory), once looked up.
_catalogues: dict = {}


def _key(locale) -> tuple | None:
    # Locale objects are made again for each request, and their __eq__ is slow.
    return None if locale is None else (locale.language, locale.territory)


def catalogue():
    """The translations of the current locale (the one ``force_locale`` sets, in mails too)."""
    key = _key(get_locale())
    try:
        return _catalogues[key]
    except KeyError:
        return _catalogues.setdefault(key, get_translations())


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


def number(value) -> str:
    """A number in the reader's locale: 12 345 in French."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return _integer(value, _key(get_locale()))
    return format_decimal(value)


def dateformat(value, format: str | None = None) -> str:
    """Flask-Babel's ``dateformat`` filter: the day in the reader's time zone and locale."""
    if value is None:
        return ""
    day = to_user_timezone(value).date() if isinstance(value, datetime) else value
    return _date(day, format or "medium", _key(get_locale()))


def _locale(key: tuple | None) -> Locale | None:
    return None if key is None else Locale(*key)


@lru_cache(maxsize=4096)
def _integer(value: int, key: tuple | None) -> str:
    return numbers.format_decimal(value, locale=_locale(key))


@lru_cache(maxsize=4096)
def _date(day, format: str, key: tuple | None) -> str:
    return dates.format_date(day, format, locale=_locale(key))
