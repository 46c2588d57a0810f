"""Moderation pages: queue, decisions, reports, audit log, dashboard (blueprint ``moderation``).

Decision forms are plain HTML forms (CSRF is checked for every POST by CSRFProtect); their
fields are read here and checked by the services, whose refusals are shown beside the field.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from flask import Blueprint, request
from flask_babel import gettext as _

from pvd_network.moderation.actions import action_label, state_label
from pvd_network.moderation.decisions import InvalidDecision
from pvd_network.moderation.queue import waiting_for

bp = Blueprint("moderation", __name__)
bp.add_app_template_global(action_label, "action_label")
bp.add_app_template_global(state_label, "state_label")
bp.add_app_template_global(waiting_for, "moderation_waiting")

BAD_REQUEST, CONFLICT = 400, 409
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(raw: str | None) -> date | None:
    """"2025-03-12" (date inputs) or "12/03/2025" (typed); None when empty; ValueError when malformed."""
    raw = (raw or "").strip()
    if not raw:
        return None
    if match := _ISO_DATE.match(raw):
        year, month, day = (int(part) for part in match.groups())
    elif match := _FRENCH_DATE.match(raw):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise ValueError(raw)
    return date(year, month, day)


@dataclass
class Submitted:
    """A decision form as it was posted: the values, and the errors to show beside the fields."""

    action: str = ""
    reason: str = ""
    state: str = ""
    reject_reason: str = ""
    until: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    problem: str = ""  # an error about the whole decision (already decided, unknown action)

    @property
    def until_value(self) -> str:
        """The date for the date input (ISO), or "" when it was malformed (browsers refuse others)."""
        try:
            day = parse_date(self.until)
        except ValueError:
            return ""
        return day.isoformat() if day else ""

    def until_date(self) -> date | None:
        try:
            return parse_date(self.until)
        except ValueError:
            raise InvalidDecision("until", _("Saisissez une date valide, par exemple 31/12/2025.")) from None

    def refuse(self, error) -> None:
        """Show a service's refusal: beside its field, or above the forms."""
        if isinstance(error, InvalidDecision) and error.field != "action":
            self.errors.update(error.errors)
        else:
            self.problem = error.message


def posted_decision() -> Submitted:
    """The decision form of this POST request (NUL characters are already removed)."""
    form = request.form
    return Submitted(
        action=form.get("action", "").strip(),
        reason=form.get("reason", ""),
        state=form.get("state", ""),
        reject_reason=form.get("reject_reason", ""),
        until=form.get("until", ""),
    )


from pvd_network.moderation.views import (  # noqa: E402,F401  (routes on bp)
    dashboard,
    items,
    journal,
    members,
    queue,
    reporting,
)
