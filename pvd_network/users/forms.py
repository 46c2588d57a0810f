"""Profile, directory filters and admin forms."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Optional
from wtforms.widgets import CheckboxInput, ListWidget

from pvd_network.auth.forms import (
    INVALID_CHOICE,
    commune_field,
    function_field,
    max_length,
    name_fields,
    options,
    organisation_field,
    required,
    strip,
)
from pvd_network.auth.models import FUNCTIONS, ROLES, STATUSES
from pvd_network.users.services import BIO_MAX

LOCALES = (("", _l("Selon mon navigateur")), ("fr", "Français"), ("en", "English"))


class ProfileForm(FlaskForm):
    first_name, last_name = name_fields()
    function = function_field()
    organisation = organisation_field()
    commune = commune_field()
    bio = TextAreaField(
        _l("Présentation"),
        description=_l("Facultatif. Votre parcours, vos projets, ce sur quoi vous pouvez aider. "
                       "Mise en forme Markdown : **gras**, *italique*, listes, liens."),
        filters=[strip],
        validators=[Optional(), max_length(BIO_MAX)],
        render_kw={"rows": 8},
    )
    avatar = FileField(
        _l("Photo de profil"),
        description=_l("Facultatif. JPEG, PNG, WebP ou GIF, 2 Mo au plus ; elle sera recadrée en carré."),
        render_kw={"accept": "image/jpeg,image/png,image/webp,image/gif"},
    )
    remove_avatar = BooleanField(_l("Supprimer ma photo actuelle"))
    locale = SelectField(
        _l("Langue de l'interface"), choices=options(LOCALES), invalid_choice_message=INVALID_CHOICE
    )


class DirectoryFilterForm(FlaskForm):
    """The directory's filters, read from the query string (GET: no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField(_l("Nom ou prénom"), filters=[strip], validators=[Optional(), max_length(100)])
    region = SelectField(_l("Région"), validate_choice=False)
    department = SelectField(_l("Département"), validate_choice=False)
    function = SelectField(
        _l("Fonction"),
        choices=options([("", _l("Toutes les fonctions")), *FUNCTIONS.items()]),
        validate_choice=False,
    )


class AdminFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Nom ou adresse électronique"), filters=[strip],
                    validators=[Optional(), max_length(100)])
    status = SelectField(
        _l("Statut"),
        choices=options([("", _l("Tous (sauf supprimés)")), *STATUSES.items()]),
        validate_choice=False,
    )
    role = SelectField(
        _l("Rôle"), choices=options([("", _l("Tous les rôles")), *ROLES.items()]), validate_choice=False
    )


class RoleForm(FlaskForm):
    role = SelectField(_l("Rôle"), choices=options(ROLES), invalid_choice_message=INVALID_CHOICE)
    regions = SelectMultipleField(
        _l("Régions modérées"),
        description=_l("Pour un modérateur ou une modératrice : aucune case cochée = toutes les régions."),
        invalid_choice_message=_l("Région inconnue."),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )


class ReasonForm(FlaskForm):
    """Suspension or refusal: the reason is sent to the member."""

    reason = TextAreaField(
        _l("Motif"),
        description=_l("Il sera communiqué au membre par courriel."),
        filters=[strip],
        validators=[required(_l("Indiquez le motif.")), max_length(1000)],
        render_kw={"rows": 3},
    )


class ActionForm(FlaskForm):
    """A bare button (approve, reactivate): CSRF token only."""

