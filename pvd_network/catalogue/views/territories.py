"""Territory pages: a région, a département, with figures and their write-ups."""
from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from pvd_network.catalogue import services
from pvd_network.catalogue.cards import card_page
from pvd_network.catalogue.filtering import filter_form, parse_filters, query_args
from pvd_network.catalogue.services import Filters
from pvd_network.catalogue.views import bp
from pvd_network.core.page_cache import cached_for_anonymous
from pvd_network.core.pagination import parse_page

PER_PAGE = 12
PAGE_FILTERS = ("theme", "stage")


@bp.get("/territoires/<code>")
@cached_for_anonymous
def region(code: str):
    """A région: figures, its départements and the write-ups of its communes."""
    found = services.get_region(code)
    if found is None:
        abort(404)
    chosen = parse_filters(request.args, region=found)
    filters = Filters(theme=chosen.theme, stage=chosen.stage, region=found.code)
    page = card_page(current_user, filters, parse_page(request.args.get("page")), PER_PAGE)
    args = query_args(filters, PAGE_FILTERS)
    return render_template(
        "catalogue/region.html",
        region=found,
        figures=services.territory_figures(current_user, Filters(region=found.code)),
        departments=services.departments(found.code),
        department_counts=services.counts_by_department(current_user, found.code),
        page=page,
        form=filter_form(filters, PAGE_FILTERS),
        filters=filters,
        page_url=lambda number: url_for("catalogue.region", code=found.code, page=number, **args),
    )


@bp.get("/territoires/<region_code>/<code>")
@cached_for_anonymous
def department(region_code: str, code: str):
    """A département: figures and the write-ups of its communes."""
    found = services.get_department(code)
    if found is None:
        abort(404)
    if region_code != found.region_code or code != found.code:
        return redirect(url_for("catalogue.department", region_code=found.region_code, code=found.code), 301)
    chosen = parse_filters(request.args)
    filters = Filters(theme=chosen.theme, stage=chosen.stage, region=found.region_code, department=found.code)
    page = card_page(current_user, filters, parse_page(request.args.get("page")), PER_PAGE)
    args = query_args(filters, PAGE_FILTERS)
    return render_template(
        "catalogue/department.html",
        department=found,
        figures=services.territory_figures(current_user, Filters(department=found.code)),
        page=page,
        form=filter_form(filters, PAGE_FILTERS),
        filters=filters,
        page_url=lambda number: url_for(
            "catalogue.department", region_code=found.region_code, code=found.code, page=number, **args
        ),
    )


@bp.get("/departements/<code>")
def department_shortcut(code: str):
    """``/departements/55`` leads to the département's page under its région."""
    found = services.get_department(code)
    if found is None:
        abort(404)
    return redirect(url_for("catalogue.department", region_code=found.region_code, code=found.code), 301)
