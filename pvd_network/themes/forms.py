"""The administrators' theme form (add, rename): checks live in themes.services."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length


def strip(value):
    return value.strip() if isinstance(value, str) else value


class ThemeForm(FlaskForm):
    """Name, one-line description and DSFR pictogram; the slug only when adding."""

    slug = StringField(
        _l("Identifiant dans les adresses"),
        description=_l("Lettres minuscules sans accent, chiffres et tirets. Il ne pourra plus être modifié."),
        filters=[strip],
        validators=[InputRequired(_l("Indiquez un identifiant.")), Length(max=60)],
    )
    name = StringField(
        _l("Nom"), filters=[strip], validators=[InputRequired(_l("Indiquez un nom.")), Length(max=100)]
    )
    description = TextAreaField(
        _l("Description"),
        description=_l("Une phrase qui dit ce que la thématique recouvre (300 caractères au plus)."),
        filters=[strip],
        validators=[Length(max=300)],
    )
    pictogram = SelectField(_l("Pictogramme"), validate_choice=True)


class ConfirmForm(FlaskForm):
    """An action button (archive, unarchive): only the CSRF token."""
