"""The search page ``/recherche``, saved searches, and the search API (blueprint ``search``).

The JSON routes (``/api/v1/search``, ``/api/v1/search/suggest``) live in api_views.py on
this same blueprint.
"""

from __future__ import annotations

import logging

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from pvd_network.auth.permissions import member_required
from pvd_network.core.pagination import Page
from pvd_network.extensions import db
from pvd_network.search import facets, params, saved
from pvd_network.search import services as search_services
from pvd_network.search.forms import SaveSearchForm
from pvd_network.search.params import SearchRequest
from pvd_network.search.store import IndexUnavailable
from pvd_network.writeups.models import PUBLISHED, Writeup

log = logging.getLogger(__name__)
bp = Blueprint("search", __name__)

UNAVAILABLE = 503


def nothing_to_search() -> bool:
    """True when no write-up is published: a new site, whose index may not exist yet."""
    published = select(Writeup.id).where(Writeup.status == PUBLISHED, Writeup.hidden_at.is_(None)).limit(1)
    return db.session.scalar(published) is None


def _search(search: SearchRequest) -> search_services.SearchPage:
    try:
        return search_services.search(
            search.query, search.filters, search.page, search.per_page, search.sort, viewer=current_user
        )
    except IndexUnavailable:
        # A new site with nothing published has no index yet: that is "no result", not an
        # outage. With write-ups to search and no index, the callers say it is unavailable.
        if not nothing_to_search():
            raise
        return search_services.SearchPage(
            query=search.query,
            hits=[],
            total=0,
            page=search.page,
            per_page=search.per_page,
            facets={name: {} for name in search_services.FACETS},
            sort=search.sort,
        )


def run(search: SearchRequest, last_page_past_the_end: bool = True) -> search_services.SearchPage:
    """The page of results asked for (past the last page, the last one unless told otherwise).

    Raises IndexUnavailable when there are write-ups to search but no usable index.
    """
    found = _search(search)
    if last_page_past_the_end and found.total and found.page > found.pages:
        search.page = found.pages
        found = _search(search)
    return found


@bp.get("/recherche")
def index():
    """Search the write-ups: highlighted results, facets, sort, pagination; the newest without a query."""
    search = params.from_args(request.args)
    context = {"search": search, "save_form": SaveSearchForm(formdata=None)}
    try:
        found = run(search)
    except IndexUnavailable:
        log.warning("Search page without an index: run `flask search rebuild`", exc_info=True)
        return render_template("search/index.html", unavailable=True, **context), UNAVAILABLE
    groups = facets.groups(found, search.filters)
    return render_template(
        "search/index.html",
        unavailable=False,
        found=found,
        pager=Page(items=found.hits, number=found.page, per_page=found.per_page, total=found.total),
        groups=groups,
        page_url=lambda number: url_for("search.index", **search.args(page=number)),
        **context,
    )


@bp.get("/recherche/enregistrer")
def save_form_page():
    """Reached after signing in from the save button: back to the search."""
    return redirect(url_for("search.index", **params.from_args(request.args).filter_args()))


@bp.post("/recherche/enregistrer")
@member_required
def save():
    """Save the current query and facets for the signed-in member."""
    search = params.from_args(request.form)
    back = url_for("search.index", **search.args(page=1))
    form = SaveSearchForm()
    if not form.validate():
        flash(
            _("La recherche n'a pas été enregistrée : %(error)s", error=" ".join(form.name.errors)), "error"
        )
        return redirect(back)
    try:
        row, created = saved.save_search(
            current_user,
            search,
            name=form.name.data or "",
            fallback_name=saved.default_name(search, facets.labels()) or _("Tous les retours d'expérience"),
        )
    except saved.TooManySavedSearches:
        flash(
            _(
                "Vous avez déjà %(n)s recherches enregistrées : supprimez-en depuis votre compte.",
                n=saved.MAX_PER_MEMBER,
            ),
            "error",
        )
        return redirect(back)
    db.session.commit()
    if created:
        flash(
            _("Recherche enregistrée : « %(name)s ». Retrouvez-la dans votre compte.", name=row.name),
            "success",
        )
    else:
        flash(_("Cette recherche était déjà enregistrée, sous le nom « %(name)s ».", name=row.name), "info")
    return redirect(back)


def _own_or_abort(saved_id: int):
    row = saved.get_saved_search(saved_id)
    if row is None:
        abort(404)
    if not saved.can_manage_saved_search(current_user, row):
        abort(403)
    return row


@bp.get("/recherche/enregistrees/<int(max=2147483647):saved_id>")
@member_required
def run_saved(saved_id: int):
    """Run a saved search again (its owner only)."""
    return redirect(saved.run_url(_own_or_abort(saved_id)))


@bp.post("/recherche/enregistrees/<int(max=2147483647):saved_id>/supprimer")
@member_required
def delete_saved(saved_id: int):
    """Delete a saved search (its owner only)."""
    row = _own_or_abort(saved_id)
    name = row.name
    saved.delete_saved_search(row)
    db.session.commit()
    flash(_("La recherche « %(name)s » a été supprimée.", name=name), "success")
    return redirect(url_for("auth.account") + "#recherches-enregistrees")


# The JSON routes and the similar write-ups block of this blueprint.
from pvd_network.search import api_views, similar_views  # noqa: E402,F401
