"""The write-up page (canonical address, stale slugs redirected) and its history."""
from __future__ import annotations

from flask import redirect, render_template
from flask_login import current_user

from pvd_network.auth.permissions import can_moderate_writeup, can_submit_writeup
from pvd_network.core.page_cache import cached_for_anonymous
from pvd_network.writeups import files, services
from pvd_network.writeups import history as writeup_history
from pvd_network.writeups.forms import PublishForm, RejectForm, RequestChangesForm
from pvd_network.writeups.models import SECTIONS, SUBMITTED, Writeup
from pvd_network.writeups.urls import history_url, writeup_url
from pvd_network.writeups.views import bp, get_or_404, viewable_or_abort


def render_page(writeup: Writeup, status: int = 200, **forms):
    """The page, with the moderators' forms (those given keep their values and errors)."""
    moderating = writeup.status == SUBMITTED and can_moderate_writeup(current_user, writeup)
    if moderating:
        forms = {
            "publish_form": forms.get("publish_form") or PublishForm(formdata=None),
            "changes_form": forms.get("changes_form") or RequestChangesForm(formdata=None),
            "reject_form": forms.get("reject_form") or RejectForm(formdata=None),
        }
    # Forms only for moderators: building one makes a CSRF token, and so a session cookie,
    # which would keep the page of an anonymous reader out of the page cache.
    return render_template(
        "writeups/page.html",
        writeup=writeup,
        moderating=moderating,
        **(forms if moderating else {}),
        sections=SECTIONS,
        attachment_type=files.type_label,
        missing=services.submission_problems(writeup) if can_submit_writeup(current_user, writeup) else {},
    ), status


@bp.get("/retours/<int:writeup_id>-<slug>")
@cached_for_anonymous
def show(writeup_id: int, slug: str):
    """A write-up: content, territory, themes, figures, files, author; its life cycle for those concerned."""
    writeup = viewable_or_abort(get_or_404(writeup_id))
    if slug != writeup.slug:
        return redirect(writeup_url(writeup), 301)
    return render_page(writeup)


@bp.get("/retours/<int:writeup_id>")
@bp.get("/retours/<int:writeup_id>-")
def show_without_slug(writeup_id: int):
    """``/retours/42`` (or ``/retours/42-``) -> the canonical address."""
    writeup = viewable_or_abort(get_or_404(writeup_id))
    return redirect(writeup_url(writeup), 301)


@bp.get("/retours/<int:writeup_id>-<slug>/historique")
def history(writeup_id: int, slug: str):
    """Each published revision with what changed from the previous one."""
    writeup = viewable_or_abort(get_or_404(writeup_id))
    if slug != writeup.slug:
        return redirect(history_url(writeup), 301)
    return render_template("writeups/history.html", writeup=writeup, entries=writeup_history.history(writeup))


@bp.get("/retours/<int:writeup_id>/historique")
def history_without_slug(writeup_id: int):
    """``/retours/42/historique`` -> the canonical history address."""
    writeup = viewable_or_abort(get_or_404(writeup_id))
    return redirect(history_url(writeup), 301)
