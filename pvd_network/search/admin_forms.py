"""The admins' synonym group form: the checks live in search.synonyms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length


class SynonymGroupForm(FlaskForm):
    """Expressions (one per line) and a note for the other admins."""

    terms = TextAreaField(
        _l("Expressions équivalentes"),
        description=_l(
            "Une par ligne : le sigle et sa forme développée, par exemple « ORT » puis "
            "« opération de revitalisation de territoire ». Les accents, les majuscules et les "
            "pluriels sont indifférents."
        ),
        validators=[
            InputRequired(_l("Indiquez les expressions du groupe, une par ligne.")),
            Length(max=3000),
        ],
    )
    note = StringField(
        _l("Note"),
        description=_l("Facultative : ce que recouvre le groupe, pour les autres administrateurs."),
        validators=[Length(max=300, message=_l("La note tient en 300 caractères au plus."))],
    )


class DeleteForm(FlaskForm):
    """The delete button: only the CSRF token."""
