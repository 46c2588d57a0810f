"""The admins' synonym groups: list, add, edit, delete. Flush, never commit.

Every change forgets this process's compiled dictionary (:func:`vocabulary.invalidate`); the
other processes see it within ``SEARCH_SYNONYMS_TTL`` seconds.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import func, select

from pvd_network.extensions import db
from pvd_network.search import vocabulary
from pvd_network.search.models import Synonym

MAX_EXPRESSIONS = 20
MAX_EXPRESSION_LENGTH = 120
MAX_NOTE_LENGTH = 300
_SPACES = re.compile(r"\s+")


class SynonymError(ValueError):
    """Invalid group: ``errors`` maps field names ("terms", "note") to French messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def all_groups() -> list[Synonym]:
    """Every group, in the order they were added."""
    return list(db.session.scalars(select(Synonym).order_by(Synonym.id)))


def get_group(group_id: int) -> Synonym | None:
    return db.session.get(Synonym, group_id)


def ensure_seeded() -> int:
    """Insert the initial groups when the table is empty (first visit of the admin page)."""
    if db.session.scalar(select(func.count(Synonym.id))):
        return 0
    return vocabulary.seed_synonyms()


def clean_terms(text: str) -> list[str]:
    """One expression per line, spaces collapsed, blank lines and repeats dropped."""
    seen: set[str] = set()
    terms: list[str] = []
    for line in (text or "").splitlines():
        term = _SPACES.sub(" ", line).strip()
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            terms.append(term)
    return terms


def _label(group: Synonym) -> str:
    terms = group.term_list
    return ", ".join(terms[:3]) + (" …" if len(terms) > 3 else "")


def check(terms_text: str, note: str, group: Synonym | None = None) -> tuple[list[str], str]:
    """The cleaned expressions and note, or :class:`SynonymError` with French messages."""
    errors: dict[str, str] = {}
    terms = clean_terms(terms_text)
    note = _SPACES.sub(" ", note or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        errors["note"] = _("La note tient en %(max)d caractères au plus.", max=MAX_NOTE_LENGTH)
    analysed: dict[tuple[str, ...], str] = {}
    for term in terms:
        if len(term) > MAX_EXPRESSION_LENGTH:
            errors["terms"] = _(
                "« %(term)s » est trop longue : %(max)d caractères au plus par expression.",
                term=term[:40] + "…",
                max=MAX_EXPRESSION_LENGTH,
            )
            break
        expression = vocabulary.analyse_expression(term)
        if expression is None:
            errors["terms"] = _(
                "« %(term)s » ne contient que des mots trop courants pour être cherchés : "
                "remplacez-la par une expression plus précise.",
                term=term,
            )
            break
        analysed.setdefault(expression.stems, term)
    if "terms" not in errors:
        if len(analysed) < 2:
            errors["terms"] = _("Indiquez au moins deux expressions différentes, une par ligne.")
        elif len(terms) > MAX_EXPRESSIONS:
            errors["terms"] = _("Un groupe compte %(max)d expressions au plus.", max=MAX_EXPRESSIONS)
        else:
            clash = _clash(analysed, group)
            if clash is not None:
                term, other = clash
                errors["terms"] = _(
                    "« %(term)s » figure déjà dans le groupe « %(other)s » : "
                    "une expression n'appartient qu'à un seul groupe.",
                    term=term,
                    other=_label(other),
                )
    if errors:
        raise SynonymError(errors)
    return terms, note


def _clash(analysed: dict[tuple[str, ...], str], group: Synonym | None) -> tuple[str, Synonym] | None:
    """The first expression that another group already has (compared after analysis)."""
    for other in all_groups():
        if group is not None and other.id == group.id:
            continue
        for existing in other.term_list:
            expression = vocabulary.analyse_expression(existing)
            if expression is not None and expression.stems in analysed:
                return analysed[expression.stems], other
    return None


def add_group(terms_text: str, note: str = "") -> Synonym:
    """Add a group of equivalent expressions."""
    terms, note = check(terms_text, note)
    group = Synonym(terms="\n".join(terms), note=note)
    db.session.add(group)
    db.session.flush()
    vocabulary.invalidate()
    return group


def update_group(group: Synonym, terms_text: str, note: str = "") -> Synonym:
    """Change a group's expressions or note."""
    terms, note = check(terms_text, note, group)
    group.terms = "\n".join(terms)
    group.note = note
    db.session.flush()
    vocabulary.invalidate()
    return group


def delete_group(group: Synonym) -> None:
    """Remove a group: its expressions are no longer expanded."""
    db.session.delete(group)
    db.session.flush()
    vocabulary.invalidate()
