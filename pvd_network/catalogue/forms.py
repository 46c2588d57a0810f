"""The listing filters: a GET form without CSRF, its values reflected in the URL."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import SelectField
from wtforms.widgets import Select


class PlainOptionsSelect(Select):
    """WTForms' select, each plain option written directly: the filter form of a listing page
    has about sixty, and building their attributes one by one took a fifth of its rendering."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        if choice.render_kw or kwargs or isinstance(choice.value, bool):
            return super().render_option(choice, **kwargs)
        selected = "selected " if choice.selected else ""  # attributes in WTForms' order
        label = escape(choice.label or choice.value)
        # Value and label escaped above; Markup.format would escape them again, more slowly.
        return Markup(f'<option {selected}value="{escape(choice.value)}">{label}</option>')  # noqa: S704


class ListingFilterForm(FlaskForm):
    """Theme, région, département and stage; choices are filled in by the view."""

    class Meta:
        csrf = False

    # Invalid values are dropped by catalogue.filtering, not reported: validate_choice=False.
    theme = SelectField(_l("Thématique"), validate_choice=False, widget=PlainOptionsSelect())
    region = SelectField(_l("Région"), validate_choice=False, widget=PlainOptionsSelect())
    department = SelectField(_l("Département"), validate_choice=False, widget=PlainOptionsSelect())
    stage = SelectField(_l("Avancement"), validate_choice=False, widget=PlainOptionsSelect())
    sort = SelectField(_l("Trier par"), validate_choice=False, widget=PlainOptionsSelect())
