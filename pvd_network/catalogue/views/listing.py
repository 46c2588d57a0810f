"""The listing of write-ups, ``/retours``."""
from __future__ import annotations

from flask import render_template, request, url_for
from flask_login import current_user

from pvd_network.catalogue.cards import card_page
from pvd_network.catalogue.filtering import filter_form, parse_filters, query_args
from pvd_network.catalogue.views import bp
from pvd_network.core.page_cache import cached_for_anonymous
from pvd_network.core.pagination import parse_page

PER_PAGE = 18


@bp.get("/retours")
@cached_for_anonymous
def index():
    """Published write-ups, newest first, filtered by theme, région, département and stage."""
    filters = parse_filters(request.args)
    page = card_page(current_user, filters, parse_page(request.args.get("page")), PER_PAGE)
    args = query_args(filters)
    return render_template(
        "catalogue/index.html",
        page=page,
        form=filter_form(filters),
        filters=filters,
        page_url=lambda number: url_for("catalogue.index", page=number, **args),
    )
