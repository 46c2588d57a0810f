"""Account pages: registration, sign-in, passwords, "Mon compte" (blueprint ``auth``)."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template

from pvd_network.auth.services import FieldErrors

bp = Blueprint("auth", __name__)

INVALID_FORM = 422


def rate(name: str):
    """A rate limit read from the settings at request time (``RATELIMIT_<NAME>``)."""
    return lambda: current_app.config[f"RATELIMIT_{name}"]


def apply_errors(form, error: FieldErrors) -> None:
    """Show a service's refusals beside the fields they concern."""
    for field_name, message in error.errors.items():
        field = getattr(form, field_name, None)
        if field is None:
            form.form_errors.append(message)
        else:
            field.errors = [*field.errors, message]


def render_form(template: str, form, **context):
    """Render a form page; 422 when it was submitted and refused (the values stay in the fields)."""
    status = INVALID_FORM if form.is_submitted() else 200
    return render_template(template, form=form, **context), status


from pvd_network.auth.views import account, registration, session  # noqa: E402,F401  (routes on bp)
