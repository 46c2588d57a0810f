"""Blocks this feature adds to lower features' pages through template hooks
(core/signals.py): a commune's write-ups on its page, a member's on their profile."""
from __future__ import annotations

from flask import render_template, request, url_for
from flask_login import current_user

from pvd_network.catalogue.cards import card_page
from pvd_network.catalogue.services import Filters
from pvd_network.core.pagination import parse_page
from pvd_network.core.signals import template_hook

PER_PAGE = 6
# The block's own page parameter, so it never collides with the host page's.
PAGE_PARAMETER = "page-retours"


def _page_url(number: int) -> str:
    args = {**request.view_args, **request.args.to_dict(), PAGE_PARAMETER: number}
    return url_for(request.endpoint, **args) + "#retours"


def _block(filters: Filters, **context) -> str:
    number = parse_page(request.args.get(PAGE_PARAMETER))
    page = card_page(current_user, filters, number, PER_PAGE)
    return render_template("catalogue/_block.html", page=page, page_url=_page_url, **context)


def commune_writeups(_name: str, commune=None, **_kwargs) -> str | None:
    """The write-ups of a commune, on its page."""
    if commune is None:
        return None
    return _block(Filters(commune=commune.insee), commune=commune)


def member_writeups(_name: str, user=None, **_kwargs) -> str | None:
    """The published write-ups of a member, on their profile."""
    if user is None:
        return None
    return _block(Filters(author_id=user.id), member=user)


def connect() -> None:
    """Connect the receivers (idempotent: blinker keeps one connection per receiver and name)."""
    template_hook.connect(commune_writeups, sender="commune-page")
    template_hook.connect(member_writeups, sender="user-profile")
