"""One sentence per notification, the same in the list page, the immediate email and digests.

Texts are plain: names, titles and comment text written by members are escaped by the
(autoescaping) templates that show them, never marked safe here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from pvd_network.notifications import services
from pvd_network.notifications.models import (
    FOLLOWED_REGION,
    FOLLOWED_THEME,
    MENTION,
    MODERATION,
    NEW_COMMENT,
    REPLY,
    SAVED_SEARCH,
    Notification,
)

EXCERPT_LENGTH = 280
ICONS = {
    NEW_COMMENT: "fr-icon-chat-3-line",
    REPLY: "fr-icon-reply-line",
    MENTION: "fr-icon-at-line",
    FOLLOWED_THEME: "fr-icon-article-line",
    FOLLOWED_REGION: "fr-icon-map-pin-2-line",
    SAVED_SEARCH: "fr-icon-search-line",
    MODERATION: "fr-icon-shield-line",
}


@dataclass
class Item:
    """What is shown of one notification."""

    id: int
    kind: str
    kind_label: str
    headline: str
    excerpt: str
    url: str
    created_at: datetime
    is_read: bool
    icon: str


def _excerpt(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1].rstrip() + "…"


def headline(notification: Notification) -> str:
    """The notification in one sentence ("Camille Martin a répondu à votre commentaire sur « … »")."""
    actor = notification.actor.display_name if notification.actor is not None else _("Un membre")
    reveal = services.reveals_content(notification)
    title = notification.writeup.title if notification.writeup is not None and reveal else ""
    kind = notification.kind
    if kind == NEW_COMMENT:
        return _("%(actor)s a commenté « %(title)s »", actor=actor, title=title)
    if kind == REPLY:
        return _("%(actor)s a répondu à votre commentaire sur « %(title)s »", actor=actor, title=title)
    if kind == MENTION:
        return _("%(actor)s vous a mentionné·e dans un commentaire sur « %(title)s »",
                 actor=actor, title=title)
    if kind == FOLLOWED_THEME:
        return _("Nouveau retour d'expérience dans la thématique %(theme)s : « %(title)s »",
                 theme=notification.message, title=title)
    if kind == FOLLOWED_REGION:
        return _("Nouveau retour d'expérience dans la région %(region)s : « %(title)s »",
                 region=notification.message, title=title)
    if kind == SAVED_SEARCH:
        name = notification.saved_search.name if notification.saved_search is not None else ""
        return _("Nouveau retour d'expérience pour votre recherche « %(search)s » : « %(title)s »",
                 search=name, title=title)
    if title:
        return _("Décision de l'équipe de modération sur « %(title)s »", title=title)
    return _("Décision de l'équipe de modération")


def excerpt(notification: Notification) -> str:
    """A short quote: the comment's beginning, the write-up's summary, or the decision."""
    if notification.kind == MODERATION:
        return _excerpt(notification.message)
    comment = notification.comment
    if comment is not None:
        return _excerpt(comment.body)
    if notification.writeup is not None:
        return _excerpt(notification.writeup.summary)
    return ""


def describe(notification: Notification, _external: bool = False) -> Item:
    """Everything a page or a mail shows of ``notification``."""
    return Item(
        id=notification.id,
        kind=notification.kind,
        kind_label=notification.kind_label,
        headline=headline(notification),
        excerpt=excerpt(notification),
        url=services.target_url(notification, _external=_external),
        created_at=notification.created_at,
        is_read=notification.is_read,
        icon=ICONS.get(notification.kind, "fr-icon-notification-3-line"),
    )


def subject(notification: Notification) -> str:
    """The subject of the immediate email about ``notification``."""
    return headline(notification)
