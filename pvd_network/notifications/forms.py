"""Forms of follows, notifications and email preferences (CSRF-protected, French messages)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField
from wtforms.validators import AnyOf

from pvd_network.auth.forms import options
from pvd_network.notifications.models import FREQUENCIES, KINDS


class ActionForm(FlaskForm):
    """A button that only needs its CSRF token (mark read, mark all read, unsubscribe)."""


class FollowForm(FlaskForm):
    """Follow ("1") or stop following ("0"), then go back to ``next``."""

    follow = HiddenField(validators=[AnyOf(["0", "1"], message=_l("Choix inconnu."))])
    next = HiddenField()


FREQUENCY_ERROR = _l("Choisissez l'une des fréquences proposées.")


class PreferencesForm(FlaskForm):
    """One radio group per kind of notification (field name = kind code), added below."""


for _kind, _label in KINDS.items():
    setattr(
        PreferencesForm,
        _kind,
        RadioField(
            _label,
            choices=options(FREQUENCIES),
            validate_choice=False,  # AnyOf gives the French message instead of WTForms' own
            validators=[AnyOf(list(FREQUENCIES), message=FREQUENCY_ERROR)],
        ),
    )
