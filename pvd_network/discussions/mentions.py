"""``@Prénom Nom`` in comments: find the members it names and link them to their profile.

Mentions are resolved on the HTML the sanitiser produced, text node by text node (never
inside links, code or preformatted blocks), so Markdown cannot forge one and a member's
name is escaped like any other text. The link added is ours: a relative URL to a profile
built from the member's id, and the whole result goes through the sanitiser once more.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import unescape

from flask import current_app
from markupsafe import escape
from sqlalchemy import select

from pvd_network.auth.models import STATUS_ACTIVE, User
from pvd_network.core.markup import sanitize_html
from pvd_network.core.text import fold
from pvd_network.extensions import db

# "@" not glued to a word or an address (claire@commercy.fr), then 1 to 4 words starting with a
# letter: names keep their hyphens and apostrophes (Jean-Pierre, N'Diaye), digits after a letter.
MENTION = re.compile(r"(?<![\w@.])@([^\W\d_][\w'’\-]*(?:[ \u00a0][^\W\d_][\w'’\-]*){0,3})")
MAX_WORDS = 4
# Sanitised HTML: "<" in text is always escaped, and attribute values are quoted.
_TAG = re.compile(r"(<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
# Text inside these elements is never turned into a mention link.
_SKIPPED = {"a", "code", "pre"}


@dataclass
class Rendered:
    """The HTML with mention links, and the members mentioned outside quotes (in order)."""

    html: str
    mentioned: list[User] = field(default_factory=list)


def _prefixes(words: str) -> list[str]:
    """"Jean Pierre Martin" -> ["Jean Pierre Martin", "Jean Pierre", "Jean"] (longest first)."""
    parts = re.split(r"[ \u00a0]", words)
    return [" ".join(parts[:n]) for n in range(len(parts), 0, -1)]


def candidates(text: str) -> set[str]:
    """Folded names that ``@`` mentions in ``text`` could stand for."""
    found = set()
    for match in MENTION.finditer(text):
        found.update(fold(prefix) for prefix in _prefixes(match.group(1)))
    return found


def _members(names: set[str], prefer: Iterable[int]) -> dict[str, User]:
    """Folded name -> active member; homonyms go to a participant, else to the oldest account."""
    if not names:
        return {}
    rows = db.session.scalars(
        select(User).where(User.status == STATUS_ACTIVE, User.search_name.in_(names)).order_by(User.id)
    )
    preferred = set(prefer)
    found: dict[str, User] = {}
    for user in rows:
        current = found.get(user.search_name)
        if current is None or (user.id in preferred and current.id not in preferred):
            found[user.search_name] = user
    return found


def profile_path(user: User) -> str:
    """``/membres/<id>``: the member's profile, built without a request (seed, CLI)."""
    return current_app.url_map.bind("localhost").build("users.profile", {"user_id": user.id})


def link_mentions(html: str, prefer: Iterable[int] = ()) -> Rendered:
    """Turn ``@Prénom Nom`` of known active members in sanitised ``html`` into profile links."""
    if "@" not in html:
        return Rendered(html)
    pieces = _TAG.split(html)
    members = _members(candidates(unescape(_TAG.sub(" ", html))), prefer)
    if not members:
        return Rendered(html)
    mentioned: dict[int, User] = {}
    skipped_depth = quote_depth = 0
    out = []
    for piece in pieces:
        if piece.startswith("<"):
            tag = _TAG_NAME.match(piece)
            if tag:
                closing, name = tag.group(1) == "/", tag.group(2).lower()
                step = -1 if closing else 1
                if name in _SKIPPED:
                    skipped_depth = max(0, skipped_depth + step)
                elif name == "blockquote":
                    quote_depth = max(0, quote_depth + step)
            out.append(piece)
            continue
        if skipped_depth or "@" not in piece:
            out.append(piece)
            continue
        out.append(_link_text(unescape(piece), members, mentioned if not quote_depth else {}))
    return Rendered(sanitize_html("".join(out)), list(mentioned.values()))


def _link_text(text: str, members: dict[str, User], mentioned: dict[int, User]) -> str:
    """Escaped ``text`` with its mentions as links; records who was mentioned in ``mentioned``."""
    out, position = [], 0
    for match in MENTION.finditer(text):
        for prefix in _prefixes(match.group(1)):
            user = members.get(fold(prefix))
            if user is None:
                continue
            start, end = match.start(), match.start(1) + len(prefix)
            out.append(str(escape(text[position:start])))
            out.append(f'<a href="{profile_path(user)}">@{escape(user.display_name)}</a>')
            mentioned.setdefault(user.id, user)
            position = end
            break
    out.append(str(escape(text[position:])))
    return "".join(out)


SUGGESTIONS = 8


def suggest(query: str, exclude_id: int | None = None, limit: int = SUGGESTIONS) -> list[User]:
    """Active members whose first or last name (any word of it) starts with ``query``, folded."""
    folded = fold(query)
    if not folded:
        return []
    statement = (
        select(User)
        .where(
            User.status == STATUS_ACTIVE,
            User.search_name.startswith(folded, autoescape=True)
            | User.search_name.contains(" " + folded, autoescape=True),
        )
        .order_by(User.search_name, User.id)
        .limit(limit)
    )
    if exclude_id is not None:
        statement = statement.where(User.id != exclude_id)
    return list(db.session.scalars(statement))
