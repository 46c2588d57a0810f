"""The history of a published write-up: its revisions, and what changed from one to the next.

Each field of consecutive snapshots is compared word by word (difflib) and rendered as
escaped HTML with ``<del>``/``<ins>`` and text labels for screen readers, so the diff
reads the same with or without colour.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from flask_babel import format_currency
from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy import select

from pvd_network.extensions import db
from pvd_network.geo.models import Commune
from pvd_network.themes.models import Theme
from pvd_network.writeups.models import SECTIONS, STAGES, VISIBILITIES, Writeup, WriteupRevision

# Unchanged runs longer than this many words are shortened to their ends.
CONTEXT_WORDS = 12
# Values replaced as a whole: a word diff of "1 000 €" -> "250 000 €" would read badly.
ATOMIC_FIELDS = {"commune_insee", "budget_eur", "stage", "year", "visibility"}
_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class FieldChange:
    """One changed field: its French label and the rendered diff."""

    label: str
    diff: Markup


@dataclass
class HistoryEntry:
    """A revision and what it changed compared with the previous one."""

    revision: WriteupRevision
    previous: WriteupRevision | None
    changes: list[FieldChange] = field(default_factory=list)


def _labels() -> list[tuple[str, str]]:
    """Compared fields, in page order, with their French labels."""
    return [
        ("title", _("Titre")),
        ("summary", _("Chapô")),
        ("commune_insee", _("Commune")),
        ("themes", _("Thématiques")),
        *((name, str(title)) for name, title in SECTIONS),
        ("budget_eur", _("Budget total")),
        ("funders", _("Financeurs")),
        ("partners", _("Partenaires")),
        ("stage", _("Avancement")),
        ("year", _("Année de démarrage")),
        ("visibility", _("Visibilité")),
    ]


class _Readable:
    """Turns a snapshot's stored values into the text readers know (names, labels, amounts)."""

    def __init__(self, contents: list[dict]):
        insees = {content.get("commune_insee") for content in contents} - {None}
        self.communes = {
            c.insee: c.name for c in db.session.scalars(select(Commune).where(Commune.insee.in_(insees)))
        } if insees else {}
        self.themes = {t.slug: t.name for t in db.session.scalars(select(Theme))}

    def text(self, content: dict, name: str) -> str:
        value = content.get(name)
        if value in (None, "", []):
            return ""
        if name == "commune_insee":
            return self.communes.get(value, value)
        if name == "themes":
            return "\n".join(self.themes.get(slug, slug) for slug in value)
        if name in ("funders", "partners"):
            return "\n".join(value)
        if name == "budget_eur":
            return format_currency(value, "EUR", format="#,##0\u00a0¤", currency_digits=False)
        if name == "stage":
            return str(STAGES.get(value, value))
        if name == "visibility":
            return str(VISIBILITIES.get(value, value))
        return str(value)


def _words(tokens: list[str], start: int, end: int) -> str:
    return "".join(tokens[start:end])


def _shorten(tokens: list[str], first: bool, last: bool) -> Markup:
    """An unchanged run, cut in its middle when long (keeping the words around the changes)."""
    words = [i for i, token in enumerate(tokens) if not token.isspace()]
    if len(words) <= 2 * CONTEXT_WORDS:
        return escape("".join(tokens))
    gap = Markup('<span class="pvd-diff__gap">[…]</span>')
    head = "" if first else "".join(tokens[: words[CONTEXT_WORDS - 1] + 1])
    tail = "" if last else "".join(tokens[words[-CONTEXT_WORDS]:])
    return escape(head) + (Markup(" ") if head else Markup("")) + gap + Markup(" ") + escape(tail)


def diff_text(old: str, new: str, atomic: bool = False) -> Markup:
    """A word-level diff of two texts (or, ``atomic``, of whole values): escaped, ``<del>``/``<ins>``
    marked and labelled."""
    if atomic:
        before, after = ([old] if old else []), ([new] if new else [])
    else:
        before, after = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    opcodes = matcher.get_opcodes()
    parts: list[Markup] = []
    removed_label = escape(_("Texte supprimé :"))
    added_label = escape(_("Texte ajouté :"))
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            parts.append(_shorten(before[i1:i2], first=index == 0, last=index == len(opcodes) - 1))
            continue
        if tag in ("delete", "replace"):
            parts.append(Markup('<del class="pvd-diff__del"><span class="fr-sr-only">{} </span>{}</del>')
                         .format(removed_label, _words(before, i1, i2)))
        if tag in ("insert", "replace"):
            parts.append(Markup('<ins class="pvd-diff__ins"><span class="fr-sr-only">{} </span>{}</ins>')
                         .format(added_label, _words(after, j1, j2)))
    return Markup("").join(parts)


def compare(old: dict, new: dict, readable: _Readable) -> list[FieldChange]:
    """The fields that differ between two snapshots, with their diffs."""
    changes = []
    for name, label in _labels():
        before, after = readable.text(old, name), readable.text(new, name)
        if before != after:
            diff = diff_text(before, after, atomic=name in ATOMIC_FIELDS)
            changes.append(FieldChange(label=label, diff=diff))
    return changes


def compare_contents(old: dict, new: dict) -> list[FieldChange]:
    """What changed between two snapshots (e.g. the published revision and the content under review)."""
    return compare(old, new, _Readable([old, new]))


def history(writeup: Writeup) -> list[HistoryEntry]:
    """Every revision of ``writeup``, newest first, each with its changes from the previous one."""
    revisions = list(
        db.session.scalars(
            select(WriteupRevision)
            .where(WriteupRevision.writeup_id == writeup.id)
            .order_by(WriteupRevision.number)
        )
    )
    readable = _Readable([revision.content for revision in revisions])
    entries = []
    previous = None
    for revision in revisions:
        entry = HistoryEntry(revision=revision, previous=previous)
        if previous is not None:
            entry.changes = compare(previous.content, revision.content, readable)
        entries.append(entry)
        previous = revision
    return list(reversed(entries))
