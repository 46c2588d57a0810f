"""Template translations and formats (core/i18n.py) give what Flask-Babel gives, per locale:
strings, plurals, values escaped in HTML (not in mail text), dates in the reader's time zone."""
from __future__ import annotations

import datetime

import pytest
from flask import render_template_string
from flask_babel import force_locale, format_date, format_decimal


@pytest.mark.parametrize("language", ["fr", "en"])
def test_dates_and_numbers_are_flask_babel_s(app, language):
    values = [datetime.datetime(2024, 3, 5, 23, 30),
              datetime.datetime(2024, 3, 5, 10, 0, tzinfo=datetime.UTC), datetime.date(2024, 1, 1)]
    with app.test_request_context("/", headers={"Accept-Language": language}):
        for value in values:
            for pattern in ("long", "short", "yyyyMMdd", "MMM yy", None):
                shown = render_template_string("{{ v|dateformat(pattern) }}", v=value, pattern=pattern)
                assert shown == format_date(value, pattern)
        for number in (0, 7, 12345, 1234567, 3.5):
            assert render_template_string("{{ n|number }}", n=number) == format_decimal(number)


def test_a_late_evening_in_paris_is_the_next_day(app):
    with app.test_request_context("/", headers={"Accept-Language": "fr"}):
        assert render_template_string("{{ d|dateformat('long') }}", d=datetime.datetime(2024, 3, 5, 23, 30)) \
            == "6 mars 2024"


def test_strings_follow_the_reader_s_language_and_forced_mail_locale(app):
    template = "{{ _('Accueil') }} {{ ngettext('%(num)s commentaire', '%(num)s commentaires', n) }}"
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert render_template_string(template, n=2) == "Home 2 comments"
        with force_locale("fr"):
            assert render_template_string(template, n=1) == "Accueil 1 commentaire"
        assert render_template_string(template, n=1) == "Home 1 comment"


def test_values_are_escaped_in_html_only(app):
    value = "<b>Claire</b>"
    with app.test_request_context("/", headers={"Accept-Language": "fr"}):
        html = app.jinja_env.from_string("{{ _('En réponse à %(name)s', name=value) }}")
        text = app.jinja_env.from_string("{% autoescape false %}{{ _('En réponse à %(name)s', name=value) }}"
                                         "{% endautoescape %}")
        assert html.render(value=value) == "En réponse à &lt;b&gt;Claire&lt;/b&gt;"
        assert text.render(value=value) == "En réponse à <b>Claire</b>"
