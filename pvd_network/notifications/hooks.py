"""Blocks this feature adds to lower features' pages through template hooks (core/signals.py):
"Suivre" buttons on write-up, theme and région pages, and links on the account page."""
from __future__ import annotations

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pvd_network.auth.permissions import can_follow, can_follow_writeup
from pvd_network.core.signals import template_hook
from pvd_network.notifications import follows
from pvd_network.notifications.forms import FollowForm


def _button(target, action: str, label: str, on_text: str, off_text: str) -> str:
    following = follows.is_following(current_user, target)
    form = FollowForm(formdata=None, follow="0" if following else "1", next=request.full_path.rstrip("?"))
    return render_template(
        "notifications/_follow_button.html",
        form=form, action=action, label=label, following=following,
        status=on_text if following else off_text,
    )


def _sign_in_hint(text: str) -> str:
    return render_template("notifications/_follow_sign_in.html", text=text,
                           login_url=url_for("auth.login", next=request.full_path.rstrip("?")))


def writeup_follow(_name: str, writeup=None, **_kwargs) -> str | None:
    """"Suivre ce retour", in the write-up page's sidebar."""
    if writeup is None or writeup.hidden_at is not None or not writeup.is_published:
        return None
    if not current_user.is_authenticated:
        return _sign_in_hint(
            _("Connectez-vous pour suivre ce retour et être prévenu·e des nouveaux commentaires.")
        )
    if not can_follow_writeup(current_user, writeup):
        return None
    return _button(
        writeup, url_for("notifications.follow_writeup", writeup_id=writeup.id), _("Suivre ce retour"),
        _("Vous suivez ce retour : chaque nouveau commentaire vous est signalé."),
        _("Suivez ce retour pour être prévenu·e des nouveaux commentaires."),
    )


def theme_follow(_name: str, theme=None, **_kwargs) -> str | None:
    """"Suivre cette thématique", on its page."""
    if theme is None or not can_follow(current_user):
        return None
    return _button(
        theme, url_for("notifications.follow_theme", slug=theme.slug), _("Suivre cette thématique"),
        _("Vous suivez cette thématique : chaque nouveau retour d'expérience vous est signalé."),
        _("Suivez cette thématique pour être prévenu·e des nouveaux retours d'expérience."),
    )


def region_follow(_name: str, region=None, **_kwargs) -> str | None:
    """"Suivre cette région", on its page."""
    if region is None or not can_follow(current_user):
        return None
    return _button(
        region, url_for("notifications.follow_region", code=region.code), _("Suivre cette région"),
        _("Vous suivez cette région : chaque nouveau retour d'expérience vous est signalé."),
        _("Suivez cette région pour être prévenu·e des nouveaux retours d'expérience."),
    )


def account_links(_name: str, user=None, **_kwargs) -> str | None:
    """Notifications, follows and email preferences, on the account page."""
    if user is None or not can_follow(user):
        return None
    return render_template("notifications/_account_block.html")


def connect() -> None:
    """Connect the receivers (idempotent: blinker keeps one connection per receiver and name)."""
    template_hook.connect(writeup_follow, sender="writeup-page-sidebar")
    template_hook.connect(theme_follow, sender="theme-page-actions")
    template_hook.connect(region_follow, sender="territory-page-actions")
    template_hook.connect(account_links, sender="account-page")
