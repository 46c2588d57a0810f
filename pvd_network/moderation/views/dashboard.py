"""The moderators' dashboard: figures and SVG charts, each with its data table."""
from __future__ import annotations

from flask import render_template
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from pvd_network.auth.permissions import can_access_moderation, moderated_region_codes, permission_required
from pvd_network.moderation import charts, dashboard
from pvd_network.moderation.views import bp


def _small_multiples(prefix: str, month_list, series_list) -> list[charts.Chart]:
    top = charts.nice_max(max((max(s.values) for s in series_list), default=0))
    result = []
    for index, series in enumerate(series_list):
        items = [("", format_date(month, "MMMM yyyy"), value)
                 for month, value in zip(month_list, series.values, strict=True)]
        summary = ngettext("%(num)d retour publié en douze mois.", "%(num)d retours publiés en douze mois.",
                           series.total)
        result.append(charts.spark_bars(f"{prefix}-{index}", series.name, summary, items, top))
    return result


@bp.get("/moderation/tableau-de-bord", endpoint="dashboard")
@permission_required(can_access_moderation)
def dashboard_page():
    """Waiting items and their age, decisions per week, reports by reason, publications over time."""
    scope = moderated_region_codes(current_user)
    per_week = dashboard.decisions_per_week(scope)
    busiest = max(per_week, key=lambda pair: pair[1])
    total = sum(v for _w, v in per_week)
    summary = _("%(total)d décisions en douze semaines ; la semaine la plus chargée, celle du %(week)s, en "
                "compte %(max)d.", total=total, week=format_date(busiest[0], "d MMMM"), max=busiest[1])
    decisions_chart = charts.vertical_bars(
        "graphique-decisions",
        _("Décisions par semaine (12 dernières semaines)"),
        summary if total else _("Aucune décision en douze semaines."),
        [(format_date(w, "d/MM"), _("Semaine du %(date)s", date=format_date(w, "d MMMM yyyy")), v)
         for w, v in per_week],
        (_("Semaine"), _("Décisions")),
    )
    by_reason = dashboard.reports_by_reason(scope)
    reasons_chart = charts.horizontal_bars(
        "graphique-signalements",
        _("Signalements par raison (12 dernières semaines)"),
        ngettext("%(num)d signalement en douze semaines.", "%(num)d signalements en douze semaines.",
                 sum(v for _r, v in by_reason)),
        by_reason,
        (_("Raison"), _("Signalements")),
    )
    month_list, per_theme = dashboard.published_per_theme(scope)
    _months, per_region = dashboard.published_per_region(scope)
    return render_template(
        "moderation/dashboard.html",
        waiting=dashboard.waiting(scope),
        decisions_chart=decisions_chart,
        reasons_chart=reasons_chart,
        months=month_list,
        theme_charts=_small_multiples("graphique-theme", month_list, per_theme),
        region_charts=_small_multiples("graphique-region", month_list, per_region),
        per_theme=per_theme,
        per_region=per_region,
        scope_names=[r.name for r in current_user.moderated_regions] if scope is not None else [],
    )
