"""What search adds to lower features, through template hooks and account signals:
similar write-ups on a write-up page, saved searches on the account page, in "Mes données",
and their removal when an account is erased."""

from __future__ import annotations

import logging

from flask import render_template
from flask_login import current_user

from pvd_network.auth import signals as account_signals
from pvd_network.core.signals import template_hook
from pvd_network.search import facets, saved
from pvd_network.search.forms import DeleteSavedSearchForm
from pvd_network.search.similar import cached_similar, is_cheap, similar

log = logging.getLogger(__name__)
EXPORT_SECTION = "recherches_enregistrees"


def similar_writeups(_name: str, writeup=None, **_kwargs) -> str | None:
    """ "Retours similaires", in the write-up page's sidebar (nothing when there are none).

    Computed with the page on a small index or when already known for the live index;
    otherwise a placeholder that the page's script fills from ``search.similar_block`` (and a
    link to the same list for readers without JavaScript), so the page never waits for it."""
    if writeup is None:
        return None
    try:
        found = similar(writeup, current_user) if is_cheap() else cached_similar(writeup, current_user)
    except Exception:  # noqa: BLE001 - a side block never takes the write-up page down
        log.warning("Similar write-ups unavailable for write-up %s", writeup.id, exc_info=True)
        return None
    if found is None:
        return render_template("search/_similar_placeholder.html", writeup=writeup)
    if not found:
        return None
    return render_template("search/_similar.html", writeups=found)


def saved_searches_block(_name: str, user=None, **_kwargs) -> str | None:
    """The member's saved searches, on their account page."""
    if user is None or not user.is_authenticated:
        return None
    rows = saved.saved_searches_of(user)
    entries = [(row, saved.as_request(row)) for row in rows]
    return render_template(
        "search/_saved_searches.html",
        entries=entries,
        labels=facets.labels() if rows else {},
        delete_form=DeleteSavedSearchForm(formdata=None),
    )


def export_saved_searches(user, **_kwargs):
    """("recherches_enregistrees", [...]) for the member's "Mes données" download."""
    return EXPORT_SECTION, saved.export(user)


def erase_saved_searches(user, **_kwargs) -> None:
    """Accounts are anonymised, not deleted: their saved searches go with the personal data."""
    saved.erase(user)


def connect() -> None:
    """Connect the receivers (idempotent: blinker keeps one connection per receiver and sender)."""
    template_hook.connect(similar_writeups, sender="writeup-page-sidebar")
    template_hook.connect(saved_searches_block, sender="account-page")
    account_signals.personal_data_requested.connect(export_saved_searches)
    account_signals.erasing.connect(erase_saved_searches)
