"""The audit log: every moderation action, filtered, paginated and exported as CSV (read-only)."""
from __future__ import annotations

from flask import Response, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pvd_network.auth.permissions import can_access_moderation, moderated_region_codes, permission_required
from pvd_network.core.database import utcnow
from pvd_network.core.pagination import paginate, parse_page
from pvd_network.extensions import db
from pvd_network.moderation import audit
from pvd_network.moderation.actions import ACTIONS
from pvd_network.moderation.views import BAD_REQUEST, bp, parse_date

PER_PAGE = 50
CSV_LIMIT = 100_000
AUTOMATIC = "auto"
FILTER_NAMES = ("moderateur", "action", "du", "au")


def _filters() -> tuple[audit.JournalFilters, dict[str, str], dict[str, str]]:
    """The filters of the query string, the values to show back, and errors beside the fields."""
    values = {name: request.args.get(name, "").strip() for name in FILTER_NAMES}
    filters, errors = audit.JournalFilters(), {}
    moderator = values["moderateur"]
    if moderator == AUTOMATIC:
        filters.automatic = True
    elif moderator:
        if moderator.isdigit() and len(moderator) < 10:
            filters.moderator_id = int(moderator)
        else:
            errors["moderateur"] = _("Choisissez un membre de l'équipe dans la liste.")
    if values["action"]:
        if values["action"] in ACTIONS:
            filters.action = values["action"]
        else:
            errors["action"] = _("Choisissez une action dans la liste.")
    for name, attribute in (("du", "start"), ("au", "end")):
        try:
            day = parse_date(values[name])
        except ValueError:
            errors[name] = _("Saisissez une date valide, par exemple 31/12/2025.")
            values[name] = ""  # a date input holds ISO dates only
        else:
            setattr(filters, attribute, day)
            values[name] = day.isoformat() if day else ""
    if filters.start and filters.end and filters.start > filters.end:
        errors["au"] = _("La date de fin doit suivre la date de début.")
        filters.end = None
    return filters, values, errors


@bp.get("/moderation/journal")
@permission_required(can_access_moderation)
def journal():
    """Who did what, when and why — filtered by moderator, action and dates."""
    filters, values, errors = _filters()
    statement = audit.journal_query(filters, moderated_region_codes(current_user))
    page = paginate(statement, parse_page(request.args.get("page")), PER_PAGE)
    query = {name: value for name, value in values.items() if value and name not in errors}
    return render_template(
        "moderation/journal.html",
        page=page,
        values=values,
        errors=errors,
        moderators=audit.moderators(),
        actions=sorted(((code, str(label)) for code, label in ACTIONS.items()), key=lambda pair: pair[1]),
        automatic=AUTOMATIC,
        csv_url=url_for("moderation.journal_csv", **query),
        page_url=lambda number: url_for("moderation.journal", page=number, **query),
    ), (BAD_REQUEST if errors else 200)


@bp.get("/moderation/journal.csv")
@permission_required(can_access_moderation)
def journal_csv():
    """The filtered journal as a CSV file (semicolons, UTF-8), cells safe from spreadsheet formulas."""
    filters, _values, errors = _filters()
    if errors:
        return Response(" ".join(errors.values()), status=BAD_REQUEST, mimetype="text/plain")
    statement = audit.journal_query(filters, moderated_region_codes(current_user)).limit(CSV_LIMIT)
    body = audit.csv_text(db.session.scalars(statement))
    filename = f"journal-moderation-{utcnow():%Y-%m-%d}.csv"
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
