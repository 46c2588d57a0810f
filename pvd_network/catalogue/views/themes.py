"""Theme pages: ``/thematiques`` and ``/thematiques/<slug>``."""
from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_login import current_user

from pvd_network.catalogue import services
from pvd_network.catalogue.cards import card_page
from pvd_network.catalogue.filtering import filter_form, parse_filters, query_args
from pvd_network.catalogue.services import Filters
from pvd_network.catalogue.views import themes_bp as bp
from pvd_network.core.page_cache import cached_for_anonymous
from pvd_network.core.pagination import parse_page
from pvd_network.themes import services as theme_services

PER_PAGE = 12
PAGE_FILTERS = ("region", "stage")


@bp.get("/thematiques")
@cached_for_anonymous
def index():
    """A card per active theme, with how many write-ups the reader can see."""
    return render_template(
        "themes/index.html",
        themes=theme_services.active_themes(),
        counts=services.counts_by_theme(current_user),
    )


@bp.get("/thematiques/<slug>")
@cached_for_anonymous
def show(slug: str):
    """A theme and its write-ups, filtered by région and stage (archived themes too)."""
    theme = theme_services.get_by_slug(slug) if len(slug) <= 60 else None
    if theme is None:
        abort(404)
    chosen = parse_filters(request.args, theme=theme)
    filters = Filters(theme=theme, region=chosen.region, stage=chosen.stage)
    page = card_page(current_user, filters, parse_page(request.args.get("page")), PER_PAGE)
    args = query_args(filters, PAGE_FILTERS)
    return render_template(
        "themes/show.html",
        theme=theme,
        page=page,
        form=filter_form(filters, PAGE_FILTERS),
        filters=filters,
        page_url=lambda number: url_for("themes.show", slug=theme.slug, page=number, **args),
    )
