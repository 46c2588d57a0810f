"""Search forms: saving a search (the query and facets travel as hidden fields)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length, Optional

from pvd_network.search.saved import NAME_LENGTH


def strip(value):
    return value.strip() if isinstance(value, str) else value


class SaveSearchForm(FlaskForm):
    """ "Enregistrer cette recherche": an optional name; the search itself is read from the
    hidden ``q``/facet fields by the view (the same parser as the page's query string)."""

    name = StringField(
        _l("Nom de la recherche (facultatif)"),
        description=_l("Par défaut, le texte recherché."),
        validators=[Optional(), Length(max=NAME_LENGTH, message=_l("%(max)d caractères au plus."))],
        filters=[strip],
    )


class DeleteSavedSearchForm(FlaskForm):
    """A CSRF-protected button."""
