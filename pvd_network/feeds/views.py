"""Atom feeds (blueprint ``feeds``): public write-ups only, whoever asks.

Feeds are read by aggregators without a session, and a member's feed reader could share
its URL: they never carry members-only, unpublished or hidden content, even when the
request happens to come with a member's session cookie.
"""
from __future__ import annotations

import uuid
from html import escape

from flask import Blueprint, Response, abort, url_for
from flask_babel import gettext as _

from pvd_network.catalogue import services
from pvd_network.catalogue.services import Filters
from pvd_network.core.database import as_utc, utcnow
from pvd_network.extensions import db
from pvd_network.feeds import atom
from pvd_network.themes import services as theme_services
from pvd_network.writeups.models import SECTIONS, Writeup
from pvd_network.writeups.urls import writeup_url

bp = Blueprint("feeds", __name__)

ENTRIES = 30
MAX_AGE = 300  # seconds aggregators and proxies may keep a feed


def _entry_id(writeup: Writeup) -> str:
    """Stable across title (and so URL) changes: a name-based UUID of the site and the id."""
    site = url_for("main.index", _external=True)
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{site}retours/{writeup.id}").urn


def content_html(writeup: Writeup) -> str:
    """The sections, each under its title, as stored (already sanitised on save)."""
    parts = []
    for field, title in SECTIONS:
        html = getattr(writeup, f"{field}_html")
        if html:
            parts.append(f"<h2>{escape(str(title))}</h2>\n{html}")
    return "\n".join(parts)


def _entry(writeup: Writeup) -> atom.Entry:
    published = as_utc(writeup.published_at)
    author = writeup.author.display_name if writeup.author is not None else _("Ancien membre")
    return atom.Entry(
        id=_entry_id(writeup),
        title=writeup.title,
        link=writeup_url(writeup, _external=True),
        published=published,
        updated=max(published, as_utc(writeup.updated_at)),
        author=author,
        summary=writeup.summary,
        content_html=content_html(writeup),
        categories=[(theme.slug, theme.name) for theme in writeup.themes],
    )


def _feed(filters: Filters, title: str, self_endpoint: str, alternate: str, **view_args) -> Response:
    statement = services.listing(None, filters, full=True).limit(ENTRIES)
    writeups = list(db.session.scalars(statement))
    entries = [_entry(w) for w in writeups]
    self_url = url_for(self_endpoint, _external=True, **view_args)
    feed = atom.Feed(
        id=self_url,
        title=title,
        self_url=self_url,
        alternate_url=alternate,
        updated=max((e.updated for e in entries), default=utcnow()),
        subtitle=_("Retours d'expérience publics des chefs de projet Petites villes de demain"),
    )
    response = Response(atom.render(feed, entries), content_type=atom.CONTENT_TYPE)
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    return response


@bp.get("/retours/flux.atom", endpoint="all")
def latest():
    """The latest public write-ups."""
    return _feed(
        Filters(), _("Réseau PVD — retours d'expérience"), "feeds.all",
        url_for("catalogue.index", _external=True),
    )


@bp.get("/thematiques/<slug>/flux.atom")
def theme(slug: str):
    """The latest public write-ups of a theme."""
    found = theme_services.get_by_slug(slug) if len(slug) <= 60 else None
    if found is None:
        abort(404)
    return _feed(
        Filters(theme=found), _("Réseau PVD — %(name)s", name=found.name), "feeds.theme",
        url_for("themes.show", slug=found.slug, _external=True), slug=found.slug,
    )


@bp.get("/territoires/<code>/flux.atom")
def region(code: str):
    """The latest public write-ups of a région."""
    found = services.get_region(code)
    if found is None:
        abort(404)
    return _feed(
        Filters(region=found.code), _("Réseau PVD — retours d'expérience en %(name)s", name=found.name),
        "feeds.region", url_for("catalogue.region", code=found.code, _external=True), code=found.code,
    )


