"""Write-up pages: editor, page and life cycle, history, "Mes retours", files (blueprint ``writeups``)."""
from __future__ import annotations

from flask import Blueprint, abort, url_for
from flask_babel import format_currency, format_decimal
from flask_login import current_user
from werkzeug.routing import BuildError

from pvd_network.auth.permissions import can_view_writeup
from pvd_network.core.templating import endpoint_exists
from pvd_network.extensions import login_manager
from pvd_network.writeups import services
from pvd_network.writeups.models import PUBLISHED, Writeup
from pvd_network.writeups.urls import history_url, writeup_url

bp = Blueprint("writeups", __name__)

INVALID_FORM = 422
# Listing pages of the catalogue feature first, then any later equivalent; each takes ``code``.
TERRITORY_ENDPOINTS = {
    "region": ("catalogue.region", "writeups.region"),
    "department": ("catalogue.department_shortcut", "writeups.department"),
}


def get_or_404(writeup_id: int) -> Writeup:
    writeup = services.get_writeup(writeup_id)
    if writeup is None:
        abort(404)
    return writeup


def viewable_or_abort(writeup: Writeup) -> Writeup:
    """The write-up when the current user may see it; members-only ones send visitors to sign in;
    anything unpublished or hidden is a 404 for all but its author and moderators."""
    if can_view_writeup(current_user, writeup):
        return writeup
    if (not current_user.is_authenticated and writeup.status == PUBLISHED and writeup.hidden_at is None):
        abort(login_manager.unauthorized())
    abort(404)


@bp.app_template_global("writeup_url")
def _writeup_url(writeup, _external: bool = False) -> str:
    return writeup_url(writeup, _external=_external)


@bp.app_template_global("writeup_history_url")
def _history_url(writeup) -> str:
    return history_url(writeup)


@bp.app_template_global("territory_url")
def territory_url(kind: str, code: str) -> str | None:
    """The listing page of a région or département, when a feature provides one."""
    for endpoint in TERRITORY_ENDPOINTS[kind]:
        if endpoint_exists(endpoint):
            try:
                return url_for(endpoint, code=code)
            except BuildError:
                continue
    return None


@bp.app_template_filter("euros")
def euros(value) -> str:
    """120000 -> "120 000 €" (French format, no cents)."""
    if value is None:
        return ""
    return format_currency(value, "EUR", format="#,##0\u00a0¤", currency_digits=False)


@bp.app_template_filter("filesize")
def filesize(size: int) -> str:
    """A size in French units: "850 ko", "1,2 Mo"."""
    if size < 1024 * 1024:
        return f"{format_decimal(max(1, round(size / 1024)))}\u00a0ko"
    return f"{format_decimal(round(size / (1024 * 1024), 1))}\u00a0Mo"


from pvd_network.writeups.views import editor, files, lifecycle, mine, page  # noqa: E402,F401  (routes)
