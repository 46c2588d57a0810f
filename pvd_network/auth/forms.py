"""Account forms: every field validated with a French message shown beside it."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, ValidationError

try:  # WTForms >= 3.3 wants SelectChoice objects; older versions take (value, label) pairs
    from wtforms.fields.choices import SelectChoice
except ImportError:  # pragma: no cover
    SelectChoice = None

from pvd_network.auth.models import FUNCTIONS
from pvd_network.auth.passwords import MAX_LENGTH, password_problem

EMAIL_MAX = 254
NAME_MAX = 100
ORGANISATION_MAX = 200
COMMUNE_MAX = 120


INVALID_CHOICE = _l("Choisissez une valeur dans la liste.")


def options(pairs) -> list:
    """Choices for select, radio and checkbox-list fields, from (value, label) pairs."""
    pairs = list(pairs.items()) if isinstance(pairs, dict) else list(pairs)
    if SelectChoice is None:  # pragma: no cover
        return pairs
    return [SelectChoice(value, label) for value, label in pairs]


def strip(value):
    return value.strip() if isinstance(value, str) else value


def required(message=None):
    return DataRequired(message=message or _l("Ce champ est obligatoire."))


def max_length(n: int):
    return Length(max=n, message=_l("Ce champ ne doit pas dépasser %(max)d caractères.", max=n))


def email_field(label=None):
    return EmailField(
        label or _l("Adresse électronique"),
        filters=[strip],
        validators=[
            required(_l("Saisissez votre adresse électronique.")),
            max_length(EMAIL_MAX),
            Email(message=_l("Saisissez une adresse électronique valide, par exemple prenom.nom@mairie.fr.")),
        ],
        render_kw={"autocomplete": "email", "spellcheck": "false"},
    )


class StrongPassword:
    """The password policy of :mod:`pvd_network.auth.passwords`, using the form's other fields."""

    def __call__(self, form, field):
        email = form.email.data if hasattr(form, "email") and form.email.data else ""
        names = tuple(
            getattr(form, name).data or "" for name in ("first_name", "last_name") if hasattr(form, name)
        )
        problem = password_problem(field.data or "", email=email, names=names)
        if problem:
            raise ValidationError(problem)


def new_password_fields():
    password = PasswordField(
        _l("Mot de passe"),
        description=_l("Au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir."),
        validators=[InputRequired(message=_l("Choisissez un mot de passe.")), StrongPassword()],
        render_kw={"autocomplete": "new-password", "maxlength": MAX_LENGTH},
    )
    confirm = PasswordField(
        _l("Confirmation du mot de passe"),
        validators=[
            InputRequired(message=_l("Saisissez à nouveau le mot de passe.")),
            EqualTo("password", message=_l("Les deux mots de passe ne sont pas identiques.")),
        ],
        render_kw={"autocomplete": "new-password", "maxlength": MAX_LENGTH},
    )
    return password, confirm


def commune_field(label=None):
    return StringField(
        label or _l("Commune"),
        description=_l(
            "Saisissez le nom, le code postal ou le code Insee de votre commune, puis choisissez-la."
        ),
        filters=[strip],
        validators=[required(_l("Indiquez votre commune.")), max_length(COMMUNE_MAX)],
        render_kw={"autocomplete": "off", "data-commune-autocomplete": ""},
    )


def function_field():
    return RadioField(
        _l("Fonction"),
        choices=options(FUNCTIONS),
        validators=[InputRequired(message=_l("Choisissez votre fonction."))],
        validate_choice=True,
        invalid_choice_message=INVALID_CHOICE,
    )


def name_fields():
    first = StringField(
        _l("Prénom"),
        filters=[strip],
        validators=[required(_l("Indiquez votre prénom.")), max_length(NAME_MAX)],
        render_kw={"autocomplete": "given-name"},
    )
    last = StringField(
        _l("Nom"),
        filters=[strip],
        validators=[required(_l("Indiquez votre nom.")), max_length(NAME_MAX)],
        render_kw={"autocomplete": "family-name"},
    )
    return first, last


def organisation_field():
    return StringField(
        _l("Organisation"),
        description=_l("Mairie, intercommunalité, préfecture, Banque des territoires…"),
        filters=[strip],
        validators=[required(_l("Indiquez votre organisation.")), max_length(ORGANISATION_MAX)],
        render_kw={"autocomplete": "organization"},
    )


class RegistrationForm(FlaskForm):
    first_name, last_name = name_fields()
    email = email_field(_l("Adresse électronique professionnelle"))
    password, password_confirm = new_password_fields()
    commune = commune_field()
    function = function_field()
    organisation = organisation_field()
    accept_terms = BooleanField(
        _l("J'accepte les conditions générales d'utilisation"),
        validators=[DataRequired(message=_l("Vous devez accepter les conditions générales d'utilisation."))],
    )


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(
        _l("Mot de passe"),
        validators=[InputRequired(message=_l("Saisissez votre mot de passe.")), max_length(1000)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(
        _l("Se souvenir de moi"), description=_l("Rester connecté·e 30 jours sur cet appareil.")
    )
    next = HiddenField()


class EmailOnlyForm(FlaskForm):
    """Forgotten password, new confirmation link."""

    email = email_field()


class ResetPasswordForm(FlaskForm):
    password, password_confirm = new_password_fields()


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Mot de passe actuel"),
        validators=[InputRequired(message=_l("Saisissez votre mot de passe actuel.")), max_length(1000)],
        render_kw={"autocomplete": "current-password"},
    )
    password, password_confirm = new_password_fields()


class ChangeEmailForm(FlaskForm):
    email = email_field(_l("Nouvelle adresse électronique"))
    password = PasswordField(
        _l("Mot de passe"),
        description=_l("Pour confirmer qu'il s'agit bien de vous."),
        validators=[InputRequired(message=_l("Saisissez votre mot de passe.")), max_length(1000)],
        render_kw={"autocomplete": "current-password"},
    )


class DeleteAccountForm(FlaskForm):
    password = PasswordField(
        _l("Mot de passe"),
        validators=[InputRequired(message=_l("Saisissez votre mot de passe.")), max_length(1000)],
        render_kw={"autocomplete": "current-password"},
    )
    confirm = BooleanField(
        _l("Je comprends que la suppression est définitive"),
        validators=[DataRequired(message=_l("Cochez la case pour confirmer la suppression."))],
    )


class ConfirmForm(FlaskForm):
    """A button behind a link from a mail: the link alone never changes anything."""
