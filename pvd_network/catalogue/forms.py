"""The listing filters: a GET form without CSRF, its values reflected in the URL."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField


class ListingFilterForm(FlaskForm):
    """Theme, région, département and stage; choices are filled in by the view."""

    class Meta:
        csrf = False

    # Invalid values are dropped by catalogue.filtering, not reported: validate_choice=False.
    theme = SelectField(_l("Thématique"), validate_choice=False)
    region = SelectField(_l("Région"), validate_choice=False)
    department = SelectField(_l("Département"), validate_choice=False)
    stage = SelectField(_l("Avancement"), validate_choice=False)
    sort = SelectField(_l("Trier par"), validate_choice=False)
