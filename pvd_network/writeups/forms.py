"""Write-up editor and moderation forms: each field checked with a French message beside it."""
from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import BooleanField, IntegerField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from pvd_network.auth.forms import COMMUNE_MAX, max_length, required, strip
from pvd_network.writeups.files import ACCEPT_ATTACHMENTS, ACCEPT_COVER
from pvd_network.writeups.models import STAGES, VISIBILITIES
from pvd_network.writeups.services import SUBMISSION_REQUIREMENTS

TITLE_MIN, TITLE_MAX = 5, 200
SUMMARY_MAX = 600
SECTION_MAX = 20_000
MAX_THEMES = 3
LIST_ITEM_MAX = 200
LIST_MAX_ITEMS = 30
BUDGET_MAX = 2_000_000_000  # fits the integer column
FIRST_YEAR = 2000
NOTE_MAX = 300
MESSAGE_MAX = 2000
_SPACES = re.compile(r"[\s\u00a0\u202f€]+")
_DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def latest_year() -> int:
    """Actions may be planned for next year, not later."""
    return date.today().year + 1


def split_list(text: str | None) -> list[str]:
    """Funders or partners typed one per line or separated by commas (or semicolons)."""
    items = (item.strip() for item in re.split(r"[\n,;]+", text or ""))
    return list(dict.fromkeys(item for item in items if item))


def join_list(items: list[str] | None) -> str:
    """How a stored list is written back into its field: one per line."""
    return "\n".join(items or [])


class FrenchIntegerField(IntegerField):
    """An integer typed the French way: "120 000", "120 000 €" or "120.000"; French messages."""

    invalid_message = _l("Saisissez un nombre entier, sans décimales.")
    widget = TextInput()  # type="number" would refuse "120 000" in the browser

    def process_formdata(self, valuelist):
        if not valuelist or not (valuelist[0] or "").strip():
            self.data = None
            return
        raw = _SPACES.sub("", valuelist[0])
        if _DOTTED_THOUSANDS.match(raw):
            raw = raw.replace(".", "")
        if not raw.isdigit():
            self.data = None
            raise ValueError(str(self.invalid_message))
        self.data = int(raw)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return str(self.data) if self.data is not None else ""


class ListField(TextAreaField):
    """A text area holding a list (one item per line or comma-separated); ``data`` is the list."""

    def process_formdata(self, valuelist):
        self.raw_text = valuelist[0] if valuelist else ""
        self.data = split_list(self.raw_text)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return join_list(self.data)


def valid_list(form, field) -> None:
    if len(field.data or []) > LIST_MAX_ITEMS:
        raise ValidationError(_l("Indiquez au plus %(n)d noms.", n=LIST_MAX_ITEMS))
    too_long = [item for item in field.data or [] if len(item) > LIST_ITEM_MAX]
    if too_long:
        raise ValidationError(_l("Chaque nom doit tenir en %(n)d caractères au plus.", n=LIST_ITEM_MAX))


def at_most_three_themes(form, field) -> None:
    if len(field.data or []) > MAX_THEMES:
        raise ValidationError(_l("Choisissez au plus %(n)d thématiques.", n=MAX_THEMES))


class CheckboxesField(SelectMultipleField):
    """Choices shown as DSFR checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def section_field(label, description):
    """A Markdown section; required ones are checked on submission only, so drafts can be partial."""
    return TextAreaField(label, description=description, filters=[strip],
                         validators=[Optional(), max_length(SECTION_MAX)],
                         render_kw={"rows": 10, "data-markdown": "", "spellcheck": "true"})


class WriteupForm(FlaskForm):
    """The editor. Drafts need a title and a commune; submission needs the rest (see views)."""

    title = StringField(
        _l("Titre"),
        description=_l("Ce que la commune a fait, en une phrase. Par exemple : « Une maison de santé "
                       "pluriprofessionnelle en centre-bourg ». Entre 5 et 200 caractères."),
        filters=[strip],
        validators=[
            required(_l("Donnez un titre à votre retour d'expérience.")),
            Length(min=TITLE_MIN, max=TITLE_MAX,
                   message=_l("Le titre doit compter entre %(min)d et %(max)d caractères.",
                              min=TITLE_MIN, max=TITLE_MAX)),
        ],
        render_kw={"maxlength": TITLE_MAX, "spellcheck": "true"},
    )
    summary = TextAreaField(
        _l("Chapô"),
        description=_l("En deux ou trois phrases, ce qu'il faut retenir. Texte simple, sans mise en "
                       "forme, 600 caractères au plus. Nécessaire pour soumettre le retour."),
        filters=[strip],
        validators=[Optional(), max_length(SUMMARY_MAX)],
        render_kw={"rows": 3, "maxlength": SUMMARY_MAX, "spellcheck": "true"},
    )
    commune = StringField(
        _l("Commune concernée"),
        description=_l("La vôtre par défaut. Saisissez le nom, le code postal ou le code Insee, "
                       "puis choisissez la commune."),
        filters=[strip],
        validators=[required(_l("Indiquez la commune concernée.")), max_length(COMMUNE_MAX)],
        render_kw={"autocomplete": "off", "data-commune-autocomplete": ""},
    )
    themes = CheckboxesField(
        _l("Thématiques"),
        description=_l("Une à trois thématiques ; au moins une pour soumettre le retour."),
        validators=[at_most_three_themes],
        validate_choice=True,
    )
    context = section_field(
        _l("Contexte"),
        _l("La situation de départ : le besoin, les habitants concernés, ce qui existait déjà. "
           "Nécessaire pour soumettre le retour."),
    )
    actions = section_field(
        _l("Actions menées"),
        _l("Ce qui a été fait, étape par étape, par qui et avec quels moyens. "
           "Nécessaire pour soumettre le retour."),
    )
    results = section_field(
        _l("Résultats"),
        _l("Facultatif. Ce qui a changé, chiffres à l'appui si possible."),
    )
    lessons = section_field(
        _l("Difficultés et enseignements"),
        _l("Facultatif. Ce qui a coincé, ce que vous referiez autrement, vos conseils aux pairs."),
    )
    budget_eur = FrenchIntegerField(
        _l("Budget total (en euros)"),
        description=_l("Facultatif. Un montant entier, par exemple 120 000."),
        validators=[Optional(), NumberRange(min=0, max=BUDGET_MAX,
                                            message=_l("Indiquez un montant positif ou nul, "
                                                       "inférieur à 2 milliards d'euros."))],
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    funders = ListField(
        _l("Financeurs"),
        description=_l("Facultatif. Un par ligne ou séparés par des virgules : Banque des territoires, "
                       "Anah, Région…"),
        validators=[valid_list],
        render_kw={"rows": 3},
    )
    partners = ListField(
        _l("Partenaires"),
        description=_l("Facultatif. Un par ligne ou séparés par des virgules."),
        validators=[valid_list],
        render_kw={"rows": 3},
    )
    stage = RadioField(
        _l("Avancement"), choices=list(STAGES.items()), validators=[Optional()], validate_choice=True
    )
    year = FrenchIntegerField(
        _l("Année de démarrage"),
        description=_l("Facultatif. Par exemple 2022."),
        validators=[Optional()],
        render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": 4},
    )
    cover = FileField(
        _l("Image de couverture"),
        description=_l("Facultatif. JPEG, PNG, WebP ou GIF, 10 Mo au plus. Évitez les photos où l'on "
                       "reconnaît des personnes sans leur accord."),
        render_kw={"accept": ACCEPT_COVER},
    )
    remove_cover = BooleanField(_l("Supprimer l'image de couverture actuelle"))
    attachments = MultipleFileField(
        _l("Ajouter des pièces jointes"),
        description=_l("Facultatif. PDF ou images (JPEG, PNG, WebP, GIF), 10 Mo au plus chacune. "
                       "Vous pouvez en sélectionner plusieurs."),
        render_kw={"accept": ACCEPT_ATTACHMENTS, "multiple": True},
    )
    remove_attachments = CheckboxesField(_l("Pièces jointes actuelles"), coerce=int, validate_choice=True)
    visibility = RadioField(
        _l("Qui peut lire ce retour ?"),
        choices=list(VISIBILITIES.items()),
        validators=[DataRequired(message=_l("Choisissez qui peut lire ce retour."))],
        validate_choice=True,
    )
    note = StringField(
        _l("Résumé de la modification"),
        description=_l("Facultatif. Affiché dans l'historique, par exemple « Ajout des résultats 2024 »."),
        filters=[strip],
        validators=[Optional(), max_length(NOTE_MAX)],
    )

    def validate_year(self, field) -> None:
        if field.data is not None and not FIRST_YEAR <= field.data <= latest_year():
            raise ValidationError(_l("Indiquez une année entre %(first)d et %(last)d.",
                                     first=FIRST_YEAR, last=latest_year()))


def require_for_submission(form: WriteupForm) -> bool:
    """Add the errors of what a moderator needs (services.SUBMISSION_REQUIREMENTS); True when complete.

    Kept out of the field validators: those of optional fields stop at ``Optional()``.
    """
    complete = True
    for name, message in SUBMISSION_REQUIREMENTS.items():
        field = getattr(form, name)
        if not field.data:
            field.errors = [*field.errors, str(message)]
            complete = False
    return complete


class PublishForm(FlaskForm):
    """Prefixed (like the two other decisions) so that the three forms of one page keep distinct ids."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="publier", **kwargs)

    message = TextAreaField(
        _l("Message à l'auteur"),
        description=_l("Facultatif. Joint au courriel qui annonce la publication."),
        filters=[strip],
        validators=[Optional(), max_length(MESSAGE_MAX)],
        render_kw={"rows": 2},
    )


class RequestChangesForm(FlaskForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="modifications", **kwargs)

    message = TextAreaField(
        _l("Modifications demandées"),
        description=_l("Ce qu'il faut compléter ou corriger. Envoyé à l'auteur par courriel."),
        filters=[strip],
        validators=[required(_l("Indiquez les modifications attendues.")), max_length(MESSAGE_MAX)],
        render_kw={"rows": 3},
    )


class RejectForm(FlaskForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="refus", **kwargs)

    reason = TextAreaField(
        _l("Motif du refus"),
        description=_l("Envoyé à l'auteur par courriel."),
        filters=[strip],
        validators=[required(_l("Indiquez le motif du refus.")), max_length(MESSAGE_MAX)],
        render_kw={"rows": 3},
    )


class ActionForm(FlaskForm):
    """A bare button (submit, archive): CSRF token only."""
